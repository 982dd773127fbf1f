"""Pages of the ticket templates (namespace ``tickettemplates``)."""

from django.urls import path

from escalade.tickettemplates import views

app_name = "tickettemplates"

urlpatterns = [
    path("completer/<str:token>/", views.complete, name="complete"),
]
