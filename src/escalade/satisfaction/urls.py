from django.urls import path

from escalade.satisfaction import views

app_name = "satisfaction"

urlpatterns = [
    path("enquete/<str:token>/", views.answer_by_link, name="answer"),
    path("tickets/<int:pk>/satisfaction/", views.ticket_survey, name="ticket"),
]
