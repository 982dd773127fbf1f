"""``escalade import-glpi``: a GLPI 10.0 database into Escalade, rerunnable.

Why this module writes models directly instead of calling ``tickets.workflow``:
it imports *history*. The workflow records what happens now — it checks the
actor's rights, moves the state machine, runs business rules, writes events and
queues notifications. An import must instead keep what happened in GLPI as it
happened (ids, dates, authors, statuses reached by paths the workflow would not
take today), and must not mail anyone about tickets that are years old. So the
importer writes the rows as they were, one transaction per batch, and never
writes an outbox row. It is the only code besides the workflow (and the
benchmark loader) that writes tickets, and only at cut-over.

Rerunnable: ``ImportedItem`` maps each GLPI (itemtype, id) to the Escalade row
with a digest of the GLPI rows it came from. A rerun rewrites nothing whose
digest is unchanged; new GLPI rows are created; changed ones are updated (GLPI
is the source until the cut-over). Tickets keep GLPI's ids.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.management.color import no_style
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from tqdm import tqdm

from escalade.accounts.models import (
    Entity,
    Membership,
    Profile,
    ProfileGrant,
    SupportGroup,
    User,
)
from escalade.accounts.rights import Interface, rights_from_glpi
from escalade.glpiimport import text
from escalade.glpiimport.hashers import PREFIX as GLPI_HASH_PREFIX
from escalade.glpiimport.hashers import from_glpi
from escalade.glpiimport.models import ImportedItem
from escalade.glpiimport.source import GlpiSource
from escalade.tickets.events import EventKind
from escalade.tickets.models import (
    Attachment,
    Category,
    Followup,
    Solution,
    Source,
    Task,
    Ticket,
    TicketActor,
    TicketEvent,
    attachment_name,
    attachment_storage,
)
from escalade.tickets.status import Status

BATCH = 1000
# Mapped per ticket batch (loaded for it, dropped after it); the rest is held throughout.
BATCH_ITEMTYPES = ("Ticket", "ITILFollowup", "TicketTask", "ITILSolution", "Document_Item", "Log")

# GLPI's ticket search options, for the imported history (CommonITILObject / Ticket).
SEARCH_OPTIONS = {
    1: "Titre",
    3: "Priorité",
    4: "Demandeur",
    5: "Technicien",
    7: "Catégorie",
    8: "Groupe de techniciens",
    9: "Source de la demande",
    10: "Urgence",
    11: "Impact",
    12: "Statut",
    14: "Type",
    15: "Date d'ouverture",
    16: "Date de clôture",
    17: "Date de résolution",
    18: "Temps de résolution",
    19: "Dernière modification",
    21: "Description",
    22: "Rédacteur",
    45: "Durée totale",
    64: "Dernière modification par",
    65: "Groupe observateur",
    66: "Observateur",
    71: "Groupe demandeur",
    80: "Entité",
}
LINKED_ACTIONS = {
    12: "message",
    13: "delete",
    14: "restore",
    15: "relation_added",
    16: "relation_removed",
    17: "item_added",
    18: "item_updated",
    19: "item_removed",
    20: "created",
}
_USER_NAME_ID = re.compile(r"\((\d+)\)\s*$")


def _digest(*parts: Any) -> str:
    return hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()


def _cut(value: str, length: int) -> str:
    return value[:length]


# --- Bookkeeping -------------------------------------------------------------------


KINDS = [
    ("entities", "Entités"),
    ("users", "Utilisateurs"),
    ("groups", "Groupes"),
    ("members", "Membres des groupes"),
    ("categories", "Catégories"),
    ("profiles", "Profils"),
    ("grants", "Habilitations"),
    ("tickets", "Tickets"),
    ("actors", "Acteurs"),
    ("followups", "Suivis"),
    ("tasks", "Tâches"),
    ("solutions", "Solutions"),
    ("documents", "Documents"),
    ("history", "Historique"),
]


@dataclass
class Report:
    counts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    unmapped: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    unmapped_counts: Counter[str] = field(default_factory=Counter)

    def count(self, kind: str, outcome: str, n: int = 1) -> None:
        if n:
            self.counts[kind][outcome] += n

    def skip(self, reason: str, example: str = "", n: int = 1) -> None:
        self.unmapped_counts[reason] += n
        if example and len(self.unmapped[reason]) < 5:
            self.unmapped[reason].append(example)

    @property
    def changed(self) -> int:
        return sum(c["created"] + c["updated"] for c in self.counts.values())

    def table(self) -> str:
        heads = ("", "créés", "mis à jour", "inchangés", "ignorés")
        rows: list[tuple[str, ...]] = [heads]
        for kind, label in KINDS:
            c = self.counts.get(kind, Counter())
            rows.append(
                (label, *(str(c[k]) for k in ("created", "updated", "unchanged", "skipped")))
            )
        widths = [max(len(r[i]) for r in rows) for i in range(len(heads))]
        lines = []
        for i, row in enumerate(rows):
            cells = [row[0].ljust(widths[0])] + [
                cell.rjust(widths[j + 1]) for j, cell in enumerate(row[1:])
            ]
            lines.append("  ".join(cells).rstrip())
            if i == 0:
                lines.append("  ".join("-" * w for w in widths))
        return "\n".join(lines)

    def not_imported(self) -> str:
        lines = []
        for reason, n in sorted(self.unmapped_counts.items()):
            examples = self.unmapped.get(reason) or []
            suffix = f" (ex. {', '.join(examples)})" if examples else ""
            lines.append(f"- {reason} : {n}{suffix}")
        return "\n".join(lines)


class Mapping:
    """GLPI (itemtype, id) → ImportedItem rows, loaded as needed, saved per batch."""

    def __init__(self) -> None:
        self.items: dict[str, dict[int, ImportedItem]] = defaultdict(dict)
        self._new: list[ImportedItem] = []
        self._dirty: list[ImportedItem] = []

    def load(self, itemtype: str, glpi_ids: Iterable[int] | None = None) -> None:
        rows = ImportedItem.objects.filter(itemtype=itemtype)
        if glpi_ids is not None:
            ids = list(glpi_ids)
            if not ids:
                return
            rows = rows.filter(glpi_id__in=ids)
        for item in rows:
            self.items[itemtype][item.glpi_id] = item

    def get(self, itemtype: str, glpi_id: int | None) -> ImportedItem | None:
        # 0 is GLPI's "none", except for entities, whose root has id 0.
        if glpi_id is None or (glpi_id == 0 and itemtype != "Entity"):
            return None
        return self.items[itemtype].get(int(glpi_id))

    def id(self, itemtype: str, glpi_id: int | None) -> int | None:
        item = self.get(itemtype, glpi_id)
        return item.escalade_id if item else None

    def record(self, itemtype: str, glpi_id: int, escalade_id: int, fingerprint: str) -> None:
        item = self.items[itemtype].get(glpi_id)
        if item is None:
            item = ImportedItem(
                itemtype=itemtype, glpi_id=glpi_id, escalade_id=escalade_id, fingerprint=fingerprint
            )
            self.items[itemtype][glpi_id] = item
            self._new.append(item)
        elif (item.escalade_id, item.fingerprint) != (escalade_id, fingerprint):
            item.escalade_id, item.fingerprint = escalade_id, fingerprint
            item.imported_at = timezone.now()
            if item.pk:
                self._dirty.append(item)

    def forget(self, itemtype: str, glpi_ids: Iterable[int]) -> None:
        for glpi_id in glpi_ids:
            self.items[itemtype].pop(glpi_id, None)

    def flush(self) -> None:
        if self._new:
            ImportedItem.objects.bulk_create(self._new, batch_size=BATCH)
        if self._dirty:
            ImportedItem.objects.bulk_update(
                self._dirty, ["escalade_id", "fingerprint", "imported_at"], batch_size=BATCH
            )
        self._new, self._dirty = [], []


# --- The import ----------------------------------------------------------------------


class Importer:
    def __init__(
        self,
        source: GlpiSource,
        *,
        files_dir: Path | None = None,
        dry_run: bool = False,
        progress: bool = True,
        out: TextIO | None = None,
    ) -> None:
        self.src = source
        self.files_dir = files_dir
        self.dry_run = dry_run
        self.progress = progress
        self.out = out or sys.stderr
        self.report = Report()
        self.map = Mapping()
        self.sources: dict[int, str] = {}
        self.has_documents = False

    # The run: everything in one outer transaction when dry, one per batch otherwise.
    def run(self) -> Report:
        if self.dry_run:
            with transaction.atomic():
                self._run()
                transaction.set_rollback(True)
        else:
            self._run()
        return self.report

    def _run(self) -> None:
        self._request_types()
        with transaction.atomic():
            self.entities()
        self.users()
        with transaction.atomic():
            self.groups()
            self.categories()
            self.profiles()
            self.grants()
            self.map.flush()
        self.tickets()
        self._not_mapped()

    def _step(self, total: int, desc: str) -> tqdm:
        return tqdm(
            total=total, desc=desc, unit="", file=self.out, disable=not self.progress, leave=False
        )

    # --- directory -----------------------------------------------------------------

    def _request_types(self) -> None:
        for row in self.src.rows("SELECT id, name FROM glpi_requesttypes"):
            name = text.plain(row["name"]).lower()
            if "mail" in name or "courriel" in name:
                self.sources[row["id"]] = Source.EMAIL
            elif "phone" in name or "téléphone" in name:
                self.sources[row["id"]] = Source.PHONE
            elif "direct" in name:
                self.sources[row["id"]] = Source.DIRECT
            elif "helpdesk" in name:
                self.sources[row["id"]] = Source.HELPDESK
            else:
                self.sources[row["id"]] = Source.OTHER

    def _source(self, requesttypes_id: int | None) -> str:
        return self.sources.get(requesttypes_id or 0, Source.HELPDESK)

    def entities(self) -> None:
        self.map.load("Entity")
        rows = self.src.rows(
            "SELECT id, name, entities_id, autoclose_delay FROM glpi_entities ORDER BY level, id"
        )
        for row in rows:
            glpi_id = row["id"]
            is_root = glpi_id == 0 or row["entities_id"] is None
            parent_id = None if is_root else self.map.id("Entity", row["entities_id"])
            if not is_root and parent_id is None:
                self.report.count("entities", "skipped")
                self.report.skip("entités sous une entité absente", str(glpi_id))
                continue
            delay = row["autoclose_delay"]
            autoclose = None if delay == -2 else (-1 if delay is None or delay < 0 else delay)
            if is_root and autoclose is None:
                autoclose = -1
            fp = _digest(row, parent_id)
            item = self.map.items["Entity"].get(glpi_id)
            if item is not None and item.fingerprint == fp:
                if Entity.objects.filter(pk=item.escalade_id).exists():
                    self.report.count("entities", "unchanged")
                    continue
                item = None
            entity = Entity.objects.filter(pk=item.escalade_id).first() if item else None
            outcome = "updated" if entity else "created"
            entity = entity or Entity()
            entity.name = _cut(text.plain(row["name"]) or f"Entité {glpi_id}", 150)
            entity.parent_id = parent_id
            entity.autoclose_days = autoclose
            entity.save()
            # Mapping rows with ID 0 (GLPI's root) are legal: glpi_id is the key.
            self._record_now("Entity", glpi_id, entity.pk, fp)
            self.report.count("entities", outcome)

    def _record_now(self, itemtype: str, glpi_id: int, escalade_id: int, fp: str) -> None:
        self.map.record(itemtype, glpi_id, escalade_id, fp)
        self.map.flush()

    def users(self) -> None:
        self.map.load("User")
        total = self.src.count("glpi_users")
        bar = self._step(total, "Utilisateurs")
        taken = set(User.objects.values_list("username", flat=True))
        mapped_ids = {item.escalade_id for item in self.map.items["User"].values()}
        for batch in self.src.batches(
            "glpi_users",
            "id, name, password, phone, realname, firstname, language, is_active, is_deleted,"
            " authtype, date_creation, last_login",
        ):
            with transaction.atomic():
                self._users(batch, taken, mapped_ids)
                self.map.flush()
            bar.update(len(batch))
        bar.close()

    def _users(self, batch: list[dict], taken: set[str], mapped_ids: set[int]) -> None:
        ids = [row["id"] for row in batch]
        emails: dict[int, str] = {}
        for row in self.src.rows(
            "SELECT users_id, email FROM glpi_useremails WHERE users_id IN %s"
            " ORDER BY is_default DESC, id",
            [ids],
        ):
            if row["email"]:
                emails.setdefault(row["users_id"], text.plain(row["email"]))
        existing = {
            u.pk: u
            for u in User.objects.filter(
                pk__in=[item.escalade_id for item in map(self._user_item, ids) if item]
            )
        }
        new: list[tuple[int, User, str]] = []
        changed: list[User] = []
        for row in batch:
            glpi_id = row["id"]
            login = text.plain(row["name"])
            if not login:
                self.report.count("users", "skipped")
                self.report.skip("utilisateurs sans identifiant", str(glpi_id))
                continue
            fp = _digest(row, emails.get(glpi_id))
            item = self.map.get("User", glpi_id)
            user = existing.get(item.escalade_id) if item else None
            if item is not None and user is not None and item.fingerprint == fp:
                self.report.count("users", "unchanged")
                continue
            if user is None:
                username = _cut(login, 150)
                adopted = None
                if username in taken:
                    adopted = User.objects.filter(username=username).first()
                    if adopted is not None and adopted.pk in mapped_ids:
                        adopted = None
                        username = _cut(f"{login}#glpi{glpi_id}", 150)
                        self.report.skip("identifiants en double (renommés login#glpiID)", login)
                user = adopted or User(username=username)
            user.first_name = _cut(text.plain(row["firstname"]), 150)
            user.last_name = _cut(text.plain(row["realname"]), 150)
            user.email = _cut(emails.get(glpi_id, ""), 254)
            user.phone = _cut(text.plain(row["phone"]), 50)
            user.is_active = bool(row["is_active"]) and not row["is_deleted"]
            user.language = "en" if (row["language"] or "").startswith("en") else "fr"
            user.date_joined = self.src.when(row["date_creation"]) or user.date_joined
            user.last_login = self.src.when(row["last_login"]) or user.last_login
            self._password(user, row)
            if user.pk:
                changed.append(user)
                self.map.record("User", glpi_id, user.pk, fp)
            else:
                new.append((glpi_id, user, fp))
            taken.add(user.username)
        if new:
            User.objects.bulk_create([u for _g, u, _f in new], batch_size=BATCH)
            for glpi_id, user, fp in new:
                self.map.record("User", glpi_id, user.pk, fp)
                mapped_ids.add(user.pk)
            self.report.count("users", "created", len(new))
        if changed:
            User.objects.bulk_update(
                changed,
                [
                    "first_name",
                    "last_name",
                    "email",
                    "phone",
                    "is_active",
                    "language",
                    "date_joined",
                    "last_login",
                    "password",
                ],
                batch_size=BATCH,
            )
            for user in changed:
                mapped_ids.add(user.pk)
            self.report.count("users", "updated", len(changed))

    def _user_item(self, glpi_id: int) -> ImportedItem | None:
        return self.map.get("User", glpi_id)

    def _password(self, user: User, row: dict) -> None:
        """GLPI's hash for local accounts (authtype 1), none for LDAP/SSO; a password
        changed in Escalade since (no longer GLPI's) is kept."""
        current = user.password or ""
        managed = not current or current.startswith(GLPI_HASH_PREFIX) or current.startswith("!")
        if not managed:
            return
        encoded = from_glpi(row["password"] or "") if row["authtype"] == 1 else None
        if row["authtype"] == 1 and encoded is None and row["password"]:
            self.report.skip(
                "mots de passe GLPI non bcrypt (compte sans mot de passe)", row["name"]
            )
        if encoded is None:
            if not current.startswith("!"):
                user.password = make_password(None)
        else:
            user.password = encoded

    def groups(self) -> None:
        self.map.load("Group")
        self.map.load("Group_User")
        rows = self.src.rows(
            "SELECT id, entities_id, is_recursive, name, completename, groups_id, is_requester,"
            " is_watcher, is_assign, is_notify FROM glpi_groups ORDER BY level, id"
        )
        taken = set(SupportGroup.objects.values_list("name", flat=True))
        mapped = {i.escalade_id for i in self.map.items["Group"].values()}
        for row in rows:
            glpi_id = row["id"]
            entity_id = self.map.id("Entity", row["entities_id"])
            if entity_id is None:
                self.report.count("groups", "skipped")
                self.report.skip("groupes d'une entité absente", str(glpi_id))
                continue
            fp = _digest(row, entity_id)
            item = self.map.get("Group", glpi_id)
            group = SupportGroup.objects.filter(pk=item.escalade_id).first() if item else None
            if item and group and item.fingerprint == fp:
                self.report.count("groups", "unchanged")
                continue
            name = _cut(text.plain(row["completename"]) or text.plain(row["name"]), 150)
            if group is None and name in taken:
                group = SupportGroup.objects.filter(name=name).first()
                if group is not None and group.pk in mapped:
                    group, name = None, _cut(f"{name} #{glpi_id}", 150)
            outcome = "updated" if group and group.pk else "created"
            group = group or SupportGroup()
            group.name = name
            group.entity_id = entity_id
            group.is_recursive = bool(row["is_recursive"])
            group.may_be_requester = bool(row["is_requester"])
            group.may_be_assigned = bool(row["is_assign"])
            group.may_be_observer = bool(row["is_watcher"])
            group.is_notified = bool(row["is_notify"])
            group.save()
            taken.add(name)
            mapped.add(group.pk)
            self.map.record("Group", glpi_id, group.pk, fp)
            self.report.count("groups", outcome)
        self._members()

    def _members(self) -> None:
        rows = self.src.rows(
            "SELECT id, users_id, groups_id, is_manager, is_userdelegate FROM glpi_groups_users"
        )
        seen: set[int] = set()
        managers: dict[int, int] = {}
        existing = {(m.group_id, m.user_id): m for m in Membership.objects.all()}
        new: list[tuple[int, Membership, str]] = []
        for row in rows:
            group_id = self.map.id("Group", row["groups_id"])
            user_id = self.map.id("User", row["users_id"])
            if group_id is None or user_id is None:
                self.report.count("members", "skipped")
                self.report.skip("membres de groupe sans utilisateur ou groupe", str(row["id"]))
                continue
            seen.add(row["id"])
            if row["is_manager"]:
                managers.setdefault(group_id, user_id)
            delegate = bool(row["is_userdelegate"])
            fp = _digest(group_id, user_id, delegate) if delegate else _digest(group_id, user_id)
            item = self.map.get("Group_User", row["id"])
            if item and item.fingerprint == fp:
                self.report.count("members", "unchanged")
                continue
            membership = existing.get((group_id, user_id))
            if membership is None:
                membership = Membership(group_id=group_id, user_id=user_id, is_delegate=delegate)
                existing[(group_id, user_id)] = membership
                new.append((row["id"], membership, fp))
                continue
            if membership.is_delegate != delegate:
                Membership.objects.filter(pk=membership.pk).update(is_delegate=delegate)
            self.map.record("Group_User", row["id"], membership.pk, fp)
            self.report.count("members", "updated")
        Membership.objects.bulk_create([m for _g, m, _f in new], batch_size=BATCH)
        for glpi_id, membership, fp in new:
            self.map.record("Group_User", glpi_id, membership.pk, fp)
        self.report.count("members", "created", len(new))
        # Memberships GLPI no longer has (only those this import made).
        gone = [g for g in self.map.items["Group_User"] if g not in seen]
        if gone:
            ids = [self.map.items["Group_User"][g].escalade_id for g in gone]
            Membership.objects.filter(pk__in=ids).delete()
            ImportedItem.objects.filter(itemtype="Group_User", glpi_id__in=gone).delete()
            self.map.forget("Group_User", gone)
            self.report.count("members", "updated", len(gone))
        for group_id, user_id in managers.items():
            SupportGroup.objects.filter(pk=group_id).exclude(supervisor_id=user_id).update(
                supervisor_id=user_id
            )

    def categories(self) -> None:
        self.map.load("ITILCategory")
        rows = self.src.rows(
            "SELECT id, entities_id, is_recursive, itilcategories_id, name, comment, users_id,"
            " groups_id, code, is_helpdeskvisible, is_incident, is_request"
            " FROM glpi_itilcategories ORDER BY level, id"
        )
        for row in rows:
            glpi_id = row["id"]
            entity_id = self.map.id("Entity", row["entities_id"])
            parent_id = self.map.id("ITILCategory", row["itilcategories_id"])
            if entity_id is None or (row["itilcategories_id"] and parent_id is None):
                self.report.count("categories", "skipped")
                self.report.skip("catégories d'une entité ou d'un parent absent", str(glpi_id))
                continue
            group_id = self.map.id("Group", row["groups_id"])
            user_id = self.map.id("User", row["users_id"])
            fp = _digest(row, entity_id, parent_id, group_id, user_id)
            item = self.map.get("ITILCategory", glpi_id)
            category = Category.objects.filter(pk=item.escalade_id).first() if item else None
            if item and category and item.fingerprint == fp:
                self.report.count("categories", "unchanged")
                continue
            outcome = "updated" if category else "created"
            category = category or Category()
            category.name = _cut(text.plain(row["name"]) or f"Catégorie {glpi_id}", 150)
            category.parent_id = parent_id
            category.entity_id = entity_id
            category.is_recursive = bool(row["is_recursive"])
            category.code = _cut(text.plain(row["code"]), 50)
            category.comment = text.plain(row["comment"])
            category.group_in_charge_id = group_id
            category.user_in_charge_id = user_id
            category.is_helpdesk_visible = bool(row["is_helpdeskvisible"])
            category.is_incident = bool(row["is_incident"])
            category.is_request = bool(row["is_request"])
            category.save()
            self.map.record("ITILCategory", glpi_id, category.pk, fp)
            self.report.count("categories", outcome)

    def profiles(self) -> None:
        self.map.load("Profile")
        rights: dict[int, dict[str, int]] = defaultdict(dict)
        for row in self.src.rows("SELECT profiles_id, name, rights FROM glpi_profilerights"):
            rights[row["profiles_id"]][row["name"]] = row["rights"] or 0
        for row in self.src.rows("SELECT id, name, interface, is_default FROM glpi_profiles"):
            glpi_id = row["id"]
            codes = profile_rights(rights.get(glpi_id, {}))
            fp = _digest(row, codes)
            item = self.map.get("Profile", glpi_id)
            profile = Profile.objects.filter(pk=item.escalade_id).first() if item else None
            if item and profile and item.fingerprint == fp:
                self.report.count("profiles", "unchanged")
                continue
            name = _cut(text.plain(row["name"]) or f"Profil {glpi_id}", 100)
            if profile is None:
                profile = Profile.objects.filter(name=name).first()
            outcome = "updated" if profile else "created"
            profile = profile or Profile(name=name)
            profile.interface = (
                Interface.SIMPLIFIED if row["interface"] == "helpdesk" else Interface.STANDARD
            )
            profile.rights = codes
            profile.is_default = bool(row["is_default"])
            profile.save()
            self.map.record("Profile", glpi_id, profile.pk, fp)
            self.report.count("profiles", outcome)

    def grants(self) -> None:
        self.map.load("Profile_User")
        seen: set[int] = set()
        existing = {(g.user_id, g.profile_id, g.entity_id): g for g in ProfileGrant.objects.all()}
        new: list[tuple[int, ProfileGrant, str]] = []
        changed: dict[int, ProfileGrant] = {}
        rows = self.src.rows(
            "SELECT id, users_id, profiles_id, entities_id, is_recursive, is_default_profile"
            " FROM glpi_profiles_users ORDER BY id"
        )
        for row in rows:
            user_id = self.map.id("User", row["users_id"])
            profile_id = self.map.id("Profile", row["profiles_id"])
            entity_id = self.map.id("Entity", row["entities_id"])
            if user_id is None or profile_id is None or entity_id is None:
                self.report.count("grants", "skipped")
                self.report.skip("habilitations sans utilisateur, profil ou entité", str(row["id"]))
                continue
            seen.add(row["id"])
            fp = _digest(row, user_id, profile_id, entity_id)
            item = self.map.get("Profile_User", row["id"])
            if item and item.fingerprint == fp:
                self.report.count("grants", "unchanged")
                continue
            key = (user_id, profile_id, entity_id)
            grant = existing.get(key)
            if grant is None:
                grant = ProfileGrant(user_id=user_id, profile_id=profile_id, entity_id=entity_id)
                existing[key] = grant
                new.append((row["id"], grant, fp))
            grant.is_recursive = bool(row["is_recursive"])
            grant.is_default = bool(row["is_default_profile"])
            if grant.pk:
                changed[grant.pk] = grant
                self.map.record("Profile_User", row["id"], grant.pk, fp)
        ProfileGrant.objects.bulk_create([g for _i, g, _f in new], batch_size=BATCH)
        ProfileGrant.objects.bulk_update(
            list(changed.values()), ["is_recursive", "is_default"], batch_size=BATCH
        )
        for glpi_id, grant, fp in new:
            self.map.record("Profile_User", glpi_id, grant.pk, fp)
        self.report.count("grants", "created", len(new))
        self.report.count("grants", "updated", len(changed))
        gone = [g for g in self.map.items["Profile_User"] if g not in seen]
        if gone:
            ids = [self.map.items["Profile_User"][g].escalade_id for g in gone]
            ProfileGrant.objects.filter(pk__in=ids).delete()
            ImportedItem.objects.filter(itemtype="Profile_User", glpi_id__in=gone).delete()
            self.map.forget("Profile_User", gone)
            self.report.count("grants", "updated", len(gone))

    # --- tickets ---------------------------------------------------------------------

    def tickets(self) -> None:
        total = self.src.count("glpi_tickets")
        bar = self._step(total, "Tickets")
        top = 0
        self.has_documents = self.src.count("glpi_documents_items") > 0
        storage = attachment_storage()
        for batch in self.src.batches("glpi_tickets", TICKET_COLUMNS, size=BATCH):
            work = TicketBatch(self, batch)
            try:
                with transaction.atomic():
                    work.run()
                    self.map.flush()
            except BaseException:
                for name in work.written:  # the rows are rolled back: so are their files
                    storage.delete(name)
                raise
            top = max(top, batch[-1]["id"])
            for itemtype in BATCH_ITEMTYPES:  # bounded memory: the batch's mapping only
                self.map.items.pop(itemtype, None)
            bar.update(len(batch))
        bar.close()
        if top and connection.vendor == "postgresql" and not self.dry_run:
            # Explicit ids do not move PostgreSQL's sequence: the next ticket follows GLPI's.
            # (setval is not transactional: never in a dry run.)
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), [Ticket]):
                    cursor.execute(sql)

    def document_path(self, filepath: str) -> Path | None:
        if self.files_dir is None or not filepath:
            return None
        path = (self.files_dir / filepath).resolve()
        root = self.files_dir.resolve()
        if root not in path.parents:
            return None
        return path

    def _not_mapped(self) -> None:
        """What GLPI has and Escalade does not take: reported, never fatal."""
        checks = [
            ("glpi_rules", "sub_type = 'RuleTicket'", "règles métier GLPI (à recréer)"),
            (
                "glpi_tickets",
                "slas_id_tto <> 0 OR slas_id_ttr <> 0 OR olas_id_tto <> 0 OR olas_id_ttr <> 0",
                "tickets avec SLA/OLA (champs non importés)",
            ),
            ("glpi_ticketvalidations", "1=1", "validations de tickets"),
            ("glpi_ticketsatisfactions", "1=1", "enquêtes de satisfaction"),
            ("glpi_tickets_tickets", "1=1", "liens entre tickets"),
            ("glpi_suppliers_tickets", "1=1", "fournisseurs acteurs de tickets"),
            ("glpi_items_tickets", "1=1", "éléments (matériels) liés aux tickets"),
            ("glpi_ticketcosts", "1=1", "coûts de tickets"),
            ("glpi_tickets", "locations_id <> 0", "tickets avec un lieu (non importé)"),
            (
                "glpi_itilfollowups",
                "itemtype <> 'Ticket'",
                "suivis de problèmes ou de changements",
            ),
        ]
        for table, where, reason in checks:
            if self.src.has_table(table):
                n = self.src.count(table, where)
                if n:
                    self.report.skip(reason, n=n)


