from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from escalade.core import errors
from escalade.core import views as core_views
from escalade.tickets import views_home
from escalade.tickets.api import docs as api_docs

urlpatterns = [
    path("", views_home.home, name="home"),
    path("", include("escalade.tickets.urls")),
    path("", include("escalade.satisfaction.urls")),
    path("", include("escalade.stats.urls")),
    path("", include("escalade.onbehalf.urls")),
    path("gabarits/", include("escalade.tickettemplates.urls")),
    path("", include("escalade.knowbase.urls")),
    path("", include("escalade.itiltemplates.urls")),
    path("compte/", include("escalade.accounts.urls")),
    path("identite/", include("escalade.identity.urls")),
    path("validations/", include("escalade.validations.urls")),
    path("api/v1/", include("escalade.tickets.api.urls")),
    path("", include("escalade.links.urls")),
    path("", include("escalade.bulk.urls")),
    path("api/v1/", include("escalade.satisfaction.api_urls")),
    path("api/v1/", include("escalade.stats.api_urls")),
    path("api/v1/", include("escalade.validations.api_urls")),
    path("api/v1/", include("escalade.links.api_urls")),
    path("api/v1/", include("escalade.bulk.api_urls")),
    path("api/v1/", include("escalade.tickettemplates.api_urls")),
    path("api/v1/", include("escalade.knowbase.api_urls")),
    path("api/v1/", include("escalade.itiltemplates.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", api_docs.docs, name="api-docs"),
    path("apirest.php", include("escalade.glpi.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sante/", core_views.health, name="health"),
    path("", include("escalade.operations.urls")),
]

handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error
