"""Web pages of the ticket domain (namespace ``tickets``)."""

from django.urls import path

from escalade.tickets import views

app_name = "tickets"

urlpatterns = [
    path("tickets/", views.ticket_list, name="list"),
    path("tickets/export.csv", views.ticket_export, name="export"),
    path("tickets/acteurs/", views.actor_options, name="actor_options"),
    path("tickets/nouveau/", views.ticket_create, name="create"),
    path("tickets/<int:pk>/", views.ticket_detail, name="detail"),
    path("tickets/<int:pk>/historique/", views.ticket_history, name="history"),
    path("tickets/<int:pk>/modifier/", views.ticket_update, name="update"),
    path("tickets/<int:pk>/suivi/", views.followup_add, name="followup"),
    path("tickets/<int:pk>/tache/", views.task_add, name="task"),
    path("tickets/<int:pk>/solution/", views.solution_add, name="solution"),
    path("tickets/<int:pk>/document/", views.document_add, name="document"),
    path("tickets/<int:pk>/approuver/", views.solution_approve, name="approve"),
    path("tickets/<int:pk>/refuser/", views.solution_refuse, name="refuse"),
    path("tickets/<int:pk>/prendre/", views.ticket_take, name="take"),
    path("tickets/<int:pk>/escalader/", views.ticket_escalate, name="escalate"),
    path("tickets/<int:pk>/acteurs/ajouter/", views.actor_add, name="actor_add"),
    path("tickets/<int:pk>/acteurs/recherche/", views.actor_search, name="actor_search"),
    path(
        "tickets/<int:pk>/acteurs/<int:actor_pk>/retirer/",
        views.actor_remove,
        name="actor_remove",
    ),
    path("documents/<int:pk>/", views.attachment_download, name="attachment"),
    path("recherches/", views.saved_search_create, name="saved_search_create"),
    path("recherches/<int:pk>/supprimer/", views.saved_search_delete, name="saved_search_delete"),
]
