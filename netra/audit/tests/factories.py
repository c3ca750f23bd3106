"""No factory for the audit log, on purpose.

`AuditLogEntry` rows are append-only and form an HMAC-SHA256 chain: each row's `seq` follows the last
one under an advisory lock, and its `hash` covers its own content and the previous row's hash with
NETRA_AUDIT_CHAIN_KEY. The only writer is `netra.audit.services.audit_record`, called by every
state-changing service inside its transaction. A factory would have to either repeat that service (a
second writer to keep in step with the chain's format) or write rows with made-up `seq`/`hash`, which
`audit_chain_verify` rightly reports as tampering and which the PostgreSQL trigger (migration 0002)
refuses to change afterwards.

So a test that needs audit rows makes them the way production does: by calling the service whose
audit row it wants (e.g. `agency_update`, `case_transition`), or, for the log itself, `audit_record`
inside `transaction.atomic()`::

    with transaction.atomic():
        entry = audit_record(actor=officer, action="uji.catat", instance=case, after={"state": "x"})

`netra/audit/tests/test_chain.py` tampers with rows only through raw SQL, to prove the chain detects it.
"""
