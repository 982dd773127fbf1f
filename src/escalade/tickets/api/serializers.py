"""Explicit input and output shapes of /api/v1/.

Input serializers only check shapes (types, ranges, lengths); the workflow
enforces the rules. Output serializers only read. None of them saves anything.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from escalade.core import parsing
from escalade.onbehalf.access import CHOSEN_SOURCES
from escalade.tickets.api.filters import ORDERINGS, STATUS_CHOICES_HELP
from escalade.tickets.attachments import clean_name
from escalade.tickets.models import Level, Role, TaskState, TicketType
from escalade.tickets.status import Status

PAGE_SIZE_MAX = 100


# --- Input values, through escalade.core.parsing ------------------------------------------------


class BoundedInteger(serializers.IntegerField):
    """An integer read by ``parsing.integer``: never past what the database holds."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", -parsing.MAX_INT)
        kwargs.setdefault("max_value", parsing.MAX_INT)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, str) and len(data) > self.MAX_STRING_LENGTH:
            self.fail("max_string_length")
        try:
            low = -parsing.MAX_INT if self.min_value is None else int(self.min_value)
            high = parsing.MAX_INT if self.max_value is None else int(self.max_value)
            return parsing.integer(data, minimum=low, maximum=high)
        except parsing.BadValue as error:
            raise serializers.ValidationError(error.message, code="invalid") from None


class Moment(serializers.DateTimeField):
    """A date-time between parsing.DATE_MIN and DATE_MAX (no time-zone shift overflows)."""

    def to_internal_value(self, value: Any) -> Any:
        try:
            parsing.moment(value if not isinstance(value, str) else value[:40])
        except parsing.BadValue as error:
            raise serializers.ValidationError(error.message, code="invalid") from None
        return super().to_internal_value(value)


# --- Errors and pages -------------------------------------------------------------------------


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=_("Message lisible, en français."))
    code = serializers.CharField(required=False)
    field = serializers.CharField(required=False, allow_null=True)
    errors = serializers.DictField(  # type: ignore[assignment]
        required=False, help_text=_("Erreurs par champ.")
    )


class PageQuerySerializer(serializers.Serializer):
    page = BoundedInteger(required=False, min_value=1, max_value=100_000, default=1)
    page_size = BoundedInteger(required=False, min_value=1, max_value=PAGE_SIZE_MAX, default=25)
    count = serializers.ChoiceField(
        choices=[("exact", "exact")],
        required=False,
        help_text=_("« exact » : compter tous les résultats, même au-delà de 200."),
    )


def page_of(item: serializers.Serializer, name: str) -> type[serializers.Serializer]:
    """A paged list of ``item``: count, page, page_size, results."""
    return type(
        name,
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(
                help_text=_(
                    "Nombre de résultats : exact jusqu'à 200 et jusqu'à cinq pages après "
                    "la page demandée ; au-delà, la borne atteinte (voir count_exact)."
                )
            ),
            "count_exact": serializers.BooleanField(
                help_text=_("Faux si count est une borne inférieure (count=exact pour le total).")
            ),
            "page": serializers.IntegerField(),
            "page_size": serializers.IntegerField(),
            "results": type(item)(many=True),
        },
    )


# --- References -------------------------------------------------------------------------------


class UserRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField(source="__str__")


class GroupRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class NamedTreeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    full_name = serializers.CharField()


class ProfileRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    interface = serializers.CharField()


# --- Tickets: output ---------------------------------------------------------------------------


class ActorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    role = serializers.ChoiceField(choices=Role.choices)
    user = UserRefSerializer(allow_null=True)
    group = GroupRefSerializer(allow_null=True)
    use_notification = serializers.BooleanField()


class TicketSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    type = serializers.ChoiceField(choices=TicketType.choices)
    status = serializers.ChoiceField(choices=Status.choices)
    status_label = serializers.CharField(source="get_status_display")
    urgency = serializers.IntegerField()
    impact = serializers.IntegerField()
    priority = serializers.IntegerField()
    category = NamedTreeSerializer(allow_null=True)
    entity = NamedTreeSerializer()
    source = serializers.CharField()  # type: ignore[assignment]
    opened_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    solved_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    time_to_own = serializers.DateTimeField(
        allow_null=True, help_text=_("Échéance de prise en compte (SLA, heures ouvrées).")
    )
    time_to_resolve = serializers.DateTimeField(
        allow_null=True, help_text=_("Échéance de résolution (SLA, heures ouvrées).")
    )
    next_due_at = serializers.DateTimeField(
        allow_null=True,
        help_text=_("Prochaine échéance non atteinte ; vide quand l'horloge est arrêtée."),
    )
    overdue = serializers.BooleanField(
        source="is_overdue", help_text=_("En retard : une échéance est dépassée.")
    )
    actors = ActorSerializer(many=True, source="actors.all")

    def to_representation(self, instance: Any) -> dict[str, Any]:
        """What the fields above give (a test compares both), written out: lists send
        50 of these, and DRF's generic walk over 100 nested fields cost more than the
        database. Dates still go through the field, for their exact format."""
        date = self.fields["opened_at"].to_representation

        def when(value: Any) -> Any:
            return None if value is None else date(value)

        def node(value: Any) -> Any:
            if value is None:
                return None
            return {"id": value.pk, "name": value.name, "full_name": value.full_name}

        return {
            "id": instance.pk,
            "title": instance.title,
            "type": instance.type,
            "status": instance.status,
            "status_label": str(instance.get_status_display()),
            "urgency": instance.urgency,
            "impact": instance.impact,
            "priority": instance.priority,
            "category": node(instance.category),
            "entity": node(instance.entity),
            "source": str(instance.source),
            "opened_at": when(instance.opened_at),
            "updated_at": when(instance.updated_at),
            "solved_at": when(instance.solved_at),
            "closed_at": when(instance.closed_at),
            "time_to_own": when(instance.time_to_own),
            "time_to_resolve": when(instance.time_to_resolve),
            "next_due_at": when(instance.next_due_at),
            "overdue": instance.is_overdue,
            "actors": [
                {
                    "id": actor.pk,
                    "role": actor.role,
                    "user": None
                    if actor.user is None
                    else {
                        "id": actor.user.pk,
                        "username": actor.user.username,
                        "name": str(actor.user),
                    },
                    "group": None
                    if actor.group is None
                    else {"id": actor.group.pk, "name": actor.group.name},
                    "use_notification": actor.use_notification,
                }
                for actor in instance.actors.all()
            ],
        }


class CleanName(serializers.CharField):
    """A user-supplied name, shown without bidi overrides or zero-width characters."""

    def to_representation(self, value: Any) -> str:
        return clean_name(str(value))


class AttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    filename = CleanName()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    created_at = serializers.DateTimeField()
    followup = serializers.IntegerField(source="followup_id", allow_null=True)
    task = serializers.IntegerField(source="task_id", allow_null=True)
    url = serializers.CharField(help_text=_("Adresse de téléchargement."))


class TimelineItemSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["followup", "task", "solution"])
    id = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    author = UserRefSerializer(allow_null=True)
    content = serializers.CharField(help_text=_("Le texte, tel qu'il a été écrit."))
    content_html = serializers.CharField(
        help_text=_("Le même texte en HTML (échappé ; HTML nettoyé s'il a été reçu en HTML).")
    )
    is_private = serializers.BooleanField()
    state = serializers.IntegerField(allow_null=True, help_text=_("Tâche : 0, 1 ou 2."))
    duration_seconds = serializers.IntegerField(allow_null=True)
    solution_status = serializers.IntegerField(
        allow_null=True, help_text=_("Solution : 2 en attente, 3 approuvée, 4 refusée.")
    )
    solution_type = serializers.IntegerField(
        allow_null=True, help_text=_("Solution : son type (/api/v1/solution-types/).")
    )
    attachments = serializers.ListField(child=serializers.IntegerField())


