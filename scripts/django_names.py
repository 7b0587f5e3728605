#!/usr/bin/env python3
"""Prints the index and constraint names Django's migrations give the
jao schema (spec/jao-schema.md), for src/db/sqlite/index_names.cc and
src/db/postgres/index_names.cc.

Re-implements, from Django's documented behaviour, BaseDatabaseSchemaEditor.
_create_index_name: "<table>_<cols>_<md5(table, *cols)[:8]><suffix>", shortened
when longer than the backend's limit (SQLite: ops.max_name_length() is None,
so Django falls back to 200; PostgreSQL: 63). Run: python3 scripts/django_names.py sqlite|postgres
"""
import hashlib

LOOKUPS = ["agegroup", "disability", "ethnicgroup", "ethnicity", "gender",
           "religion", "sexualorientation"]
FK_COLUMNS = ["age_group_id", "disability_id", "ethnic_group_id",
              "ethnicity_id", "gender_id", "religion_id",
              "sexual_orientation_id"]


def names_digest(*args, length):
    h = hashlib.md5()
    for arg in args:
        h.update(arg.encode("utf-8"))
    return h.hexdigest()[:length]


def index_name(table, columns, suffix, max_length):
    hash_suffix_part = names_digest(table, *columns, length=8) + suffix
    name = "%s_%s_%s" % (table, "_".join(columns), hash_suffix_part)
    if len(name) <= max_length:
        return name
    if len(hash_suffix_part) > max_length / 3:
        hash_suffix_part = hash_suffix_part[: max_length // 3]
    other_length = (max_length - len(hash_suffix_part)) // 2 - 1
    name = "%s_%s_%s" % (table[:other_length],
                         "_".join(columns)[:other_length], hash_suffix_part)
    if name[0] == "_" or name[0].isdigit():
        name = "D%s" % name[:-1]
    return name


# (table, fk column, referenced table); a unique FK (the OneToOneField
# vacancystatistic.vacancy_id) gets no separate index from Django.
UNIQUE_FKS = {("application_statistics_vacancystatistic", "vacancy_id")}
FKS = [("vacancies_vacancy", "department_id", "organisations_department"),
       ("vacancies_vacancygrade", "vacancy_id", "vacancies_vacancy"),
       ("vacancies_vacancygrade", "grade_id", "roles_grade"),
       ("vacancies_vacancyroletype", "vacancy_id", "vacancies_vacancy"),
       ("vacancies_vacancyroletype", "role_type_id", "roles_roletype"),
       ("application_statistics_vacancystatistic", "vacancy_id",
        "vacancies_vacancy")]
for lookup, col in zip(LOOKUPS, FK_COLUMNS):
    t = "application_statistics_%sstatistic" % lookup
    FKS.append((t, "vacancy_id", "vacancies_vacancy"))
    FKS.append((t, col, "application_statistics_%s" % lookup))

UNIQUE_TOGETHER = [("vacancies_vacancygrade", ["vacancy_id", "grade_id"]),
                   ("vacancies_vacancyroletype", ["vacancy_id", "role_type_id"])]
for lookup, col in zip(LOOKUPS, FK_COLUMNS):
    UNIQUE_TOGETHER.append(("application_statistics_%sstatistic" % lookup,
                            ["vacancy_id", col]))

# varchar unique columns get a second, pattern-ops index on PostgreSQL.
LIKE = [("organisations_department", "name"), ("roles_grade", "description"),
        ("roles_roletype", "description")]
LIKE += [("application_statistics_%s" % l, "description") for l in LOOKUPS]

def row(table, cols, name):
    columns = '"%s"' % cols[0] + (', "%s"' % cols[1] if len(cols) > 1 else "")
    return '      {"%s",\n       {%s},\n       "%s"},' % (table, columns, name)


def cpp_rows(backend):
    """Prints the initializer rows of src/db/<backend>/index_names.cc."""
    limit = 200 if backend == "sqlite" else 63
    indexed = [(t, c) for t, c, _ in FKS if (t, c) not in UNIQUE_FKS]
    print("// ForeignKeyIndexes()")
    for table, col in indexed:
        print(row(table, [col], index_name(table, [col], "", limit)))
    if backend == "postgres":
        print("// ForeignKeyConstraints()")
        for table, col, to in FKS:
            print(row(table, [col],
                      index_name(table, [col], "_fk_%s_id" % to, 63)))
    print("// UniqueTogethers()")
    for table, cols in UNIQUE_TOGETHER:
        print(row(table, cols, index_name(table, cols, "_uniq", limit)))
    if backend == "postgres":
        print("// LikeIndexes()")
        for table, col in LIKE:
            print(row(table, [col], index_name(table, [col], "_like", 63)))


if __name__ == "__main__":
    # Self-check against a name Django itself produced (contenttypes 0001).
    assert index_name("django_content_type", ["app_label", "model"], "_uniq",
                      200) == "django_content_type_app_label_model_76bd3d3b_uniq"
    assert index_name("auth_permission", ["content_type_id"],
                      "_fk_django_content_type_id", 63) == \
        "auth_permission_content_type_id_2f476e4b_fk_django_co"
    import sys
    backend = sys.argv[1] if len(sys.argv) > 1 else ""
    if backend not in ("sqlite", "postgres"):
        sys.exit("usage: python3 scripts/django_names.py sqlite|postgres")
    cpp_rows(backend)
