from django.urls import path

from escalade.itiltemplates import api

app_name = "itiltemplates_api"

urlpatterns = [
    path("tickets/<int:pk>/templates/<str:kind>/", api.TicketTemplates.as_view(), name="ticket"),
    path("solution-types/", api.SolutionTypeList.as_view(), name="solution_types"),
]
