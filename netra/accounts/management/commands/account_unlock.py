"""`manage.py account_unlock USERNAME [...]`: lift a login lockout (audited, like the admin action)."""

from django.core.management.base import BaseCommand

from netra.accounts.services import account_unlock


class Command(BaseCommand):
    help = "Lift the login lockout of one or more usernames (after too many wrong passwords)."

    def add_arguments(self, parser):
        parser.add_argument("usernames", nargs="+")

    def handle(self, *args, usernames, **options):
        for username in usernames:
            cleared = account_unlock(actor=None, username=username)
            self.stdout.write(f"{username}: {cleared} failed attempt record(s) cleared")
