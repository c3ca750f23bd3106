"""Background jobs of notifications: thin wrappers around services."""

from celery import shared_task

from netra.notifications.services import notifications_email_send, reporter_news_email_send


@shared_task(
    name="notifications.send_email",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    max_retries=5,
)
def notifications_email_task(notification_ids: list[int]) -> int:
    return notifications_email_send(notification_ids=notification_ids)


@shared_task(
    name="notifications.reporter_news",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    max_retries=5,
)
def reporter_news_email_task(report_id: int) -> bool:
    return reporter_news_email_send(report_id=report_id)
