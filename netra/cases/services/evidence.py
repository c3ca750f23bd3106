"""Opening a case's evidence through the case: what forwarding shares with the oversight body, the PPK
and other recipients (netra.cases.selectors.casefile; docs/domain/access.md).

Only the display copy leaves this way (metadata removed: EXIF/GPS, document authors; see
netra.evidence.stripping); a file without one (video, legacy Office: nothing strips them) is listed with
its hashes but cannot be opened here. The original (with metadata) stays behind the report's page,
Bawaslu's, and `evidence.download_original`.

Every opening is a custody event ("Dilihat", netra.evidence). When the reader is not Bawaslu, the file
has crossed from the office that holds the reporter's submission to another agency: that disclosure
is also an audit row (`evidence.view_shared`, UU 27/2022 PDP: a record of who received personal data)
and a line on the case timeline for Bawaslu. Bawaslu's own openings stay in the custody chain only
(reads do not write to the audit log; the permission test base checks that for Bawaslu's calls).
"""

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from netra.agencies.models import AgencyFamily
from netra.audit.services import audit_record
from netra.cases.models import CaseEvent, EventKind
from netra.cases.selectors.casefile import case_evidence_get
from netra.core.exceptions import NotFoundError, PermissionDeniedError
from netra.core.scoping import scope_for
from netra.evidence.services import download_name, evidence_open


def case_evidence_open(*, case_id: int, evidence_id: int, user) -> tuple[File, str]:
    """The display copy of one evidence file of a case the user may view, and its neutral download
    name (`bukti-<id>.<ext>`, never the reporter's file name). Out of scope: NotFoundError; in scope
    without `evidence.view_evidence` (read-only observers): PermissionDeniedError. The caller closes
    the file."""
    case, evidence = case_evidence_get(case_id=case_id, evidence_id=evidence_id, user=user)
    if not user.has_perm("evidence.view_evidence"):
        raise PermissionDeniedError(_("Anda tidak berwenang membuka berkas bukti."))
    if not evidence.display or not evidence.stripped:
        raise NotFoundError(
            _("Salinan tampilan sudah dihapus (retensi).")
            if evidence.purged_at
            else _("Bukti ini tidak memiliki salinan tampilan tanpa metadata."),
            code="no-display-copy",
        )
    shared = scope_for(user).agency_family != AgencyFamily.BAWASLU
    agency = user.agency
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        context = _("Melalui kasus %(case)s oleh %(agency)s.") % {"case": case, "agency": agency or "-"}
        handle, name = evidence_open(evidence=evidence, user=user, variant="display", context=context)
        try:
            if shared:
                audit_record(
                    actor=user,
                    action="evidence.view_shared",
                    instance=evidence,
                    after={
                        "case_id": case.pk,
                        "agency_id": getattr(agency, "pk", None),
                        "variant": "display",
                        "display_sha256": evidence.display_sha256,
                    },
                )
                CaseEvent.objects.create(
                    case=case,
                    kind=EventKind.DOCUMENT,
                    actor=user,
                    agency=agency,
                    text=_("Salinan bukti %(name)s dibuka oleh %(who)s (%(agency)s).")
                    % {
                        "name": download_name(evidence, variant="display"),
                        "who": user.get_username(),
                        "agency": agency or "-",
                    },
                    data={"evidence_id": evidence.pk, "viewed": True},
                    visible_to=AgencyFamily.BAWASLU,
                )
        except BaseException:
            handle.close()
            raise
    return handle, name
