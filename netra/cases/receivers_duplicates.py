"""A new case looks for its possible duplicates as it opens (signal `case_opened`)."""

import logging

from django.db import DatabaseError, transaction
from django.dispatch import receiver

from netra.cases.signals import case_opened

logger = logging.getLogger(__name__)


@receiver(case_opened, dispatch_uid="cases.flag_duplicates")
def _flag_duplicates(sender, case, **kwargs) -> None:
    from netra.cases.services.duplicates import case_flag_duplicates

    # The check is advice to the officer: it must never keep a laporan from opening its case (its
    # legal clocks run from receipt). A failure is logged and rolled back to this savepoint only.
    try:
        with transaction.atomic():
            case_flag_duplicates(case=case)
    except (DatabaseError, ValueError, LookupError):
        logger.exception("Duplicate check failed for case %s", case.pk)
