"""GLPI's default urgency × impact → priority matrix."""

from django.db import migrations

MATRIX = {
    1: [1, 1, 2, 2, 2],
    2: [1, 2, 2, 3, 3],
    3: [2, 2, 3, 4, 4],
    4: [2, 3, 4, 4, 5],
    5: [2, 3, 4, 5, 5],
}


def seed(apps, schema_editor):
    PriorityCell = apps.get_model("tickets", "PriorityCell")
    for urgency, row in MATRIX.items():
        for impact, priority in enumerate(row, start=1):
            PriorityCell.objects.update_or_create(
                urgency=urgency, impact=impact, defaults={"priority": priority}
            )


def unseed(apps, schema_editor):
    apps.get_model("tickets", "PriorityCell").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("tickets", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
