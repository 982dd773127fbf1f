from django.urls import path

from escalade.satisfaction import api

app_name = "satisfaction_api"

urlpatterns = [
    path("tickets/<int:pk>/satisfaction/", api.TicketSurvey.as_view(), name="ticket"),
]
