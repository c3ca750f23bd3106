"""Celery application. Without REDIS_URL, tasks run eagerly in-process (the embedded default)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

# DeferrableTask: a task that cannot be queued while Redis is down is kept in PostgreSQL (issue 13).
app = Celery("netra", task_cls="netra.core.deferred:DeferrableTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