class TicketDetailSerializer(TicketSummarySerializer):
    # Every declared field, the generic way (the summary's fast path knows only its own).
    to_representation = serializers.Serializer.to_representation

    content = serializers.CharField(help_text=_("Le texte, tel qu'il a été écrit."))
    content_html = serializers.CharField(
        help_text=_("Le même texte en HTML (échappé ; HTML nettoyé s'il a été reçu en HTML).")
    )
    created_by = UserRefSerializer(allow_null=True)
    taken_at = serializers.DateTimeField(allow_null=True)
    is_deleted = serializers.BooleanField()
    timeline = TimelineItemSerializer(many=True)
    attachments = AttachmentSerializer(many=True, source="attachments_list")
    allowed_statuses = serializers.ListField(child=serializers.IntegerField())


TicketPageSerializer = page_of(TicketSummarySerializer(), "TicketPage")


# --- Tickets: input ------------------------------------------------------------------------------


class TicketFilterSerializer(PageQuerySerializer):
    status = serializers.CharField(
        required=False,
        max_length=50,
        help_text=STATUS_CHOICES_HELP,
    )
    category = BoundedInteger(required=False, min_value=1)
    solution_type = BoundedInteger(
        required=False, min_value=1, help_text=_("Tickets dont une solution a ce type.")
    )
    category_under = BoundedInteger(
        required=False, min_value=1, help_text=_("Catégorie et ses sous-catégories.")
    )
    type = serializers.ChoiceField(required=False, choices=TicketType.choices)
    urgency = BoundedInteger(required=False, min_value=1, max_value=5)
    priority = BoundedInteger(required=False, min_value=1, max_value=6)
    requester = BoundedInteger(required=False, min_value=1)
    requester_group = BoundedInteger(required=False, min_value=1)
    assigned_user = BoundedInteger(required=False, min_value=1)
    assigned_group = BoundedInteger(required=False, min_value=1)
    observer = BoundedInteger(required=False, min_value=1)
    observer_group = BoundedInteger(required=False, min_value=1)
    entity = BoundedInteger(required=False, min_value=1, help_text=_("Entité et ses sous-entités."))
    q = serializers.CharField(
        required=False,
        max_length=200,
        help_text=_(
            "Texte cherché dans le titre, la description et les suivis lisibles "
            "(recherche plein texte en français sur PostgreSQL : tous les mots, "
            '"expression exacte", -mot pour exclure).'
        ),
    )
    opened_after = Moment(required=False)
    opened_before = Moment(required=False)
    updated_after = Moment(required=False)
    updated_before = Moment(required=False)
    overdue = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("true : les tickets en retard ; false : ceux qui ne le sont pas."),
    )
    ordering = serializers.ChoiceField(
        required=False, choices=sorted(ORDERINGS), default="-updated_at"
    )


class TicketCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    content = serializers.CharField(max_length=100_000)
    type = serializers.ChoiceField(choices=TicketType.choices, default=TicketType.INCIDENT)
    category = BoundedInteger(required=False, allow_null=True, min_value=1)
    urgency = BoundedInteger(min_value=1, max_value=5, default=Level.MEDIUM)
    impact = BoundedInteger(min_value=1, max_value=5, required=False)
    priority = BoundedInteger(min_value=1, max_value=6, required=False)
    entity = BoundedInteger(required=False, allow_null=True, min_value=1)
    requesters = serializers.ListField(
        child=BoundedInteger(min_value=1), required=False, max_length=50
    )
    requester_groups = serializers.ListField(
        child=BoundedInteger(min_value=1), required=False, max_length=50
    )
    observers = serializers.ListField(
        child=BoundedInteger(min_value=1), required=False, max_length=50
    )
    observer_groups = serializers.ListField(
        child=BoundedInteger(min_value=1), required=False, max_length=50
    )
    assigned_users = serializers.ListField(
        child=BoundedInteger(min_value=1), required=False, max_length=50
    )
    assigned_groups = serializers.ListField(
        child=BoundedInteger(min_value=1), required=False, max_length=50
    )
    source = serializers.ChoiceField(  # type: ignore[assignment]  # a field, as DRF declares
        choices=[(s.value, s.label) for s in CHOSEN_SOURCES],
        required=False,
        help_text=_(
            "Source de la demande (GLPI : requesttypes_id), interface standard seulement ; "
            "par défaut « api »."
        ),
    )


class ActorRefSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=Role.choices)
    user = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    group = serializers.IntegerField(required=False, allow_null=True, min_value=1)

    def validate(self, attrs: dict) -> dict:
        if (attrs.get("user") is None) == (attrs.get("group") is None):
            raise serializers.ValidationError(_("Donnez soit un utilisateur, soit un groupe."))
        return attrs


class TicketUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=255, required=False)
    content = serializers.CharField(max_length=100_000, required=False)
    type = serializers.ChoiceField(choices=TicketType.choices, required=False)
    category = BoundedInteger(required=False, allow_null=True, min_value=1)
    urgency = BoundedInteger(min_value=1, max_value=5, required=False)
    impact = BoundedInteger(min_value=1, max_value=5, required=False)
    priority = BoundedInteger(min_value=1, max_value=6, required=False)
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    solution = serializers.CharField(
        max_length=100_000,
        required=False,
        help_text=_("Texte de la solution : obligatoire pour passer au statut Résolu (5)."),
    )
    add_actors = serializers.ListField(
        child=ActorRefSerializer(), required=False, help_text=_("Acteurs à ajouter.")
    )
    remove_actors = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        help_text=_("Identifiants des acteurs à retirer."),
    )


class ActorInputSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=Role.choices)
    user = BoundedInteger(required=False, allow_null=True, min_value=1)
    group = BoundedInteger(required=False, allow_null=True, min_value=1)
    use_notification = serializers.BooleanField(default=True)
    alternative_email = serializers.EmailField(required=False, allow_blank=True, default="")

    def validate(self, attrs: dict) -> dict:
        if (attrs.get("user") is None) == (attrs.get("group") is None):
            raise serializers.ValidationError(_("Donnez soit un utilisateur, soit un groupe."))
        return attrs


class EscalateSerializer(serializers.Serializer):
    group = BoundedInteger(min_value=1)
    content = serializers.CharField(
        max_length=100_000, required=False, allow_blank=True, default=""
    )


class FollowupInputSerializer(serializers.Serializer):
    content = serializers.CharField(
        max_length=100_000, required=False, allow_blank=True, default=""
    )
    is_private = serializers.BooleanField(default=False)
    status = serializers.ChoiceField(choices=Status.choices, required=False, allow_null=True)
    attachments = serializers.ListField(
        child=serializers.FileField(), required=False, max_length=10
    )


class TaskInputSerializer(serializers.Serializer):
    content = serializers.CharField(max_length=100_000)
    is_private = serializers.BooleanField(default=False)
    state = serializers.ChoiceField(choices=TaskState.choices, default=TaskState.TODO)
    duration_seconds = BoundedInteger(min_value=0, max_value=10 * 365 * 24 * 3600, default=0)
    status = serializers.ChoiceField(choices=Status.choices, required=False, allow_null=True)


class SolutionInputSerializer(serializers.Serializer):
    content = serializers.CharField(max_length=100_000)
    solution_type = BoundedInteger(
        required=False,
        min_value=1,
        allow_null=True,
        default=None,
        help_text=_("Type de solution (/api/v1/solution-types/)."),
    )


class ApproveSerializer(serializers.Serializer):
    comment = serializers.CharField(
        max_length=100_000, required=False, allow_blank=True, default=""
    )


class RefuseSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=100_000)


class CreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()


# --- Directory -----------------------------------------------------------------------------------


class CategorySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    full_name = serializers.CharField()
    parent = serializers.IntegerField(  # type: ignore[assignment]
        source="parent_id", allow_null=True
    )
    is_incident = serializers.BooleanField()
    is_request = serializers.BooleanField()
    group_in_charge = serializers.IntegerField(source="group_in_charge_id", allow_null=True)


class CategoryQuerySerializer(PageQuerySerializer):
    type = serializers.ChoiceField(required=False, choices=TicketType.choices)


class GroupSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    may_be_requester = serializers.BooleanField()
    may_be_assigned = serializers.BooleanField()
    may_be_observer = serializers.BooleanField()


class UserSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()


class DirectoryQuerySerializer(PageQuerySerializer):
    q = serializers.CharField(required=False, max_length=100)


CategoryPageSerializer = page_of(CategorySerializer(), "CategoryPage")
GroupPageSerializer = page_of(GroupSerializer(), "GroupPage")
UserPageSerializer = page_of(UserSerializer(), "UserPage")
