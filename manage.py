#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "techgouv.settings")
    if "SECRET_KEY" not in os.environ and "DEBUG" not in os.environ:
        # A developer's checkout (nothing configured): development settings, as `make run`.
        # A deployment always sets SECRET_KEY, so there DEBUG keeps its strict default (false);
        # the web server (techgouv/wsgi.py) never takes this shortcut.
        os.environ["DEBUG"] = "true"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
