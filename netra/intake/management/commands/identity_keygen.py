"""`manage.py identity_keygen`: print a new key pair for sealing reporter identities."""

from django.core.management.base import BaseCommand

from netra.intake.crypto import generate_keypair


class Command(BaseCommand):
    help = "Generate an X25519 key pair for NETRA_IDENTITY_PUBLIC_KEY / NETRA_IDENTITY_PRIVATE_KEYS."

    def add_arguments(self, parser):
        parser.add_argument("--key-id", default="i2")

    def handle(self, *args, **options):
        public, private = generate_keypair()
        key_id = options["key_id"]
        self.stdout.write(f"NETRA_IDENTITY_KEY_ID={key_id}")
        self.stdout.write(f"NETRA_IDENTITY_PUBLIC_KEY={public}")
        self.stdout.write(f"# officers' tier only, appended to the existing ones: {key_id}={private}")
