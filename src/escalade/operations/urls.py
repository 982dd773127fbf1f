from django.urls import path

from escalade.operations import views

app_name = "operations"
urlpatterns = [
    path("sante/pret/", views.ready, name="ready"),
    path("sante/metriques/", views.metrics, name="metrics"),
]
