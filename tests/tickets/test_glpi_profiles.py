"""The demo's profiles carry GLPI 10.0.15's seeded rights (install/empty_data.php)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from escalade.accounts.models import Profile
from escalade.accounts.rights import GLPI_SEEDED, Interface, Right, glpi_masks, rights_from_glpi
from escalade.demo.lsu import GLPI_PROFILES
from escalade.tickets import access
from tests.conftest import as_, open_lsu_ticket

SEEDS = Path(__file__).parents[1] / "glpi" / "data" / "empty_data_profiles.php"

# The constants GLPI's seeds are written with (inc/define.php, src/Ticket.php,
# src/ITILFollowup.php, src/CommonITILTask.php).
CONSTANTS = {
    "READ": 1,
    "UPDATE": 2,
    "CREATE": 4,
    "DELETE": 8,
    "PURGE": 16,
    "ALLSTANDARDRIGHT": 31,
    "READNOTE": 32,
    "UPDATENOTE": 64,
    "UNLOCK": 128,
    "self::RIGHT_NONE": 0,
    "Ticket::READMY": 1,
    "Ticket::READALL": 1024,
    "Ticket::READGROUP": 2048,
    "Ticket::READASSIGN": 4096,
    "Ticket::ASSIGN": 8192,
    "Ticket::STEAL": 16384,
    "Ticket::OWN": 32768,
    "Ticket::CHANGEPRIORITY": 65536,
    "Ticket::SURVEY": 131072,
    "ITILFollowup::SEEPUBLIC": 1,
    "ITILFollowup::UPDATEMY": 2,
    "ITILFollowup::ADDMYTICKET": 4,
    "ITILFollowup::UPDATEALL": 1024,
    "ITILFollowup::ADDGROUPTICKET": 2048,
    "ITILFollowup::ADDALLTICKET": 4096,
    "ITILFollowup::SEEPRIVATE": 8192,
    "ITILFollowup::ADD_AS_OBSERVER": 16384,
    "CommonITILTask::SEEPUBLIC": 1,
    "CommonITILTask::UPDATEMY": 2,
    "CommonITILTask::UPDATEALL": 1024,
    "CommonITILTask::ADDALLITEM": 4096,
    "CommonITILTask::SEEPRIVATE": 8192,
    "KnowbaseItem::KNOWBASEADMIN": 1024,
    "KnowbaseItem::READFAQ": 2048,
    "KnowbaseItem::PUBLISHFAQ": 4096,
    "KnowbaseItem::COMMENTS": 8192,
}
PROFILE_IDS = {
    "SELF_SERVICE": 1,
    "OBSERVER": 2,
    "ADMIN": 3,
    "SUPER_ADMIN": 4,
    "HOTLINER": 5,
    "TECHNICIAN": 6,
    "SUPERVISOR": 7,
    "READ_ONLY": 8,
}


def glpi_seeds() -> dict[int, dict[str, int]]:
    """``{profile id: {"ticket": mask, …, "statistic": mask, "knowbase": mask}}``
    from GLPI's file."""
    text = SEEDS.read_text(encoding="utf-8")
    rights = text[text.index("$tables['glpi_profilerights']") :]
    entry = re.compile(
        r"'profiles_id' => self::PROFILE_(\w+),\s*'name' => '(\w+)',\s*'rights' => (.*?),?\n\s*\]",
        re.S,
    )
    found: dict[int, dict[str, int]] = {}
    for profile, name, expression in entry.findall(rights):
        if name not in ("ticket", "followup", "task", "statistic", "knowbase"):
            continue
        parts = [p.strip() for p in expression.split("|")]
        found.setdefault(PROFILE_IDS[profile], {})[name] = sum(CONSTANTS[p] for p in parts)
    return found


def glpi_interfaces() -> dict[str, str]:
    text = SEEDS.read_text(encoding="utf-8")
    profiles = text[: text.index("$tables['glpi_profilerights']")]
    return dict(re.findall(r"'name' => '([\w-]+)',\s*'interface' => '(\w+)'", profiles))


