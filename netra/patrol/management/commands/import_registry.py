"""`manage.py import_registry FILE [--user USERNAME]`: load the election registry's patrol data
(contestants' nicknames, taglines, slogans, hashtags, gestures and accounts) from a JSON or YAML file
(format: docs/patrol.md). All or nothing; exits 1 listing every problem as "where: why"."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from netra.patrol.registry_io import RegistryFormatError, registry_load_file, registry_specs
from netra.patrol.services.registry import registry_import


class Command(BaseCommand):
    help = "Import an election registry file (JSON/YAML, docs/patrol.md) into the patrol tables."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .json, .yaml or .yml file")
        parser.add_argument("--user", default="", help="record the change as this user (default: the system)")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"File not found: {path}")
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"Unknown user: {options['user']}")
        try:
            result = registry_import(actor=actor, specs=registry_specs(registry_load_file(path)))
        except RegistryFormatError as exc:
            for error in exc.errors:
                self.stderr.write(f"{path.name}: {error}")
            raise CommandError(f"{len(exc.errors)} problem(s); nothing was imported.") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.created} contestant(s) created, {result.updated} updated, {result.accounts} account(s)."
            )
        )
