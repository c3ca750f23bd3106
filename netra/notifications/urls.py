from django.urls import path

from netra.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:notification_id>/buka/", views.open_notification, name="open"),
    path("baca-semua/", views.read_all, name="read_all"),
]
