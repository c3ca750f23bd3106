"""Permission cases (netra.core.testing.EndpointCase) for the whole case API, one module per area.
Collected by netra/core/tests/test_api_permissions.py, which fails if any secured endpoint lacks one.

World keys available (see netra/cases/tests/fixtures.py `case_world`): users ri, kaltim, bpp, bpp_sel,
jateng, pbg, bkn, pemkot, bkpsdm, inspektorat (agency admins), bpp_officer, bpp_viewer, bpp_head,
bkn_officer, bkn_viewer, bkpsdm_officer, pbg_head, kaltim_head, platform, orphan; objects report, case
(Balikpapan, in kajian awal).
"""

from netra.cases.tests.permission_cases_clarifications import CASES as CLARIFICATIONS
from netra.cases.tests.permission_cases_core import CASES as CORE
from netra.cases.tests.permission_cases_deadlines import CASES as DEADLINES
from netra.cases.tests.permission_cases_documents import CASES as DOCUMENTS
from netra.cases.tests.permission_cases_duplicates import CASES as DUPLICATES
from netra.cases.tests.permission_cases_evidence import CASES as EVIDENCE
from netra.notifications.tests.permission_cases import CASES as NOTIFICATIONS

CASES = [*CORE, *DOCUMENTS, *EVIDENCE, *CLARIFICATIONS, *DUPLICATES, *DEADLINES, *NOTIFICATIONS]
