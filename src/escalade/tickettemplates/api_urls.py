from django.urls import path

from escalade.tickettemplates import api

app_name = "tickettemplates_api"

urlpatterns = [
    path("ticket-templates/", api.TemplateCollection.as_view(), name="list"),
    path("ticket-templates/<int:pk>/", api.TemplateDetail.as_view(), name="detail"),
]
