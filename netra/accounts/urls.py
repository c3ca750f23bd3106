from django.urls import path

from netra.accounts import views

app_name = "accounts"

urlpatterns = [
    path("masuk/", views.StaffLoginView.as_view(), name="login"),
    path("keluar/", views.StaffLogoutView.as_view(), name="logout"),
    path("verifikasi/", views.verify, name="verify"),
    path("verifikasi/daftar/", views.enrol, name="enrol"),
    path("keamanan/", views.security, name="security"),
    path("keamanan/sesi/<int:pk>/akhiri/", views.session_end, name="session_end"),
    path("keamanan/sesi/akhiri-lainnya/", views.sessions_end_others, name="sessions_end_others"),
]
