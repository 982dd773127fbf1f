from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from escalade.satisfaction.models import Survey


class AnswerForm(forms.Form):
    """Shape only (a score among the survey's, a comment); the workflow enforces the rest."""

    score = forms.TypedChoiceField(
        label=_("Votre satisfaction"), coerce=int, widget=forms.RadioSelect, choices=()
    )
    comment = forms.CharField(
        label=_("Commentaire"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        top = survey.max_score
        score = self.fields["score"]
        assert isinstance(score, forms.TypedChoiceField)
        score.choices = [
            (n, _("%(n)d sur %(max)d") % {"n": n, "max": top}) for n in range(1, top + 1)
        ]
        if survey.comment_below:
            self.fields["comment"].help_text = _(
                "Obligatoire pour une note inférieure à %(n)d."
            ) % {"n": survey.comment_below}
