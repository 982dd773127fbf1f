from django.urls import path

from escalade.validations import api

app_name = "validations_api"

urlpatterns = [
    path(
        "tickets/<int:pk>/validations/",
        api.TicketValidations.as_view(),
        name="ticket_validations",
    ),
    path("validations/mine/", api.MyValidations.as_view(), name="mine"),
    path("validations/<int:pk>/answer/", api.ValidationAnswer.as_view(), name="answer"),
]
