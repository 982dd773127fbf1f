"""The ticket domain. Only escalade.tickets.workflow writes these rows."""

from __future__ import annotations

import uuid

from django.core.files.storage import Storage
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from escalade.accounts.models import Entity, SupportGroup, TreeNode, User
from escalade.tickets.status import Status


class TicketType(models.IntegerChoices):
    INCIDENT = 1, _("Incident")
    REQUEST = 2, _("Demande")


class Level(models.IntegerChoices):
    """Urgency, impact and priority levels (GLPI codes; 6 only for priority)."""

    VERY_LOW = 1, _("Très basse")
    LOW = 2, _("Basse")
    MEDIUM = 3, _("Moyenne")
    HIGH = 4, _("Haute")
    VERY_HIGH = 5, _("Très haute")
    MAJOR = 6, _("Majeure")


URGENCY_CHOICES = [c for c in Level.choices if c[0] <= 5]


class Role(models.IntegerChoices):
    """An actor's role on a ticket (GLPI codes)."""

    REQUESTER = 1, _("Demandeur")
    ASSIGNED = 2, _("Attribué à")
    OBSERVER = 3, _("Observateur")


class Source(models.TextChoices):
    """Where a ticket or followup came from (GLPI's request types)."""

    HELPDESK = "helpdesk", _("Helpdesk")
    EMAIL = "email", _("Courriel")
    PHONE = "phone", _("Téléphone")
    DIRECT = "direct", _("Direct")
    API = "api", _("API")
    OTHER = "other", _("Autre")


class Category(TreeNode):
    """Catégorie: a tree such as "Scolarité > LSU", with a group in charge."""

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("catégorie parente"),
    )
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, verbose_name=_("entité"))
    is_recursive = models.BooleanField(_("visible dans les sous-entités"), default=True)
    code = models.CharField(_("code"), max_length=50, blank=True)
    comment = models.TextField(_("commentaire"), blank=True)
    group_in_charge = models.ForeignKey(
        SupportGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("groupe en charge"),
    )
    user_in_charge = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("technicien en charge"),
    )
    is_helpdesk_visible = models.BooleanField(
        _("visible dans l'interface simplifiée"), default=True
    )
    is_incident = models.BooleanField(_("pour les incidents"), default=True)
    is_request = models.BooleanField(_("pour les demandes"), default=True)

    class Meta(TreeNode.Meta):
        verbose_name = _("catégorie")
        verbose_name_plural = _("catégories")

    def allows(self, ticket_type: int) -> bool:
        return self.is_incident if ticket_type == TicketType.INCIDENT else self.is_request


class PriorityCell(models.Model):
    """One cell of the urgency × impact → priority matrix (GLPI's default, editable)."""

    urgency = models.PositiveSmallIntegerField(_("urgence"), choices=URGENCY_CHOICES)
    impact = models.PositiveSmallIntegerField(_("impact"), choices=URGENCY_CHOICES)
    priority = models.PositiveSmallIntegerField(_("priorité"), choices=Level.choices)

    class Meta:
        verbose_name = _("case de la matrice de priorité")
        verbose_name_plural = _("matrice de priorité")
        ordering = ["urgency", "impact"]
        constraints = [
            models.UniqueConstraint(fields=["urgency", "impact"], name="priority_cell_unique"),
        ]

    def __str__(self) -> str:
        return f"U{self.urgency} × I{self.impact} → P{self.priority}"


