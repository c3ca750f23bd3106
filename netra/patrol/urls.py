from django.urls import path

from netra.patrol import views, views_registry

app_name = "patrol"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("butir/<int:pk>/", views.item_detail, name="item"),
    path("butir/<int:pk>/abaikan/", views.item_dismiss_view, name="item_dismiss"),
    path("butir/<int:pk>/temuan/", views.item_finding_view, name="item_finding"),
    path("tangkap/", views.capture, name="capture"),
    path("muat/", views.loads, name="loads"),
    path("muat/<int:pk>/", views.load_detail, name="load"),
    path("registri/", views_registry.registry, name="registry"),
    path("registri/<int:pk>/", views_registry.registry_contestant, name="registry_contestant"),
    path("registri/<int:pk>/akun/", views_registry.registry_account_add, name="registry_account_add"),
    path(
        "registri/<int:pk>/akun/<int:account_pk>/hapus/",
        views_registry.registry_account_remove,
        name="registry_account_remove",
    ),
    path("akun-asn/", views_registry.asn_accounts, name="asn_accounts"),
    path("akun-asn/<int:pk>/nonaktif/", views_registry.asn_account_off, name="asn_account_off"),
]
