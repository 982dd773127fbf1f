from django.urls import path

from escalade.itiltemplates import views

app_name = "itiltemplates"

urlpatterns = [
    path("tickets/<int:pk>/modeles/<str:kind>/", views.apply, name="apply"),
]
