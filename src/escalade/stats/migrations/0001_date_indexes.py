"""Indexes for the statistics: the tickets opened, solved and closed in a period are counted
by index (partial for the dates that stay empty on most open tickets). Created on the
tickets' table by SQL that both PostgreSQL and SQLite read; the ticket model's state is
unchanged."""

from django.db import migrations

INDEXES = [
    ("stats_ticket_opened", "opened_at", ""),
    ("stats_ticket_solved", "solved_at", " WHERE solved_at IS NOT NULL"),
    ("stats_ticket_closed", "closed_at", " WHERE closed_at IS NOT NULL"),
]


class Migration(migrations.Migration):
    dependencies = [("tickets", "0006_covering_actor_indexes")]

    operations = [
        migrations.RunSQL(
            f'CREATE INDEX IF NOT EXISTS {name} ON "tickets_ticket" ({column}){where}',
            f"DROP INDEX IF EXISTS {name}",
        )
        for name, column, where in INDEXES
    ]
