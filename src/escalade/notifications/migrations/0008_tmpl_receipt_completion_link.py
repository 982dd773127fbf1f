"""The receipt tells a requester whose ticket is « À compléter » where to complete it
(tickettemplates): the sentence is added to the stored receipt templates that still say
what 0004 seeded (one an administrator rewrote is left as it is)."""

from django.db import migrations

# Frozen here, as in 0004: language -> (the seeded sentence's end, the added clause).
SENTENCES = {
    "fr": (
        "{% if ticket.assigned %} et transmise à {{ ticket.assigned|join:', ' }}{% endif %}.",
        "{% if completion_url %} Elle est « À compléter » : il manque des informations "
        "obligatoires, complétez-la ici : {{ completion_url }}{% endif %}",
    ),
    "en": (
        "{% if ticket.assigned %} and passed on to {{ ticket.assigned|join:', ' }}{% endif %}.",
        "{% if completion_url %} It is “to be completed”: required information is missing, "
        "complete it here: {{ completion_url }}{% endif %}",
    ),
}


def add(apps, schema_editor):
    template_model = apps.get_model("notifications", "NotificationTemplate")
    for row in template_model.objects.filter(event="received"):
        sentence, clause = SENTENCES.get(row.language, SENTENCES["fr"])
        changed = False
        for name in ("text", "html"):
            value = getattr(row, name)
            if sentence in value and clause not in value:
                setattr(row, name, value.replace(sentence, sentence + clause, 1))
                changed = True
        if changed:
            row.save(update_fields=["text", "html"])


def remove(apps, schema_editor):
    template_model = apps.get_model("notifications", "NotificationTemplate")
    for row in template_model.objects.filter(event="received"):
        _sentence, clause = SENTENCES.get(row.language, SENTENCES["fr"])
        row.text = row.text.replace(clause, "")
        row.html = row.html.replace(clause, "")
        row.save(update_fields=["text", "html"])


class Migration(migrations.Migration):
    dependencies = [("notifications", "0007_every_event_choice")]

    operations = [migrations.RunPython(add, remove)]
