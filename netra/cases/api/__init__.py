"""The case API at /api/v1/cases/: one router per area, all scoped by `restrict`, all writes audited.

Areas: core (cases, transitions, subjects, deadlines, notes), documents, the case file's evidence,
clarifications, duplicates.
"""

from ninja import Router

from netra.cases.api import clarifications, core, deadlines, documents, duplicates, evidence

router = Router()
router.add_router("", deadlines.router)  # before core: /cases/deadlines/… is not a case id
router.add_router("", core.router)
router.add_router("", documents.router)
router.add_router("", evidence.router)
router.add_router("", clarifications.router)
router.add_router("", duplicates.router)
