"""The table of the shared cache (ESCALADE_MULTI_NODE without ESCALADE_CACHE_URL): made by
the migration rather than by ``createcachetable``, so that nodes starting together never race."""

from django.core.management import call_command
from django.db import migrations


def create(apps, schema_editor):
    call_command("createcachetable", "escalade_cache", database=schema_editor.connection.alias)


def drop(apps, schema_editor):
    schema_editor.execute(
        "DROP TABLE IF EXISTS %s" % schema_editor.quote_name("escalade_cache")
    )


class Migration(migrations.Migration):
    dependencies = [("operations", "0001_worker_heartbeat")]

    operations = [migrations.RunPython(create, drop)]
