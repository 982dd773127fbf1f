"""Indexes for text search on PostgreSQL (see escalade.tickets.fulltext).

- full-text (French) GIN indexes on the tickets' title + description and on the
  followups' text: the "Texte" filter and the API's ``q``;
- trigram GIN indexes on UPPER(title) and UPPER(content): Django's ``icontains``
  ("Titre contient", "Description contient", GLPI's ``contains``) becomes indexable.

Nothing on SQLite. The expressions must stay those of escalade.tickets.fulltext.
"""

from django.db import migrations

# Frozen copies of escalade.tickets.fulltext's expressions as they were when this
# migration was written (a test checks that they still agree: if the queries change,
# a new migration rebuilds the indexes).
TICKET_DOCUMENT_SQL = (
    "to_tsvector('french'::regconfig, COALESCE(title, '') || ' ' || COALESCE(content, ''))"
)
FOLLOWUP_DOCUMENT_SQL = "to_tsvector('french'::regconfig, COALESCE(content, ''))"

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE INDEX IF NOT EXISTS ticket_fulltext ON tickets_ticket USING gin ({TICKET_DOCUMENT_SQL})",
    f"CREATE INDEX IF NOT EXISTS followup_fulltext ON tickets_followup USING gin ({FOLLOWUP_DOCUMENT_SQL})",
    "CREATE INDEX IF NOT EXISTS ticket_title_trgm ON tickets_ticket "
    "USING gin (UPPER(title::text) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS ticket_content_trgm ON tickets_ticket "
    "USING gin (UPPER(content) gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS ticket_fulltext",
    "DROP INDEX IF EXISTS followup_fulltext",
    "DROP INDEX IF EXISTS ticket_title_trgm",
    "DROP INDEX IF EXISTS ticket_content_trgm",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("tickets", "0003_saved_searches")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False)]