class Ticket(models.Model):
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, verbose_name=_("entité"))
    type = models.PositiveSmallIntegerField(
        _("type"), choices=TicketType.choices, default=TicketType.INCIDENT
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("catégorie")
    )
    title = models.CharField(_("titre"), max_length=255)
    content = models.TextField(_("description"), blank=True)  # sanitized HTML
    status = models.PositiveSmallIntegerField(
        _("statut"), choices=Status.choices, default=Status.NEW
    )
    urgency = models.PositiveSmallIntegerField(
        _("urgence"), choices=URGENCY_CHOICES, default=Level.MEDIUM
    )
    impact = models.PositiveSmallIntegerField(
        _("impact"), choices=URGENCY_CHOICES, default=Level.MEDIUM
    )
    priority = models.PositiveSmallIntegerField(
        _("priorité"), choices=Level.choices, default=Level.MEDIUM
    )
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, default=Source.HELPDESK
    )
    created_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rédacteur"),
    )
    last_updated_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dernier modificateur"),
    )
    opened_at = models.DateTimeField(_("date d'ouverture"), default=timezone.now)
    updated_at = models.DateTimeField(_("dernière modification"), default=timezone.now)
    taken_at = models.DateTimeField(_("prise en compte"), null=True, blank=True)
    solved_at = models.DateTimeField(_("date de résolution"), null=True, blank=True)
    closed_at = models.DateTimeField(_("date de clôture"), null=True, blank=True)
    waiting_since = models.DateTimeField(_("en attente depuis"), null=True, blank=True)
    waiting_seconds = models.PositiveIntegerField(_("durée d'attente (s)"), default=0)
    is_deleted = models.BooleanField(_("à la corbeille"), default=False)
    # Service levels (escalade.slas computes the due dates; GLPI's field names in comments).
    sla_tto = models.ForeignKey(  # slas_id_tto
        "slas.Sla",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("SLA de prise en compte"),
    )
    sla_ttr = models.ForeignKey(  # slas_id_ttr
        "slas.Sla",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("SLA de résolution"),
    )
    ola_tto = models.ForeignKey(  # olas_id_tto
        "slas.Ola",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("OLA de prise en compte"),
    )
    ola_ttr = models.ForeignKey(  # olas_id_ttr
        "slas.Ola",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("OLA de résolution"),
    )
    time_to_own = models.DateTimeField(_("échéance de prise en compte"), null=True, blank=True)
    time_to_resolve = models.DateTimeField(_("échéance de résolution"), null=True, blank=True)
    internal_time_to_own = models.DateTimeField(
        _("échéance interne de prise en compte"), null=True, blank=True
    )
    internal_time_to_resolve = models.DateTimeField(
        _("échéance interne de résolution"), null=True, blank=True
    )
    owned_at = models.DateTimeField(
        _("pris en charge par une personne le"), null=True, blank=True
    )  # time to own is met: a person assigned, or solved
    # Validations (escalade.validations): GLPI's global_validation and validation_percent.
    global_validation = models.PositiveSmallIntegerField(
        _("validation"),
        default=1,
        db_default=1,
        choices=[
            (1, _("Aucune validation")),
            (2, _("En attente de validation")),
            (3, _("Accordée")),
            (4, _("Refusée")),
        ],
    )
    validation_percent = models.PositiveSmallIntegerField(
        _("seuil de validation (%)"),
        default=0,
        db_default=0,
        choices=[(0, _("Une réponse suffit")), (50, _("50 %")), (100, _("100 %"))],
    )
    next_due_at = models.DateTimeField(
        _("prochaine échéance"), null=True, blank=True
    )  # the nearest due date not met yet; none while the clock is stopped
    linked_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ticket lié"),
    )

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["status", "-updated_at"], name="ticket_status_updated"),
            models.Index(fields=["entity", "status", "-updated_at"], name="ticket_entity_status"),
            models.Index(fields=["-updated_at"], name="ticket_updated"),
            models.Index(fields=["category", "status"], name="ticket_category_status"),
            # The default list, /api/v1 and GLPI's "notold": the open tickets, newest
            # first. Small (a desk's tickets are mostly closed) and read in order.
            models.Index(
                fields=["-updated_at", "-id"],
                name="ticket_open_updated",
                condition=Q(status__in=[1, 2, 3, 4], is_deleted=False),
            ),
            # « En retard » and « Échéance »: the open tickets by their next due date.
            models.Index(
                fields=["next_due_at"],
                name="ticket_open_next_due",
                condition=Q(status__in=[1, 2, 3, 4], is_deleted=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="ticket_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(urgency__gte=1, urgency__lte=5) & Q(impact__gte=1, impact__lte=5),
                name="ticket_levels_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    @property
    def is_closed(self) -> bool:
        return self.status == Status.CLOSED

    @property
    def is_overdue(self) -> bool:
        """« En retard »: open, and its next due date (see escalade.slas) has passed."""
        return (
            self.status in (Status.NEW, Status.ASSIGNED, Status.PLANNED, Status.WAITING)
            and not self.is_deleted
            and self.next_due_at is not None
            and self.next_due_at < timezone.now()
        )


class TicketActor(models.Model):
    """Demandeur / Observateur / Attribué à: a user or a group in a role on a ticket."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="actors")
    role = models.PositiveSmallIntegerField(_("rôle"), choices=Role.choices)
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, null=True, blank=True, related_name="ticket_roles"
    )
    group = models.ForeignKey(
        SupportGroup, on_delete=models.CASCADE, null=True, blank=True, related_name="ticket_roles"
    )
    use_notification = models.BooleanField(_("notifications par courriel"), default=True)
    alternative_email = models.EmailField(_("autre adresse"), blank=True)

    class Meta:
        verbose_name = _("acteur")
        verbose_name_plural = _("acteurs")
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(group__isnull=True))
                | (Q(user__isnull=True) & Q(group__isnull=False)),
                name="actor_user_xor_group",
            ),
            models.UniqueConstraint(
                fields=["ticket", "role", "user"],
                condition=Q(user__isnull=False),
                name="actor_unique_user",
            ),
            models.UniqueConstraint(
                fields=["ticket", "role", "group"],
                condition=Q(group__isnull=False),
                name="actor_unique_group",
            ),
        ]
        indexes = [
            # Covering (ticket last): "the tickets where I or my groups are actors", the
            # heart of visibility, is read from the index alone, never from the table.
            models.Index(fields=["user", "role", "ticket"], name="actor_user_role_ticket"),
            models.Index(fields=["group", "role", "ticket"], name="actor_group_role_ticket"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.user or self.group}"

    @property
    def party(self) -> User | SupportGroup:
        return self.user or self.group  # type: ignore[return-value]


class Followup(models.Model):
    """Suivi: a message on a ticket, public or private."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="followups")
    author = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    content = models.TextField(_("description"))  # sanitized HTML
    is_private = models.BooleanField(_("privé"), default=False)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.HELPDESK)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    editor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("suivi")
        verbose_name_plural = _("suivis")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["ticket", "created_at"], name="followup_ticket_date")]

    def __str__(self) -> str:
        return f"Suivi #{self.pk} (ticket #{self.ticket_id})"


