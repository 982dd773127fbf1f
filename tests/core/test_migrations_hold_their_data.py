"""Migrations hold their data: they do not import app code that will change."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import escalade

SRC = Path(escalade.__file__).parent


def test_no_data_migration_imports_application_code():
    offenders = []
    for path in sorted(SRC.glob("*/migrations/0*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("escalade"):
                offenders.append(f"{path.relative_to(SRC)}: from {node.module}")
    assert offenders == []


def test_the_frozen_search_index_expressions_match_the_queries():
    from escalade.tickets import fulltext

    migration = importlib.import_module("escalade.tickets.migrations.0004_search_indexes")
    assert migration.TICKET_DOCUMENT_SQL == fulltext.TICKET_DOCUMENT_SQL
    assert migration.FOLLOWUP_DOCUMENT_SQL == fulltext.FOLLOWUP_DOCUMENT_SQL


def test_a_new_database_holds_a_setting_and_both_templates_for_the_original_events(db):
    from escalade.notifications.models import NotificationSetting, NotificationTemplate

    events = set(NotificationSetting.objects.values_list("event", flat=True))
    assert {"new", "assign_group", "followup", "solved", "escalated", "received"} <= events
    fr = NotificationTemplate.objects.get(event="received", language="fr")
    assert "bien reçu" in fr.subject
    assert NotificationTemplate.objects.filter(event="solved", language="en").exists()
