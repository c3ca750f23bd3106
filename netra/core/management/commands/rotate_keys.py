"""`manage.py rotate_keys [--batch N] [--check]`: re-seal identities, witnesses and evidence files to the
current office key (NETRA_IDENTITY_KEY_ID), in batches, while the old private key still opens them.
Run on the officers' tier; `--check` prints what still names an old key (0: the old key can go).
See netra/core/keys.py and docs/operations.md."""

import json

from django.core.management.base import BaseCommand, CommandError

from netra.core import sealing
from netra.core.keys import keys_rotate, rotation_pending


class Command(BaseCommand):
    help = "Re-seal everything sealed to an old identity key to the current key (key rotation)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500, help="rows (and files) per transaction")
        parser.add_argument("--check", action="store_true", help="only report what is left to re-seal")

    def handle(self, *args, **options):
        if options["check"]:
            pending = rotation_pending()
            self.stdout.write(
                json.dumps({"key_id": pending.key_id, "pending": pending.rows, "files": pending.files})
            )
            return
        try:
            done = keys_rotate(batch=max(1, options["batch"]))
        except sealing.KeyUnavailableError as exc:
            raise CommandError(
                f"{exc}: keep the old private key on this server until rotation is done"
            ) from exc
        left = rotation_pending()
        self.stdout.write(
            json.dumps(
                {"key_id": done.key_id, "resealed": done.rows, "files": done.files, "left": left.total}
            )
        )