class TaskState(models.IntegerChoices):
    INFORMATION = 0, _("Information")
    TODO = 1, _("À faire")
    DONE = 2, _("Fait")


class Task(models.Model):
    """Tâche: work on a ticket, with a state and a duration."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="tasks")
    author = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    content = models.TextField(_("description"))
    is_private = models.BooleanField(_("privée"), default=False)
    state = models.PositiveSmallIntegerField(
        _("statut"), choices=TaskState.choices, default=TaskState.TODO
    )
    duration_seconds = models.PositiveIntegerField(_("durée (s)"), default=0)
    technician = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    group = models.ForeignKey(
        SupportGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    editor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("tâche")
        verbose_name_plural = _("tâches")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["ticket", "created_at"], name="task_ticket_date")]

    def __str__(self) -> str:
        return f"Tâche #{self.pk} (ticket #{self.ticket_id})"


class SolutionStatus(models.IntegerChoices):
    NONE = 1, _("Aucune")
    WAITING = 2, _("En attente d'approbation")
    ACCEPTED = 3, _("Approuvée")
    REFUSED = 4, _("Refusée")


class Solution(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="solutions")
    author = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    content = models.TextField(_("solution"))
    status = models.PositiveSmallIntegerField(
        choices=SolutionStatus.choices, default=SolutionStatus.WAITING
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    solution_type = models.ForeignKey(  # solutiontypes_id
        "itiltemplates.SolutionType",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("type de solution"),
    )

    class Meta:
        verbose_name = _("solution")
        verbose_name_plural = _("solutions")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["ticket", "created_at"], name="solution_ticket_date")]

    def __str__(self) -> str:
        return f"Solution #{self.pk} (ticket #{self.ticket_id})"


def attachment_storage() -> Storage:
    # Files outside the web root: ATTACHMENTS_DIR or a bucket (escalade.core.storage).
    from escalade.core.storage import AttachmentStorage as SharedStorage

    return SharedStorage()


def attachment_name(instance: Attachment, filename: str) -> str:
    # Generated names only: the uploaded name is kept as data, never as a path.
    return f"{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """Document: a file attached to a ticket, or to one of its followups or tasks."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="attachments")
    followup = models.ForeignKey(
        Followup, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    uploaded_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    file = models.FileField(storage=attachment_storage, upload_to=attachment_name, max_length=200)
    filename = models.CharField(_("nom du fichier"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["ticket", "created_at"], name="attachment_ticket_date")]

    def __str__(self) -> str:
        return self.filename


class TicketEvent(models.Model):
    """Historique: one change to a ticket. Raw ids and codes, never translated labels."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=40)
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("historique")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["ticket", "created_at"], name="event_ticket_date")]

    def __str__(self) -> str:
        return f"#{self.ticket_id} {self.kind}"


class RuleTrigger(models.IntegerChoices):
    CREATE = 1, _("À la création")
    UPDATE = 2, _("À la mise à jour")
    BOTH = 3, _("À la création et à la mise à jour")


class RuleMatch(models.TextChoices):
    ALL = "and", _("Tous les critères (ET)")
    ANY = "or", _("Au moins un critère (OU)")


class Rule(models.Model):
    """Règle métier: ordered routing, edited by administrators."""

    name = models.CharField(_("nom"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, verbose_name=_("entité"))
    is_recursive = models.BooleanField(_("s'applique aux sous-entités"), default=True)
    ranking = models.PositiveIntegerField(_("rang"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    match = models.CharField(
        _("logique"), max_length=3, choices=RuleMatch.choices, default=RuleMatch.ALL
    )
    trigger = models.PositiveSmallIntegerField(
        _("déclenchement"), choices=RuleTrigger.choices, default=RuleTrigger.CREATE
    )

    class Meta:
        verbose_name = _("règle métier")
        verbose_name_plural = _("règles métier")
        ordering = ["ranking", "pk"]

    def __str__(self) -> str:
        return self.name


class RuleField(models.TextChoices):
    CATEGORY = "category", _("Catégorie")
    TYPE = "type", _("Type")
    URGENCY = "urgency", _("Urgence")
    TITLE = "title", _("Titre")
    CONTENT = "content", _("Description")
    REQUESTER_GROUP = "requester_group", _("Groupe du demandeur")
    ENTITY = "entity", _("Entité")


class RuleOperator(models.TextChoices):
    IS = "is", _("est")
    IS_NOT = "is_not", _("n'est pas")
    CONTAINS = "contains", _("contient")
    NOT_CONTAINS = "not_contains", _("ne contient pas")
    STARTS = "starts", _("commence par")
    ENDS = "ends", _("finit par")
    REGEX = "regex", _("correspond à l'expression rationnelle")
    NOT_REGEX = "not_regex", _("ne correspond pas à l'expression rationnelle")
    UNDER = "under", _("sous")
    NOT_UNDER = "not_under", _("pas sous")


class RuleCriterion(models.Model):
    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="criteria")
    field = models.CharField(_("champ"), max_length=30, choices=RuleField.choices)
    operator = models.CharField(_("condition"), max_length=20, choices=RuleOperator.choices)
    value = models.CharField(
        _("valeur"),
        max_length=500,
        help_text=_(
            "Un identifiant pour catégorie, groupe, entité, type et urgence ; "
            "un texte ou une expression rationnelle pour titre et description."
        ),
    )

    class Meta:
        verbose_name = _("critère")
        verbose_name_plural = _("critères")

    def __str__(self) -> str:
        # The admin sets ``description`` (« Catégorie est Scolarité > LSU »), ids resolved.
        described = self.__dict__.get("description")
        return described or f"{self.get_field_display()} {self.get_operator_display()} {self.value}"

    def clean(self) -> None:
        from escalade.tickets.rules import validate_criterion

        validate_criterion(self.field, self.operator, self.value)


class RuleActionKind(models.TextChoices):
    ASSIGN_GROUP = "assign_group", _("Attribuer au groupe")
    ASSIGN_USER = "assign_user", _("Attribuer au technicien")
    ADD_OBSERVER_GROUP = "add_observer_group", _("Ajouter le groupe observateur")
    ADD_OBSERVER_USER = "add_observer_user", _("Ajouter l'observateur")
    SET_CATEGORY = "set_category", _("Assigner la catégorie")
    SET_URGENCY = "set_urgency", _("Assigner l'urgence")
    SET_TYPE = "set_type", _("Assigner le type")
    SET_SLM = "set_slm", _("Assigner le niveau de service (SLM)")  # read by escalade.slas
    # GLPI's actions of the same names (escalade.validations asks once the ticket exists).
    VALIDATE_USER = "users_id_validate", _("Demander une validation à l'utilisateur")
    VALIDATE_GROUP = "groups_id_validate", _("Demander une validation au groupe")
    VALIDATION_PERCENT = "validation_percent", _("Validation : seuil minimal (0, 50, 100 %)")
    STOP = "stop", _("Ne pas évaluer les règles suivantes")


class RuleAction(models.Model):
    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(_("action"), max_length=30, choices=RuleActionKind.choices)
    value = models.CharField(_("valeur"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["pk"]

    def __str__(self) -> str:
        described = self.__dict__.get("description")
        return described or f"{self.get_kind_display()} {self.value}".strip()

    def clean(self) -> None:
        from escalade.tickets.rules import validate_action

        validate_action(self.kind, self.value)


class SavedSearch(models.Model):
    """Recherche sauvegardée: a list filter kept under a name, private or shared."""

    owner = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="saved_searches",
        verbose_name=_("propriétaire"),
    )
    name = models.CharField(_("nom"), max_length=100)
    query = models.CharField(_("filtre"), max_length=2000)  # the list page's query string
    is_shared = models.BooleanField(_("partagée"), default=False)
    # A shared search belongs to an entity: those who work there (and below, if recursive)
    # see it; nobody else does.
    entity = models.ForeignKey(
        "accounts.Entity",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entité de partage"),
    )
    is_recursive = models.BooleanField(_("sous-entités incluses"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("recherche sauvegardée")
        verbose_name_plural = _("recherches sauvegardées")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["owner", "name"], name="saved_search_owner")]

    def __str__(self) -> str:
        return self.name
