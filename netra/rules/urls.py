from django.http import HttpResponse
from django.urls import path

app_name = "rules"


def _placeholder(request):
    return HttpResponse("")


urlpatterns = [
    path("", _placeholder, name="rulebook"),
    path("cek/", _placeholder, name="self_check"),
]
