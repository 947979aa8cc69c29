from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/v1/", include("annotations.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its script as a file: no inline script, as the CSP asks.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("annotations.urls")),
]

# 413 for an oversized body, 503 while the database is away, a JSON 404 under /api/, the app's own
# 400/403/404 pages (annotations.errors).
handler400 = "annotations.errors.bad_request"
handler403 = "annotations.errors.permission_denied"
handler404 = "annotations.errors.page_not_found"
handler500 = "annotations.errors.server_error"