def test_transcribed_seeds_are_glpi_seeds():
    seeds = glpi_seeds()
    assert set(seeds) == set(range(1, 9))
    assert {pid: masks for pid, (_name, masks) in GLPI_SEEDED.items()} == seeds


def test_demo_profiles_are_glpi_seeded_profiles(demo):
    interfaces = glpi_interfaces()
    for glpi_name, masks in GLPI_SEEDED.values():
        profile = Profile.objects.get(name=GLPI_PROFILES[glpi_name])
        assert profile.rights == [str(r) for r in rights_from_glpi(masks)], glpi_name
        expected = Interface.SIMPLIFIED if interfaces[glpi_name] == "helpdesk" else "standard"
        assert profile.interface == expected, glpi_name
    assert Profile.objects.get(is_default=True).name == "Self-Service"


@pytest.mark.parametrize(
    ("glpi_name", "held", "not_held"),
    [
        ("Self-Service", {Right.TICKET_READ_MY, Right.TICKET_CREATE}, {Right.TICKET_APPROVE}),
        (
            "Technician",
            {Right.TICKET_READ_ALL, Right.TICKET_READ_GROUP, Right.TICKET_TAKE},
            {Right.TICKET_ASSIGN, Right.TICKET_STEAL, Right.TICKET_READ_ASSIGNED},
        ),
        ("Hotliner", {Right.TICKET_READ_ALL, Right.TICKET_ASSIGN}, {Right.TASK_ADD}),
        (
            "Observer",
            {Right.TICKET_READ_ALL, Right.TICKET_DELETE, Right.TICKET_TAKE},
            {Right.TICKET_UPDATE, Right.FOLLOWUP_SEE_PRIVATE},
        ),
        (
            "Supervisor",
            {Right.TICKET_STEAL, Right.TICKET_CHANGE_PRIORITY, Right.FOLLOWUP_EDIT_ALL},
            set(),
        ),
        ("Read-Only", {Right.TICKET_READ_ALL, Right.TASK_SEE_PRIVATE}, {Right.TICKET_CREATE}),
    ],
)
def test_glpi_bits_map_to_escalade_rights(glpi_name, held, not_held):
    masks = next(m for name, m in GLPI_SEEDED.values() if name == glpi_name)
    rights = set(rights_from_glpi(masks))
    assert held <= rights and not (not_held & rights)


def test_masks_round_trip_for_the_bits_escalade_knows():
    masks = {
        "ticket": 1024 | 2 | 16384,
        "followup": 8192 | 4,
        "task": 4096,
        "statistic": 1,
        "knowbase": 2048,
    }
    assert glpi_masks(rights_from_glpi(masks)) == masks
    assert rights_from_glpi({"ticket": 0}) == []


def test_referent_is_a_technician_with_steal_and_assign(demo):
    technician = set(demo.technician.rights)
    referent = set(demo.referent_profile.rights)
    # And the right to share saved searches with their entity (Escalade's own).
    assert referent - technician == {
        str(Right.TICKET_STEAL),
        str(Right.TICKET_ASSIGN),
        str(Right.SAVED_SEARCH_SHARE),
    }
    assert technician <= referent


def test_technician_and_referent_see_every_ticket_of_their_entities(demo, chef, outsider):
    ticket = open_lsu_ticket(demo, chef)
    for login, profile in (("referent.lsu", "Référent fonctionnel"), ("tech.bai", "Technicien")):
        assert access.visible_tickets(as_(demo, login, profile)).filter(pk=ticket.pk).exists()
    # ... of their entities only.
    assert not access.visible_tickets(outsider).filter(pk=ticket.pk).exists()
    # Self-Service still sees only its own tickets.
    assert not access.visible_tickets(as_(demo, "referent.lsu", "Self-Service")).exists()
