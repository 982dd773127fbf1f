from django.contrib import admin
from django.urls import include, path

from escalade.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("", include("escalade.tickets.urls")),
    path("compte/", include("escalade.accounts.urls")),
    path("identite/", include("escalade.identity.urls")),
    path("api/v1/", include("escalade.tickets.api_urls")),
    path("apirest.php", include("escalade.glpi.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sante/", core_views.health, name="health"),
]
