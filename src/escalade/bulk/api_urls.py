from django.urls import path

from escalade.bulk import api

app_name = "bulk_api"

urlpatterns = [
    path("tickets/massive-actions/", api.MassiveActions.as_view(), name="massive_actions"),
]
