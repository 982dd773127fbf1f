"""Variables are a fixed table: values escaped, nothing typed is evaluated."""

from __future__ import annotations

from escalade.itiltemplates import variables
from escalade.tickets.richtext import from_plain


def test_known_variables_are_filled_and_escaped(demo, taken, referent):
    chef = demo.users["chef.etab"]
    chef.first_name = "<b>Claire</b> & co"
    chef.save()
    context = variables.context_for(taken, referent.user)
    html = variables.render_html(
        from_plain(
            "{{ demandeur.prenom }} / {{ticket.id}} / {{ ticket.titre }} / {{ ticket.name }}"
        ),
        context,
    )
    assert html == (
        f"<p>&lt;b&gt;Claire&lt;/b&gt; &amp; co / {taken.pk} / LSU : erreur &lt;403&gt; / "
        "LSU : erreur &lt;403&gt;</p>"
    )
    text = variables.render_text(
        from_plain("{{ demandeur.prenom }} — {{ technicien.nom_complet }}"), context
    )
    assert text == "<b>Claire</b> & co — Karim Benali"


def test_unknown_names_and_template_code_stay_as_typed(taken, referent):
    context = variables.context_for(taken, referent.user)
    typed = "{{ ticket.__class__ }} {% if 1 %}x{% endif %} {{ settings.SECRET_KEY }} {{ 7*7 }}"
    assert variables.render_text(from_plain(typed), context) == typed
