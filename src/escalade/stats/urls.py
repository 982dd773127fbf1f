from django.urls import path

from escalade.stats import views

app_name = "stats"

urlpatterns = [
    path("statistiques/", views.statistics_page, name="page"),
    path("statistiques/export.csv", views.statistics_export, name="export"),
]
