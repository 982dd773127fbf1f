from django.contrib.auth import views as auth_views
from django.urls import path

from escalade.accounts import views

app_name = "accounts"

urlpatterns = [
    path("connexion/", auth_views.LoginView.as_view(), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("profil/", views.profile_switch, name="switch_profile"),
    path("entite/", views.entity_switch, name="switch_entity"),
    path("entites/", views.entity_chooser, name="entity_chooser"),
]
