"""`manage.py load_rules [--force]`: reload the catalogue from netra/rules/data (audited)."""

from django.core.management.base import BaseCommand

from netra.rules.services import catalogue_sync


class Command(BaseCommand):
    help = (
        "Reload the violation catalogue, sanctions, oversight bodies and routing rules from "
        "netra/rules/data. Values an administrator changed are kept unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite levels, dates and routing targets an administrator changed.",
        )

    def handle(self, *args, force: bool = False, **options):
        result = catalogue_sync(actor=None, force=force)
        for kept in result.kept:
            self.stdout.write(
                self.style.WARNING(
                    f"Kept {kept.model} {kept.key}.{kept.field} = {kept.current!s} "
                    f"(data file: {kept.catalogue!s}); use --force to overwrite."
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Catalogue: {result.created} created, {result.updated} updated, {result.unchanged} unchanged, "
                f"{result.deactivated} deactivated, {len(result.kept)} administrator value(s) kept."
            )
        )
