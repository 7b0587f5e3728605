"""Settings of the test Django project (tests/django/README.md).

The database is JAO_DJANGO_DB: a SQLite file path (or sqlite:///path), or a
postgresql:// / postgres:// URL in the form jao-ingest's --db takes, with the
socket directory and port either in the authority or as ?host=&port=
(scripts/with-postgres.sh gives postgresql://jao@/jao_test?host=DIR&port=N).
"""
import os
from urllib.parse import parse_qs, unquote, urlsplit

SECRET_KEY = "jao-ingest-test-project-not-secret"
DEBUG = False
ALLOWED_HOSTS = []
USE_TZ = True
TIME_ZONE = "UTC"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

INSTALLED_APPS = [
    "organisations",
    "roles",
    "vacancies",
    "application_statistics",
]


def database_from(text):
    """Django's DATABASES["default"] for a JAO_DJANGO_DB value."""
    if text.startswith(("postgresql://", "postgres://")):
        url = urlsplit(text)
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(url.path.lstrip("/")),
            "USER": unquote(url.username or query.get("user", "")),
            "PASSWORD": unquote(url.password or query.get("password", "")),
            "HOST": unquote(url.hostname or "") or query.get("host", ""),
            "PORT": str(url.port or query.get("port", "")),
        }
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///"):]
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": text}


DATABASES = {"default": database_from(os.environ.get("JAO_DJANGO_DB", "jao.sqlite3"))}
