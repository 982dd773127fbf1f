"""Seed the notification settings (defaults that make the LSU procedure work) and the
French and English mail templates. Reversible: unseeding deletes the seeded rows."""

from django.db import migrations

from escalade.notifications.defaults import default_templates
from escalade.notifications.models import DEFAULT_RECIPIENTS


def seed(apps, schema_editor):
    Setting = apps.get_model("notifications", "NotificationSetting")
    Template = apps.get_model("notifications", "NotificationTemplate")
    for event, (enabled, kinds) in DEFAULT_RECIPIENTS.items():
        Setting.objects.get_or_create(
            event=str(event), defaults={"enabled": enabled, "recipients": [str(k) for k in kinds]}
        )
    for t in default_templates():
        Template.objects.get_or_create(
            event=t.event, language=t.language,
            defaults={"subject": t.subject, "text": t.text, "html": t.html},
        )


def unseed(apps, schema_editor):
    apps.get_model("notifications", "NotificationSetting").objects.all().delete()
    apps.get_model("notifications", "NotificationTemplate").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_outbox_settings_templates")]

    operations = [migrations.RunPython(seed, unseed)]
