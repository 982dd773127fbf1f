"""GLPI's legacy REST API at /apirest.php/ (namespace ``glpi``).

The main URLconf mounts this at "apirest.php", so every pattern starts with a
slash (written ``[/]`` so that Django's check for a leading slash stays quiet);
trailing and doubled slashes are tolerated, as GLPI's clients expect.
"""

from django.urls import re_path

from escalade.bulk import glpi as bulk_glpi
from escalade.glpi import views

app_name = "glpi"

_ID = r"(?P<pk>-?\d+)"
_TYPE = r"(?P<itemtype>[A-Za-z_]+)"

urlpatterns = [
    re_path(r"^[/]*$", views.root, name="root"),
    re_path(r"^[/]+initSession/*$", views.init_session, name="init_session"),
    re_path(r"^[/]+killSession/*$", views.kill_session, name="kill_session"),
    re_path(r"^[/]+getMyProfiles/*$", views.my_profiles, name="my_profiles"),
    re_path(r"^[/]+getActiveProfile/*$", views.active_profile, name="active_profile"),
    re_path(
        r"^[/]+changeActiveProfile/*$", views.change_active_profile, name="change_active_profile"
    ),
    re_path(r"^[/]+getMyEntities/*$", views.my_entities, name="my_entities"),
    re_path(r"^[/]+getActiveEntities/*$", views.active_entities, name="active_entities"),
    re_path(
        r"^[/]+changeActiveEntities/*$", views.change_active_entities, name="change_active_entities"
    ),
    re_path(r"^[/]+getFullSession/*$", views.full_session, name="full_session"),
    re_path(r"^[/]+getGlpiConfig/*$", views.glpi_config, name="glpi_config"),
    re_path(r"^[/]+getMultipleItems/*$", views.multiple_items, name="multiple_items"),
    re_path(
        rf"^[/]+listSearchOptions/+{_TYPE}/*$",
        views.list_search_options,
        name="list_search_options",
    ),
    re_path(rf"^[/]+search/+{_TYPE}/*$", views.search_items, name="search"),
    re_path(
        rf"^[/]+getMassiveActions/+{_TYPE}/*$", bulk_glpi.massive_actions, name="massive_actions"
    ),
    re_path(
        rf"^[/]+getMassiveActions/+{_TYPE}/+{_ID}/*$",
        bulk_glpi.massive_actions,
        name="massive_actions_item",
    ),
    re_path(
        rf"^[/]+getMassiveActionParameters/+{_TYPE}/+(?P<key>[A-Za-z_]+:[A-Za-z_]+)/*$",
        bulk_glpi.massive_action_parameters,
        name="massive_action_parameters",
    ),
    re_path(
        rf"^[/]+applyMassiveAction/+{_TYPE}/+(?P<key>[A-Za-z_]+:[A-Za-z_]+)/*$",
        bulk_glpi.apply_massive_action,
        name="apply_massive_action",
    ),
    re_path(rf"^[/]+{_TYPE}/*$", views.collection, name="collection"),
    re_path(rf"^[/]+{_TYPE}/+{_ID}/*$", views.element, name="element"),
    re_path(rf"^[/]+{_TYPE}/+{_ID}/+(?P<sub>[A-Za-z_]+)/*$", views.sub_items, name="sub_items"),
    re_path(
        rf"^[/]+{_TYPE}/+{_ID}/+(?P<sub>[A-Za-z_]+)/+(?P<subid>-?\d+)/*$",
        views.sub_element,
        name="sub_element",
    ),
    re_path(r"^[/].*$", views.unknown, name="unknown"),
]
