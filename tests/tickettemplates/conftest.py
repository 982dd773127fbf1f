"""A template for LSU incidents, as a DANE administrator would set it up."""

from __future__ import annotations

import pytest

from escalade.tickettemplates.models import (
    CategoryTemplates,
    Field,
    HiddenField,
    MandatoryField,
    PredefinedField,
    ReadOnlyField,
    TicketTemplate,
)
from tests.api.conftest import api_as  # noqa: F401
from tests.glpi.conftest import glpi_as  # noqa: F401
from tests.notifications.conftest import smtp  # noqa: F401

PREDEFINED_TEXT = "Établissement :\nMessage d'erreur affiché :"


def make_lsu_template(demo) -> TicketTemplate:
    template = TicketTemplate.objects.create(name="Incident LSU", entity=demo.academie)
    for num in (Field.TITLE, Field.CONTENT):
        MandatoryField.objects.create(template=template, num=num)
    PredefinedField.objects.create(template=template, num=Field.CONTENT, value=PREDEFINED_TEXT)
    PredefinedField.objects.create(template=template, num=Field.URGENCY, value="4")
    PredefinedField.objects.create(template=template, num=Field.PRIORITY, value="4")
    PredefinedField.objects.create(
        template=template, num=Field.OBSERVER_GROUP, value=str(demo.dsi_bai.pk)
    )
    HiddenField.objects.create(template=template, num=Field.SOURCE)
    ReadOnlyField.objects.create(template=template, num=Field.PRIORITY)
    CategoryTemplates.objects.create(category=demo.lsu, incident=template)
    return template


@pytest.fixture
def lsu_template(demo) -> TicketTemplate:
    return make_lsu_template(demo)
