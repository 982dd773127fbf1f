"""Pages of « pour le compte de » (namespace ``onbehalf``)."""

from django.urls import path

from escalade.onbehalf import views

app_name = "onbehalf"

urlpatterns = [
    path("tickets/nouveau/acteurs/", views.party_search, name="party_search"),
]
