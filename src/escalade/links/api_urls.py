from django.urls import path

from escalade.links import api

app_name = "links_api"

urlpatterns = [
    path("tickets/<int:pk>/links/", api.TicketLinks.as_view(), name="links"),
    path("tickets/<int:pk>/links/<int:link_pk>/", api.TicketLinkDetail.as_view(), name="link"),
    path("tickets/<int:pk>/merge/", api.TicketMerge.as_view(), name="merge"),
    path("tickets/<int:pk>/known-incident/", api.TicketKnownIncident.as_view(), name="known"),
    path("tickets/<int:pk>/broadcast/", api.TicketBroadcast.as_view(), name="broadcast"),
    path("known-incidents/", api.KnownIncidents.as_view(), name="known_incidents"),
    path(
        "known-incidents/<int:pk>/concerned/",
        api.KnownIncidentConcerned.as_view(),
        name="concerned",
    ),
]
