#!/usr/bin/env python3
"""The test Django project's manage.py; the database comes from JAO_DJANGO_DB
(see jao_site/settings.py). Run with Debian's /usr/bin/python3."""
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jao_site.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
