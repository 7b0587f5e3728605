"""`manage.py jao_schema_change NAME`: changes the migrated schema the way an
app's next migration would, with Django's own schema editor (the DDL a
migration runs), without a migration file: the committed migrations stay the
ones makemigrations generates for the spec's models. The changes are issue
22's table; run_tests.py checks what jao-ingest does on each."""
from django.core.management.base import BaseCommand
from django.db import connection, models

from roles.models import Grade
from vacancies.models import Vacancy


def new_field(field, name):
    field.set_attributes_from_name(name)
    return field


def rename_grade(editor):
    editor.alter_db_table(Grade, "roles_grade", "roles_level")


def add_not_null_column(editor):
    # A NOT NULL field without default: Django fills existing rows with ''
    # and drops the default again, as makemigrations' one-off default would.
    editor.add_field(Vacancy, new_field(models.CharField(max_length=100), "region"))


def drop_summary(editor):
    editor.remove_field(Vacancy, Vacancy._meta.get_field("summary"))


def rename_vacancy(editor):
    editor.alter_db_table(Vacancy, "vacancies_vacancy", "vacancies_posting")


# Issue 22 narrowed title to varchar(40) on a real export; the sample's titles
# are 10 to 34 characters long, so 20 is what splits them.
NARROW_TITLE_LENGTH = 20


def narrow_title(editor):
    editor.alter_field(
        Vacancy,
        Vacancy._meta.get_field("title"),
        new_field(models.CharField(max_length=NARROW_TITLE_LENGTH, null=True), "title"),
    )


def add_nullable_column(editor):
    editor.add_field(Vacancy, new_field(models.TextField(null=True), "extra_note"))


CHANGES = {
    "rename-grade": rename_grade,
    "add-not-null-column": add_not_null_column,
    "drop-summary": drop_summary,
    "rename-vacancy": rename_vacancy,
    "narrow-title": narrow_title,
    "add-nullable-column": add_nullable_column,
}


class Command(BaseCommand):
    help = "Applies one schema change of issue 22's table: " + ", ".join(CHANGES)

    def add_arguments(self, parser):
        parser.add_argument("change", choices=sorted(CHANGES))

    def handle(self, *args, **options):
        with connection.schema_editor() as editor:
            CHANGES[options["change"]](editor)
