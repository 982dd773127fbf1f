"""The ``escalade`` console command: Django's management utility with Escalade's settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "escalade.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    # "escalade seed-bench" and "escalade seed_bench" are the same command.
    if len(argv) > 1 and "-" in argv[1] and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
