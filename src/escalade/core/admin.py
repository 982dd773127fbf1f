"""The admin made for a desk's administrator: Django's own permission groups are hidden
(Escalade's rights are its profiles and support groups)."""

from django.contrib import admin
from django.contrib.auth import admin as auth_admin  # noqa: F401 - registers Group first
from django.contrib.auth.models import Group
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _

if admin.site.is_registered(Group):
    admin.site.unregister(Group)

# The technical tables (background tasks, sign-in attempts) after the desk's own.
TECHNICAL_APPS = {"django_tasks_database", "axes"}
_app_list = admin.site.get_app_list


def _technical_last(request, app_label=None):
    return sorted(_app_list(request, app_label), key=lambda a: a["app_label"] in TECHNICAL_APPS)


admin.site.get_app_list = _technical_last  # type: ignore[method-assign]


class LabelledInlineFormSet(BaseInlineFormSet):
    """A tabular inline's controls named for screen readers: Django's table heads are not
    labels, so each control gets « <column> (ligne N) » as its accessible name."""

    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        row = _("nouvelle ligne") if index is None else _("ligne %d") % (index + 1)
        for field in form.fields.values():
            if not field.widget.is_hidden:
                field.widget.attrs.setdefault("aria-label", f"{field.label} ({row})")
