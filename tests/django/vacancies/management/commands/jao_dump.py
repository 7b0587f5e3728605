"""`manage.py jao_dump OUT.json`: the jao tables as Django's ORM reads them,
in the shape of fixtures/expect-ingest.mjs's "tables" (fixtures/README.md):
lookup tables as sorted name lists, vacancies by id with their department's
name, links and statistics by vacancy then name. Datetimes are written as
Django's SQLite text (UTC, "YYYY-MM-DD HH:MM:SS[.ffffff]"), decimals as the
str() of the Decimal the ORM returns, so a value the ORM reads differently
from what the file holds shows as a difference."""
import datetime
import json

from django.core.management.base import BaseCommand

from application_statistics import models as stats
from organisations.models import Department
from roles.models import Grade, RoleType
from vacancies.models import Vacancy, VacancyGrade, VacancyRoleType

# (lookup model, statistic model, the statistic's field naming the lookup)
CHARACTERISTICS = [
    (stats.AgeGroup, stats.AgeGroupStatistic, "age_group"),
    (stats.Disability, stats.DisabilityStatistic, "disability"),
    (stats.EthnicGroup, stats.EthnicGroupStatistic, "ethnic_group"),
    (stats.Ethnicity, stats.EthnicityStatistic, "ethnicity"),
    (stats.Gender, stats.GenderStatistic, "gender"),
    (stats.Religion, stats.ReligionStatistic, "religion"),
    (stats.SexualOrientation, stats.SexualOrientationStatistic, "sexual_orientation"),
]


def utf8(text):
    return text.encode("utf-8")


def when(value):
    if value is None:
        return None
    if not isinstance(value, datetime.datetime) or value.utcoffset() is None:
        return "not an aware datetime: %r" % (value,)
    return str(value.astimezone(datetime.timezone.utc).replace(tzinfo=None))


def decimal(value):
    return None if value is None else str(value)


def names(model, field):
    return sorted(model.objects.values_list(field, flat=True), key=utf8)


def dump():
    tables = {
        "organisations_department": names(Department, "name"),
        "roles_grade": names(Grade, "description"),
        "roles_roletype": names(RoleType, "description"),
    }
    for lookup, _, _ in CHARACTERISTICS:
        tables[lookup._meta.db_table] = names(lookup, "description")
    tables["vacancies_vacancy"] = [
        {
            "id": v.id,
            "last_updated": when(v.last_updated),
            "live_date": when(v.live_date),
            "closing_date": when(v.closing_date),
            "is_deleted": v.is_deleted,
            "min_salary": decimal(v.min_salary),
            "max_salary": decimal(v.max_salary),
            "title": v.title,
            "description": v.description,
            "summary": v.summary,
            "department": v.department.name if v.department else None,
        }
        for v in Vacancy.objects.select_related("department").order_by("id")
    ]
    # Through the many-to-many fields, so that the relations are read as the
    # app reads them (vacancy.grades.all()).
    grades, role_types = [], []
    vacancies = Vacancy.objects.prefetch_related("grades", "role_types").order_by("id")
    for v in vacancies:
        for g in sorted(v.grades.all(), key=lambda g: utf8(g.description)):
            grades.append({"vacancy_id": v.id, "grade": g.description})
        for r in sorted(v.role_types.all(), key=lambda r: utf8(r.description)):
            role_types.append({"vacancy_id": v.id, "role_type": r.description})
    tables["vacancies_vacancygrade"] = grades
    tables["vacancies_vacancyroletype"] = role_types
    # The link tables' own row counts, to see duplicates the m2m read hides.
    link_rows = {
        "vacancies_vacancygrade": VacancyGrade.objects.count(),
        "vacancies_vacancyroletype": VacancyRoleType.objects.count(),
    }
    tables["application_statistics_vacancystatistic"] = [
        {
            "vacancy_id": s.vacancy_id,
            "total_applications": s.total_applications,
            "updated_at": when(s.updated_at),
        }
        for s in stats.VacancyStatistic.objects.order_by("vacancy_id")
    ]
    for _, statistic, field in CHARACTERISTICS:
        rows = [
            {
                "vacancy_id": s.vacancy_id,
                "group": getattr(s, field).description,
                "percent_applications": decimal(s.percent_applications),
                "updated_at": when(s.updated_at),
            }
            for s in statistic.objects.select_related(field)
        ]
        rows.sort(key=lambda r: (r["vacancy_id"], utf8(r["group"])))
        tables[statistic._meta.db_table] = rows
    return {"tables": tables, "link_rows": link_rows}


class Command(BaseCommand):
    help = "Writes the jao tables, as the ORM reads them, to a JSON file."

    def add_arguments(self, parser):
        parser.add_argument("out")

    def handle(self, *args, **options):
        with open(options["out"], "w", encoding="utf-8") as out:
            json.dump(dump(), out, ensure_ascii=False)
