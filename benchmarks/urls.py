from django.http import JsonResponse
from django.urls import path

from factcheck.urls import urlpatterns as app_urlpatterns


def bare(request):
    """The floor: Django's request cycle with no database and no DRF."""
    return JsonResponse({"status": "ok", "items": [1, 2, 3]})


urlpatterns = [path("bench/bare", bare), *app_urlpatterns]
