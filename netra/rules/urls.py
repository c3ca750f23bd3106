from django.urls import path

from netra.rules import views

app_name = "rules"

urlpatterns = [
    path("", views.rulebook, name="rulebook"),
    path("pelanggaran/<str:code>/", views.violation_detail, name="violation_detail"),
    path("cek/", views.self_check, name="self_check"),
]
