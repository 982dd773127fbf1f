from django.urls import path

from escalade.validations import views

app_name = "validations"

urlpatterns = [
    path("", views.to_validate, name="to_validate"),
    path("lien/<str:token>/", views.answer, name="answer"),
    path("ticket/<int:pk>/demander/", views.request_validation, name="request"),
]
