"""`manage.py seed_demo`: load the demo world and print the demo logins. Refused in production."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from netra.demo.seed import DEMO_PASSWORD, PEOPLE, DemoNotAllowedError, seed_demo


class Command(BaseCommand):
    help = "Create demo offices, officers and a simulated election (idempotent; never in production)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="",
            help="Where the site is served, for the printed links (default: NETRA_SITE_URL, else "
            "http://127.0.0.1:8000). scripts/demo passes the address it starts the server on.",
        )

    def handle(self, *args, **options):
        base = (options["base_url"] or settings.NETRA_SITE_URL or "http://127.0.0.1:8000").rstrip("/")
        if "://" not in base:
            base = f"http://{base}"
        try:
            world = seed_demo()
        except DemoNotAllowedError as exc:
            raise CommandError(str(exc)) from exc
        offices = world["offices"]
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready: {len(offices)} offices, {len(PEOPLE)} officers.")
        )
        self.stdout.write(f"Simulated election: {world['election'].name}\n")
        self.stdout.write(f"Public home page: {base}/")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}) at {base}/akun/masuk/")
        width = max(len(p.username) for p in PEOPLE)
        for person in PEOPLE:
            office = offices[person.office].name if person.office else "-"
            self.stdout.write(f"  {person.username.ljust(width)}  {', '.join(person.roles):28}  {office}")
        self.stdout.write(f"Django admin: {base}/admin/ (user: admin)")
        if settings.NETRA_2FA_REQUIRED:
            self.stdout.write(
                "Two-step verification is ON: pimpinan, petugas and admin enrol an authenticator app "
                "(FreeOTP, Aegis, Google Authenticator) at their first sign-in, then type its 6-digit code."
            )
        else:
            self.stdout.write(
                "Two-step verification is off in this demo (NETRA_2FA_REQUIRED=false; on in production)."
            )
        if world["receipt"]:
            self.stdout.write(
                f"Demo reporter: follow report 1 at {base}/lapor/cek/ with receipt {world['receipt']}"
            )
