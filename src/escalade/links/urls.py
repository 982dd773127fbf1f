from django.urls import path

from escalade.links import views

app_name = "links"

urlpatterns = [
    path("tickets/<int:pk>/liens/ajouter/", views.link_add, name="add"),
    path("tickets/<int:pk>/liens/<int:link_pk>/retirer/", views.link_remove, name="remove"),
    path("tickets/<int:pk>/clore/", views.close, name="close"),
    path("tickets/<int:pk>/fusionner/", views.merge, name="merge"),
    path("tickets/<int:pk>/incident-en-cours/", views.known_mark, name="known_mark"),
    path("tickets/<int:pk>/incident-en-cours/retirer/", views.known_unmark, name="known_unmark"),
    path("tickets/<int:pk>/diffuser/", views.broadcast, name="broadcast"),
    path("incidents-en-cours/<int:pk>/concerne/", views.concerned, name="concerned"),
]