def profile_rights(rights: dict[str, int]) -> list[str]:
    """GLPI's rights bitmasks (glpi_profilerights) as Escalade's right codes, by the one
    mapping of ``accounts.rights`` (the same as the demo's seeded profiles)."""
    return sorted(str(right) for right in rights_from_glpi(rights))


def _level(value: Any, highest: int = 5) -> int:
    return value if isinstance(value, int) and 1 <= value <= highest else 3


class TicketBatch:
    """One batch of GLPI tickets with their actors, followups, tasks, solutions,
    documents and history, written in one transaction."""

    def __init__(self, importer: Importer, rows: list[dict]) -> None:
        self.imp = importer
        self.src = importer.src
        self.map = importer.map
        self.report = importer.report
        self.rows = rows
        self.ids = [row["id"] for row in rows]
        self.imported: set[int] = set()  # tickets of the batch present in Escalade
        self.touched: dict[str, set[int]] = defaultdict(set)  # glpi ids created/updated
        self.raw: dict[tuple[str, int], str] = {}  # raw GLPI content of touched rows
        self.written: list[str] = []  # files stored, removed if the batch fails
        self.doc_attachments: dict[tuple[int, int], int] = {}
        self.doc_any: dict[int, int] = {}

    def run(self) -> None:
        self.map.load("Ticket", self.ids)
        self.tickets()
        if not self.imported:
            return
        self.followups()
        self.tasks()
        self.solutions()
        self.documents()
        self.history()
        self.relink()

    def _user(self, glpi_id: int | None) -> int | None:
        return self.map.id("User", glpi_id)

    def _doc_url(self, ticket_id: int) -> Callable[[int], str | None]:
        def url(glpi_doc: int) -> str | None:
            pk = self.doc_attachments.get((glpi_doc, ticket_id)) or self.doc_any.get(glpi_doc)
            return reverse("tickets:attachment", args=[pk]) if pk else None

        return url

    # Tickets and actors
    def tickets(self) -> None:
        actors: dict[int, list[dict]] = defaultdict(list)
        for row in self.src.rows(
            "SELECT id, tickets_id, users_id, type, use_notification, alternative_email"
            " FROM glpi_tickets_users WHERE tickets_id IN %s ORDER BY id",
            [self.ids],
        ):
            actors[row["tickets_id"]].append(row)
        for row in self.src.rows(
            "SELECT id, tickets_id, groups_id, type FROM glpi_groups_tickets"
            " WHERE tickets_id IN %s ORDER BY id",
            [self.ids],
        ):
            actors[row["tickets_id"]].append(row)
        self._load_doc_map()
        new_ids = [i for i in self.ids if self.map.get("Ticket", i) is None]
        taken = set(Ticket.objects.filter(pk__in=new_ids).values_list("pk", flat=True))
        new: list[Ticket] = []
        changed: list[Ticket] = []
        fingerprints: dict[int, str] = {}
        for row in self.rows:
            glpi_id = row["id"]
            entity_id = self.map.id("Entity", row["entities_id"])
            if entity_id is None or row["status"] not in Status.values:
                self.report.count("tickets", "skipped")
                self.report.skip("tickets d'une entité absente ou au statut inconnu", f"#{glpi_id}")
                continue
            fp = _digest(row, actors.get(glpi_id, []))
            item = self.map.get("Ticket", glpi_id)
            if item is None and glpi_id in taken:
                self.report.count("tickets", "skipped")
                self.report.skip(
                    "tickets dont l'identifiant est déjà pris dans Escalade", f"#{glpi_id}"
                )
                continue
            self.imported.add(glpi_id)
            fingerprints[glpi_id] = fp
            if item is not None and item.fingerprint == fp:
                self.report.count("tickets", "unchanged")
                continue
            ticket = self._ticket(row, entity_id)
            (changed if item is not None else new).append(ticket)
            self.touched["Ticket"].add(glpi_id)
            self.raw[("Ticket", glpi_id)] = row["content"] or ""
        if new:
            Ticket.objects.bulk_create(new, batch_size=BATCH)
            self.report.count("tickets", "created", len(new))
        if changed:
            Ticket.objects.bulk_update(changed, TICKET_FIELDS, batch_size=BATCH)
            self.report.count("tickets", "updated", len(changed))
            TicketActor.objects.filter(ticket_id__in=[t.pk for t in changed]).delete()
        for glpi_id in self.touched["Ticket"]:
            self.map.record("Ticket", glpi_id, glpi_id, fingerprints[glpi_id])
        self._actors({i: actors.get(i, []) for i in self.touched["Ticket"]})
        kept = self.imported - self.touched["Ticket"]
        self.report.count("actors", "unchanged", sum(len(actors.get(i, [])) for i in kept))

    def _ticket(self, row: dict, entity_id: int) -> Ticket:
        when = self.src.when
        title = text.plain(row["name"])
        content = text.rich(row["content"], self._doc_url(row["id"]))
        if not title:
            from escalade.tickets.richtext import to_plain

            title = to_plain(content)[:70] or f"Ticket {row['id']}"
        status = row["status"]
        opened = when(row["date"]) or when(row["date_creation"]) or timezone.now()
        return Ticket(
            pk=row["id"],
            entity_id=entity_id,
            type=row["type"] if row["type"] in (1, 2) else 1,
            category_id=self.map.id("ITILCategory", row["itilcategories_id"]),
            title=_cut(title, 255),
            content=content,
            status=status,
            urgency=_level(row["urgency"]),
            impact=_level(row["impact"]),
            priority=_level(row["priority"], 6),
            source=self.imp._source(row["requesttypes_id"]),
            created_by_id=self._user(row["users_id_recipient"]),
            last_updated_by_id=self._user(row["users_id_lastupdater"]),
            opened_at=opened,
            updated_at=when(row["date_mod"]) or opened,
            taken_at=when(row["takeintoaccountdate"]),
            solved_at=when(row["solvedate"]),
            closed_at=when(row["closedate"]),
            waiting_since=when(row["begin_waiting_date"]) if status == Status.WAITING else None,
            waiting_seconds=max(row["waiting_duration"] or 0, 0),
            is_deleted=bool(row["is_deleted"]),
        )

    def _actors(self, actors: dict[int, list[dict]]) -> None:
        made: list[TicketActor] = []
        for ticket_id, rows in actors.items():
            keys: set[tuple] = set()
            for row in rows:
                role = row["type"]
                if role not in (1, 2, 3):
                    self.report.count("actors", "skipped")
                    continue
                if "groups_id" in row:
                    group_id = self.map.id("Group", row["groups_id"])
                    key: tuple = (role, "g", group_id)
                    actor = TicketActor(ticket_id=ticket_id, role=role, group_id=group_id)
                    missing = group_id is None
                else:
                    user_id = self._user(row["users_id"])
                    if not row["users_id"] and row["alternative_email"]:
                        self.report.count("actors", "skipped")
                        self.report.skip(
                            "acteurs par adresse seule (sans compte)",
                            f"#{ticket_id} {row['alternative_email']}",
                        )
                        continue
                    key = (role, "u", user_id)
                    actor = TicketActor(
                        ticket_id=ticket_id,
                        role=role,
                        user_id=user_id,
                        use_notification=bool(row["use_notification"]),
                        alternative_email=_cut(text.plain(row["alternative_email"]), 254),
                    )
                    missing = user_id is None
                if missing:
                    self.report.count("actors", "skipped")
                    self.report.skip(
                        "acteurs dont l'utilisateur ou le groupe manque", f"#{ticket_id}"
                    )
                    continue
                if key in keys:
                    self.report.count("actors", "unchanged")
                    continue
                keys.add(key)
                made.append(actor)
        if made:
            TicketActor.objects.bulk_create(made, batch_size=BATCH)
            self.report.count("actors", "created", len(made))

    # Followups, tasks, solutions
    def _sub_items(
        self,
        *,
        kind: str,
        itemtype: str,
        rows: list[dict],
        ticket_of: Callable[[dict], int],
        build: Callable[[dict, int], Any],
        model: Any,
        fields: list[str],
    ) -> None:
        self.map.load(itemtype, [row["id"] for row in rows])
        new: list[tuple[int, Any, str]] = []
        changed: list[tuple[int, Any, str]] = []
        for row in rows:
            ticket_id = ticket_of(row)
            if ticket_id not in self.imported:
                continue
            fp = _digest(row)
            item = self.map.get(itemtype, row["id"])
            if item is not None and item.fingerprint == fp:
                self.report.count(kind, "unchanged")
                continue
            obj = build(row, ticket_id)
            self.touched[itemtype].add(row["id"])
            self.raw[(itemtype, row["id"])] = row.get("content") or ""
            if item is not None:
                obj.pk = item.escalade_id
                changed.append((row["id"], obj, fp))
            else:
                new.append((row["id"], obj, fp))
        if new:
            model.objects.bulk_create([o for _g, o, _f in new], batch_size=BATCH)
            self.report.count(kind, "created", len(new))
        if changed:
            model.objects.bulk_update([o for _g, o, _f in changed], fields, batch_size=BATCH)
            self.report.count(kind, "updated", len(changed))
        for glpi_id, obj, fp in new + changed:
            self.map.record(itemtype, glpi_id, obj.pk, fp)

    def followups(self) -> None:
        rows = self.src.rows(
            "SELECT id, items_id, date, users_id, users_id_editor, content, is_private,"
            " requesttypes_id, date_mod FROM glpi_itilfollowups"
            " WHERE itemtype = 'Ticket' AND items_id IN %s ORDER BY id",
            [list(self.imported)],
        )
        when = self.src.when

        def build(row: dict, ticket_id: int) -> Followup:
            created = when(row["date"]) or timezone.now()
            return Followup(
                ticket_id=ticket_id,
                author_id=self._user(row["users_id"]),
                editor_id=self._user(row["users_id_editor"]),
                content=text.rich(row["content"], self._doc_url(ticket_id)),
                is_private=bool(row["is_private"]),
                source=self.imp._source(row["requesttypes_id"]),
                created_at=created,
                updated_at=when(row["date_mod"]) or created,
            )

        self._sub_items(
            kind="followups",
            itemtype="ITILFollowup",
            rows=rows,
            ticket_of=lambda r: r["items_id"],
            build=build,
            model=Followup,
            fields=[
                "author",
                "editor",
                "content",
                "is_private",
                "source",
                "created_at",
                "updated_at",
            ],
        )

    def tasks(self) -> None:
        rows = self.src.rows(
            "SELECT id, tickets_id, date, users_id, users_id_editor, content, is_private,"
            " actiontime, state, users_id_tech, groups_id_tech, date_mod"
            " FROM glpi_tickettasks WHERE tickets_id IN %s ORDER BY id",
            [list(self.imported)],
        )
        when = self.src.when

        def build(row: dict, ticket_id: int) -> Task:
            created = when(row["date"]) or timezone.now()
            return Task(
                ticket_id=ticket_id,
                author_id=self._user(row["users_id"]),
                editor_id=self._user(row["users_id_editor"]),
                content=text.rich(row["content"], self._doc_url(ticket_id)),
                is_private=bool(row["is_private"]),
                state=row["state"] if row["state"] in (0, 1, 2) else 1,
                duration_seconds=max(row["actiontime"] or 0, 0),
                technician_id=self._user(row["users_id_tech"]),
                group_id=self.map.id("Group", row["groups_id_tech"]),
                created_at=created,
                updated_at=when(row["date_mod"]) or created,
            )

        self._sub_items(
            kind="tasks",
            itemtype="TicketTask",
            rows=rows,
            ticket_of=lambda r: r["tickets_id"],
            build=build,
            model=Task,
            fields=[
                "author",
                "editor",
                "content",
                "is_private",
                "state",
                "duration_seconds",
                "technician",
                "group",
                "created_at",
                "updated_at",
            ],
        )

    def solutions(self) -> None:
        rows = self.src.rows(
            "SELECT id, items_id, content, date_creation, date_approval, users_id,"
            " users_id_approval, status FROM glpi_itilsolutions"
            " WHERE itemtype = 'Ticket' AND items_id IN %s ORDER BY id",
            [list(self.imported)],
        )
        when = self.src.when

        def build(row: dict, ticket_id: int) -> Solution:
            return Solution(
                ticket_id=ticket_id,
                author_id=self._user(row["users_id"]),
                content=text.rich(row["content"], self._doc_url(ticket_id)),
                status=row["status"] if row["status"] in (1, 2, 3, 4) else 1,
                created_at=when(row["date_creation"]) or timezone.now(),
                decided_by_id=self._user(row["users_id_approval"]),
                decided_at=when(row["date_approval"]),
            )

        self._sub_items(
            kind="solutions",
            itemtype="ITILSolution",
            rows=rows,
            ticket_of=lambda r: r["items_id"],
            build=build,
            model=Solution,
            fields=["author", "content", "status", "created_at", "decided_by", "decided_at"],
        )

    # Documents
    def _load_doc_map(self) -> None:
        """Imported attachments of these tickets, by GLPI document id (for links)."""
        if not self.imp.has_documents:
            return
        rows = self.src.rows(
            "SELECT di.id, di.documents_id, di.itemtype, di.items_id,"
            " f.items_id AS followup_ticket, t.tickets_id AS task_ticket"
            " FROM glpi_documents_items di"
            " LEFT JOIN glpi_itilfollowups f ON di.itemtype = 'ITILFollowup' AND f.id = di.items_id"
            " AND f.itemtype = 'Ticket'"
            " LEFT JOIN glpi_tickettasks t ON di.itemtype = 'TicketTask' AND t.id = di.items_id"
            " WHERE (di.itemtype = 'Ticket' AND di.items_id IN %s)"
            " OR (di.itemtype = 'ITILFollowup' AND f.items_id IN %s)"
            " OR (di.itemtype = 'TicketTask' AND t.tickets_id IN %s)",
            [self.ids, self.ids, self.ids],
        )
        self.map.load("Document_Item", [r["id"] for r in rows])
        for row in rows:
            pk = self.map.id("Document_Item", row["id"])
            if pk:
                ticket_id = row["followup_ticket"] or row["task_ticket"] or row["items_id"]
                self.doc_attachments[(row["documents_id"], ticket_id)] = pk
                self.doc_any.setdefault(row["documents_id"], pk)

    def documents(self) -> None:
        ids = list(self.imported)
        rows = self.src.rows(
            "SELECT di.id, di.documents_id, di.itemtype, di.items_id, di.users_id,"
            " di.date_creation AS linked_at, d.filename, d.filepath, d.mime, d.sha1sum,"
            " d.link, d.users_id AS doc_user, d.date_creation, d.is_deleted,"
            " f.items_id AS followup_ticket, t.tickets_id AS task_ticket"
            " FROM glpi_documents_items di JOIN glpi_documents d ON d.id = di.documents_id"
            " LEFT JOIN glpi_itilfollowups f ON di.itemtype = 'ITILFollowup'"
            " AND f.id = di.items_id AND f.itemtype = 'Ticket'"
            " LEFT JOIN glpi_tickettasks t ON di.itemtype = 'TicketTask' AND t.id = di.items_id"
            " WHERE (di.itemtype = 'Ticket' AND di.items_id IN %s)"
            " OR (di.itemtype = 'ITILFollowup' AND f.items_id IN %s)"
            " OR (di.itemtype = 'TicketTask' AND t.tickets_id IN %s) ORDER BY di.id",
            [ids, ids, ids],
        )
        if not rows:
            return
        self.map.load("Document_Item", [r["id"] for r in rows])
        storage = attachment_storage()
        for row in rows:
            item = self.map.get("Document_Item", row["id"])
            if item is not None:
                self.report.count("documents", "unchanged")
                continue
            ticket_id = row["followup_ticket"] or row["task_ticket"] or row["items_id"]
            if ticket_id not in self.imported:
                continue
            label = f"document {row['documents_id']} (ticket #{ticket_id})"
            if row["is_deleted"]:
                self.report.count("documents", "skipped")
                self.report.skip("documents à la corbeille de GLPI", label)
                continue
            if not row["filepath"]:
                self.report.count("documents", "skipped")
                self.report.skip("documents sans fichier (liens)", label)
                continue
            path = self.imp.document_path(row["filepath"])
            if path is None:
                self.report.count("documents", "skipped")
                self.report.skip("documents non copiés (option --files absente)", label)
                continue
            if not path.is_file():
                self.report.count("documents", "skipped")
                self.report.skip("fichiers absents du dossier GLPI", f"{label}: {row['filepath']}")
                continue
            data = path.read_bytes()
            sha1 = hashlib.sha1(data, usedforsecurity=False).hexdigest()
            if row["sha1sum"] and sha1 != row["sha1sum"]:
                self.report.count("documents", "skipped")
                self.report.skip(
                    "fichiers dont la somme sha1 diffère", f"{label}: {row['filepath']}"
                )
                continue
            filename = _cut(text.plain(row["filename"]) or path.name, 255)
            followup_id = (
                self.map.id("ITILFollowup", row["items_id"])
                if row["itemtype"] == "ITILFollowup"
                else None
            )
            task_id = (
                self.map.id("TicketTask", row["items_id"])
                if row["itemtype"] == "TicketTask"
                else None
            )
            attachment = Attachment(
                ticket_id=ticket_id,
                followup_id=followup_id,
                task_id=task_id,
                uploaded_by_id=self._user(row["users_id"] or row["doc_user"]),
                filename=filename,
                content_type=_cut(
                    row["mime"] or mimetypes.guess_type(filename)[0] or "application/octet-stream",
                    100,
                ),
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                created_at=self.src.when(row["linked_at"])
                or self.src.when(row["date_creation"])
                or timezone.now(),
            )
            name = attachment_name(attachment, filename)
            if self.imp.dry_run:
                attachment.file.name = name
            else:
                attachment.file.name = storage.save(name, ContentFile(data))
                self.written.append(attachment.file.name)
            attachment.save()
            self.map.record("Document_Item", row["id"], attachment.pk, _digest(row))
            self.doc_attachments[(row["documents_id"], ticket_id)] = attachment.pk
            self.doc_any.setdefault(row["documents_id"], attachment.pk)
            self.report.count("documents", "created")

    # History
    def history(self) -> None:
        ids = list(self.imported)
        rows = self.src.rows(
            "SELECT id, items_id, itemtype_link, linked_action, user_name, date_mod,"
            " id_search_option, old_value, new_value FROM glpi_logs"
            " WHERE itemtype = 'Ticket' AND items_id IN %s ORDER BY id",
            [ids],
        )
        if not rows:
            return
        self.map.load("Log", [r["id"] for r in rows])
        made: list[tuple[int, TicketEvent]] = []
        for row in rows:
            if self.map.get("Log", row["id"]) is not None:
                self.report.count("history", "unchanged")
                continue
            action = row["linked_action"] or 0
            if action == 0:
                label = SEARCH_OPTIONS.get(
                    row["id_search_option"], f"GLPI {row['id_search_option']}"
                )
            else:
                label = text.plain(row["itemtype_link"]) or LINKED_ACTIONS.get(action, str(action))
            who = _USER_NAME_ID.search(row["user_name"] or "")
            made.append(
                (
                    row["id"],
                    TicketEvent(
                        ticket_id=row["items_id"],
                        actor_id=self._user(int(who.group(1))) if who else None,
                        kind=EventKind.FIELD_CHANGED.value,
                        data={
                            "field": label,
                            "old": text.plain(row["old_value"]),
                            "new": text.plain(row["new_value"]),
                            "source": "glpi",
                            "glpi_log": row["id"],
                            "glpi_action": LINKED_ACTIONS.get(action, "field"),
                            "glpi_user": text.plain(row["user_name"]),
                        },
                        created_at=self.src.when(row["date_mod"]) or timezone.now(),
                    ),
                )
            )
        if made:
            TicketEvent.objects.bulk_create([e for _g, e in made], batch_size=BATCH)
            for glpi_id, event in made:
                self.map.record("Log", glpi_id, event.pk, "")
            self.report.count("history", "created", len(made))

    # Inline images and document links, once the batch's documents exist
    def relink(self) -> None:
        models: dict[str, Any] = {
            "Ticket": Ticket,
            "ITILFollowup": Followup,
            "TicketTask": Task,
            "ITILSolution": Solution,
        }
        for itemtype, model in models.items():
            for glpi_id in self.touched[itemtype]:
                raw = self.raw.get((itemtype, glpi_id), "")
                if "document.send.php" not in raw:
                    continue
                pk = self.map.id(itemtype, glpi_id)
                column = "pk" if itemtype == "Ticket" else "ticket_id"
                found = model.objects.filter(pk=pk).values_list(column, "content").first()
                if found is None:
                    continue
                content = text.rich(raw, self._doc_url(found[0]))
                if content != found[1]:
                    model.objects.filter(pk=pk).update(content=content)


TICKET_COLUMNS = (
    "id, entities_id, name, date, closedate, solvedate, takeintoaccountdate, date_mod,"
    " users_id_lastupdater, status, users_id_recipient, requesttypes_id, content, urgency,"
    " impact, priority, itilcategories_id, type, begin_waiting_date, waiting_duration,"
    " is_deleted, date_creation"
)
TICKET_FIELDS = [
    "entity",
    "type",
    "category",
    "title",
    "content",
    "status",
    "urgency",
    "impact",
    "priority",
    "source",
    "created_by",
    "last_updated_by",
    "opened_at",
    "updated_at",
    "taken_at",
    "solved_at",
    "closed_at",
    "waiting_since",
    "waiting_seconds",
    "is_deleted",
]
