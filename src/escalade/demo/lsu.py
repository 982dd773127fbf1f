"""The LSU demo: the organisation of the user's procedure, loaded idempotently.

This is the only code that creates accounts with a known password ("demo").
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from escalade.accounts.models import (
    ApiToken,
    Entity,
    Membership,
    Profile,
    ProfileGrant,
    SupportGroup,
    User,
)
from escalade.accounts.rights import GLPI_SEEDED, Interface, Right, rights_from_glpi, seeded_rights
from escalade.accounts.tokens import create_token, hash_key
from escalade.tickets.models import (
    Category,
    Rule,
    RuleAction,
    RuleActionKind,
    RuleCriterion,
    RuleField,
    RuleOperator,
)

DEMO_PASSWORD = "demo"

# GLPI's seeded profiles (install/empty_data.php), under their French names, with GLPI's
# rights mapped to Escalade's (escalade.accounts.rights.GLPI_SEEDED).
GLPI_PROFILES = {
    "Self-Service": "Self-Service",
    "Observer": "Observateur",
    "Admin": "Admin",
    "Super-Admin": "Super-Admin",
    "Hotliner": "Hotliner",
    "Technician": "Technicien",
    "Supervisor": "Superviseur",
    "Read-Only": "Lecture seule",
}

# The functional referents are GLPI Technicians (they see every ticket of their entities,
# READALL) who may also take a ticket from a colleague (STEAL) and edit « Attribué à »
# (ASSIGN: GLPI's Ticket::canAssign() asks it, and the procedure's escalation, steps 3.3.1
# and 3.3.2, removes the referents' group there and adds DSI-BAI).
# They may also share a saved search with their entities (Escalade's savedsearch.share).
REFERENT_RIGHTS = [
    r
    for r in Right
    if r
    in {
        *seeded_rights("Technician"),
        Right.TICKET_STEAL,
        Right.TICKET_ASSIGN,
        Right.SAVED_SEARCH_SHARE,
    }
]

USERS = [
    # login, first name, last name
    ("chef.etab", "Claire", "Dubois"),
    ("referent.lsu", "Karim", "Benali"),
    ("referent2.lsu", "Julie", "Moreau"),
    ("tech.bai", "Thomas", "Leroy"),
    ("admin", "Admin", "Escalade"),
]


@dataclass
class Demo:
    academie: Entity
    college: Entity
    lycee: Entity
    referents: SupportGroup
    dsi_bai: SupportGroup
    lsu: Category
    self_service: Profile
    referent_profile: Profile
    technician: Profile
    super_admin: Profile
    users: dict[str, User]
    profiles: dict[str, Profile]


def _entity(name: str, parent: Entity | None) -> Entity:
    entity, _ = Entity.objects.get_or_create(name=name, parent=parent)
    return entity


def _category(name: str, parent: Category | None, entity: Entity, **fields) -> Category:
    category, _ = Category.objects.update_or_create(
        name=name, parent=parent, defaults={"entity": entity, **fields}
    )
    return category


def _profile(name: str, interface: str, rights: list) -> Profile:
    profile, _ = Profile.objects.update_or_create(
        name=name, defaults={"interface": interface, "rights": [str(r) for r in rights]}
    )
    return profile


@transaction.atomic
def load_demo() -> Demo:
    academie = _entity("Académie de Normandie", None)
    college = _entity("Collège Jean Moulin", academie)
    lycee = _entity("Lycée Victor Hugo", academie)
    _entity("École Jules Ferry", academie)

    referents, _ = SupportGroup.objects.update_or_create(
        name="Référents-LSU", defaults={"entity": academie, "is_recursive": True}
    )
    dsi_bai, _ = SupportGroup.objects.update_or_create(
        name="DSI-BAI", defaults={"entity": academie, "is_recursive": True}
    )

    scolarite = _category("Scolarité", None, academie)
    lsu = _category(
        "LSU", scolarite, academie, group_in_charge=referents, comment="Livret Scolaire Unique"
    )
    _category("ONDE", scolarite, academie, group_in_charge=referents)
    _category("Messagerie", None, academie, group_in_charge=dsi_bai)
    materiel = _category("Matériel", None, academie)
    _category("Poste de travail", materiel, academie, group_in_charge=dsi_bai)

    profiles: dict[str, Profile] = {}
    for glpi_name, masks in GLPI_SEEDED.values():
        name = GLPI_PROFILES[glpi_name]
        interface = Interface.SIMPLIFIED if glpi_name == "Self-Service" else Interface.STANDARD
        profiles[name] = _profile(name, interface, rights_from_glpi(masks))
    self_service = profiles["Self-Service"]
    Profile.objects.filter(pk=self_service.pk).update(is_default=True)
    referent_profile = _profile("Référent fonctionnel", Interface.STANDARD, REFERENT_RIGHTS)
    profiles[referent_profile.name] = referent_profile
    technician = profiles["Technicien"]
    super_admin = profiles["Super-Admin"]

    users: dict[str, User] = {}
    for login, first, last in USERS:
        user, _ = User.objects.update_or_create(
            username=login,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{login}@example.org",
                "is_active": True,
            },
        )
        user.set_password(DEMO_PASSWORD)
        if login == "admin":
            user.is_staff = user.is_superuser = True
        user.save()
        users[login] = user

    def grant(login: str, profile: Profile, entity: Entity, *, default: bool = False) -> None:
        ProfileGrant.objects.update_or_create(
            user=users[login],
            profile=profile,
            entity=entity,
            defaults={"is_recursive": True, "is_default": default},
        )

    grant("chef.etab", self_service, college, default=True)
    for login in ("referent.lsu", "referent2.lsu"):
        grant(login, self_service, academie, default=True)
        grant(login, referent_profile, academie)
        Membership.objects.get_or_create(group=referents, user=users[login])
    grant("tech.bai", technician, academie, default=True)
    Membership.objects.get_or_create(group=dsi_bai, user=users["tech.bai"])
    grant("admin", super_admin, academie, default=True)

    # Personal API tokens "<login>-token" (usable on /api/v1/ and as GLPI's user_token).
    for login, user in users.items():
        key = f"{login}-token"
        if not ApiToken.objects.filter(key_hash=hash_key(key)).exists():
            create_token(user, "Démo", key=key)

    # The GLPI API client of the demo (App-Token "demo-app-token", any IP).
    from escalade.glpi.models import ApiClient

    ApiClient.objects.update_or_create(
        name="Démo", defaults={"app_token": "demo-app-token", "is_active": True}
    )

    rule, _ = Rule.objects.update_or_create(
        name="LSU très urgent : informer DSI-BAI",
        defaults={
            "entity": academie,
            "is_recursive": True,
            "ranking": 10,
            "description": "Un incident LSU d'urgence très haute est suivi par la DSI.",
        },
    )
    rule.criteria.all().delete()
    rule.actions.all().delete()
    RuleCriterion.objects.create(
        rule=rule, field=RuleField.CATEGORY, operator=RuleOperator.IS, value=str(lsu.pk)
    )
    RuleCriterion.objects.create(
        rule=rule, field=RuleField.URGENCY, operator=RuleOperator.IS, value="5"
    )
    RuleAction.objects.create(
        rule=rule, kind=RuleActionKind.ADD_OBSERVER_GROUP, value=str(dsi_bai.pk)
    )

    demo = Demo(
        academie,
        college,
        lycee,
        referents,
        dsi_bai,
        lsu,
        self_service,
        referent_profile,
        technician,
        super_admin,
        users,
        profiles,
    )
    from escalade.knowbase import demo as knowbase_demo

    knowbase_demo.load(demo)
    from escalade.itiltemplates import demo as templates_demo

    templates_demo.load(demo)
    return demo
