from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ProfileSwitchForm(forms.Form):
    profile = forms.IntegerField(label=_("Profil"), min_value=0)


class EntitySwitchForm(forms.Form):
    entity = forms.IntegerField(label=_("Entité"), min_value=1, required=False)
    recursive = forms.BooleanField(label=_("Avec les sous-entités"), required=False)
