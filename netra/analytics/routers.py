"""Dashboard reads from a PostgreSQL read replica, when one is configured (`DATABASE_REPLICA_URL`).

Only the fact table is read there: it is what the dashboards aggregate (heavy, read-only, tolerant of a
replica's few milliseconds of lag), while every write and every read of the live case (which must see
its own writes) stays on the primary. Without a replica this router answers nothing and Django uses
the default database.
"""

from django.conf import settings
from django.db import connections


def replica_alias() -> str | None:
    alias = getattr(settings, "NETRA_READ_REPLICA_ALIAS", "replica")
    return alias if alias in connections.settings else None


class ReadReplicaRouter:
    def db_for_read(self, model, **hints):
        if model._meta.app_label == "analytics" and model._meta.model_name == "subjectfact":
            return replica_alias()
        return None

    def db_for_write(self, model, **hints):
        return None

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one physical database: the replica is a copy of the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"  # the replica receives the schema by streaming replication
