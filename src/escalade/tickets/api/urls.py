"""Escalade's REST API v1 (namespace ``api``), mounted at /api/v1/."""

from django.urls import path

from escalade.accounts import api as accounts_api
from escalade.tickets.api import docs as api_docs
from escalade.tickets.api import views as api

app_name = "api"

urlpatterns = [
    path("tickets/", api.TicketCollection.as_view(), name="tickets"),
    path("tickets/<int:pk>/", api.TicketDetail.as_view(), name="ticket"),
    path("tickets/<int:pk>/actors/", api.ActorAdd.as_view(), name="actor_add"),
    path("tickets/<int:pk>/actors/<int:actor_id>/", api.ActorRemove.as_view(), name="actor_remove"),
    path("tickets/<int:pk>/take/", api.Take.as_view(), name="take"),
    path("tickets/<int:pk>/escalate/", api.Escalate.as_view(), name="escalate"),
    path("tickets/<int:pk>/followups/", api.FollowupAdd.as_view(), name="followup_add"),
    path("tickets/<int:pk>/tasks/", api.TaskAdd.as_view(), name="task_add"),
    path("tickets/<int:pk>/solution/", api.SolutionAdd.as_view(), name="solution_add"),
    path("tickets/<int:pk>/solution/approve/", api.Approve.as_view(), name="approve"),
    path("tickets/<int:pk>/solution/refuse/", api.Refuse.as_view(), name="refuse"),
    path("attachments/<int:pk>/", api.AttachmentDownload.as_view(), name="attachment"),
    path("categories/", api.CategoryList.as_view(), name="categories"),
    path("groups/", api.GroupList.as_view(), name="groups"),
    path("users/", api.UserList.as_view(), name="users"),
    path("me/", accounts_api.Me.as_view(), name="me"),
    path("tokens/", accounts_api.TokenCollection.as_view(), name="tokens"),
    path("tokens/<int:pk>/", accounts_api.TokenRevoke.as_view(), name="token_revoke"),
    path("docs-assets/<str:name>", api_docs.asset, name="docs_asset"),
]
