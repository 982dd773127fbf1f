from django.urls import path

from escalade.knowbase import views

app_name = "knowbase"

urlpatterns = [
    path("faq/", views.article_list, {"faq": True}, name="faq"),
    path("base-de-connaissances/", views.article_list, name="list"),
    path("base-de-connaissances/nouveau/", views.article_create, name="create"),
    path("base-de-connaissances/suggestions/", views.suggestions, name="suggestions"),
    path("base-de-connaissances/<int:pk>/", views.article_detail, name="detail"),
    path("base-de-connaissances/<int:pk>/modifier/", views.article_edit, name="edit"),
    path("base-de-connaissances/<int:pk>/supprimer/", views.article_delete, name="delete"),
    path("base-de-connaissances/<int:pk>/resolu/", views.article_resolved, name="resolved"),
    path(
        "base-de-connaissances/documents/<int:pk>/",
        views.attachment_download,
        name="attachment",
    ),
    path(
        "tickets/<int:pk>/solutions/<int:solution_id>/base-de-connaissances/",
        views.from_solution,
        name="from_solution",
    ),
]
