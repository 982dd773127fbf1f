"""Indexes for the statistics' escalations: the « escalated » events of a period and whether
a ticket was ever escalated, read from two small partial indexes instead of the whole
history (about ten events per ticket: 10 million rows at a million tickets). Raw SQL that
PostgreSQL and SQLite both read, as 0001; the event model's state is unchanged."""

from django.db import migrations

INDEXES = [
    ("stats_event_escalated_date", "created_at"),
    ("stats_event_escalated_ticket", "ticket_id"),
]


class Migration(migrations.Migration):
    dependencies = [("stats", "0003_ticket_timings"), ("tickets", "0006_covering_actor_indexes")]

    operations = [
        migrations.RunSQL(
            f'CREATE INDEX IF NOT EXISTS {name} ON "tickets_ticketevent" ({column}) '
            "WHERE kind = 'escalated'",
            f"DROP INDEX IF EXISTS {name}",
        )
        for name, column in INDEXES
    ]
