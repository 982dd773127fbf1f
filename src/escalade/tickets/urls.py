"""Web pages of the ticket domain (namespace ``tickets``)."""

app_name = "tickets"

urlpatterns: list = []
