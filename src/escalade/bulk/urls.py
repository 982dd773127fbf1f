from django.urls import path

from escalade.bulk import views

app_name = "bulk"

urlpatterns = [path("tickets/actions/", views.apply, name="apply")]
