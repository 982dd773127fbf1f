"""The directory: users, entities, support groups, profiles and who holds them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from escalade.accounts.rights import Interface, Right


class TreeNode(models.Model):
    """A node of a named tree with a materialized path ("/1/4/9/") and a full name.

    The path and full name are derived from the parent by ``refresh_tree``;
    they make "under" filters a single indexed prefix match.
    """

    name = models.CharField(_("nom"), max_length=150)
    full_name = models.CharField(_("nom complet"), max_length=1000, editable=False, default="")
    path = models.CharField(max_length=500, editable=False, default="", db_index=True)
    level = models.PositiveSmallIntegerField(editable=False, default=0)

    class Meta:
        abstract = True
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.name

    def save(self, *args, **kwargs) -> None:
        # Derived columns only (no business logic): keep path and full name in step.
        super().save(*args, **kwargs)
        self.refresh_tree()

    def clean(self) -> None:
        parent = getattr(self, "parent", None)
        if parent is not None and self.pk and f"/{self.pk}/" in (parent.path or ""):
            raise ValidationError({"parent": _("Un élément ne peut pas être placé sous lui-même.")})

    def refresh_tree(self) -> None:
        model: Any = type(self)
        parent = getattr(self, "parent", None)
        path = f"{parent.path if parent else '/'}{self.pk}/"
        full_name = f"{parent.full_name} > {self.name}" if parent else self.name
        level = (parent.level + 1) if parent else 0
        if (path, full_name, level) == (self.path, self.full_name, self.level):
            return
        model.objects.filter(pk=self.pk).update(path=path, full_name=full_name, level=level)
        self.path, self.full_name, self.level = path, full_name, level
        for child in model.objects.filter(parent=self):
            child.refresh_tree()

    def is_under(self, other: TreeNode) -> bool:
        return self.path.startswith(other.path)


class Entity(TreeNode):
    """Entité: an académie, a département, a school… Tickets belong to exactly one."""

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("entité parente"),
    )
    autoclose_days = models.IntegerField(
        _("clôture automatique des tickets résolus (jours)"),
        null=True,
        blank=True,
        help_text=_("Vide : comme l'entité parente. -1 : jamais. 0 : dès la résolution."),
    )

    class Meta(TreeNode.Meta):
        verbose_name = _("entité")
        verbose_name_plural = _("entités")

    def effective_autoclose_days(self) -> int | None:
        """Days after which a Solved ticket closes by itself, None for never."""
        node: Entity | None = self
        while node is not None:
            if node.autoclose_days is not None:
                return None if node.autoclose_days < 0 else node.autoclose_days
            node = node.parent
        return None


class User(AbstractUser):
    """An account: a person who requests, observes or handles tickets."""

    email = models.EmailField(_("adresse électronique"), blank=True, db_index=True)
    phone = models.CharField(_("téléphone"), max_length=50, blank=True)
    language = models.CharField(
        _("langue"), max_length=8, choices=[("fr", "Français"), ("en", "English")], default="fr"
    )
    notify_own_changes = models.BooleanField(_("me notifier de mes propres actions"), default=False)

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class SupportGroup(models.Model):
    """Groupe: a team that requests, observes or handles tickets (not auth.Group)."""

    name = models.CharField(_("nom"), max_length=150, unique=True)
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, verbose_name=_("entité"))
    is_recursive = models.BooleanField(_("visible dans les sous-entités"), default=True)
    supervisor = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supervised_groups",
        verbose_name=_("responsable"),
    )
    members = models.ManyToManyField(
        User, through="Membership", related_name="support_groups", verbose_name=_("membres")
    )
    email = models.EmailField(_("adresse électronique du groupe"), blank=True)
    may_be_requester = models.BooleanField(_("peut être demandeur"), default=True)
    may_be_assigned = models.BooleanField(_("peut être attribué"), default=True)
    may_be_observer = models.BooleanField(_("peut être observateur"), default=True)
    is_notified = models.BooleanField(_("reçoit les notifications"), default=True)

    class Meta:
        verbose_name = _("groupe")
        verbose_name_plural = _("groupes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    group = models.ForeignKey(SupportGroup, on_delete=models.CASCADE, verbose_name=_("groupe"))
    user = models.ForeignKey(User, on_delete=models.CASCADE, verbose_name=_("utilisateur"))
    is_delegate = models.BooleanField(
        _("délégué"),
        default=False,
        help_text=_(
            "Peut ouvrir un ticket pour un autre membre du groupe depuis l'interface "
            "simplifiée (GLPI : is_userdelegate)."
        ),
    )

    class Meta:
        verbose_name = _("appartenance à un groupe")
        verbose_name_plural = _("appartenances aux groupes")
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} ∈ {self.group}"


class Profile(models.Model):
    """Profil: a named set of rights (Self-Service, Référent fonctionnel, Technicien…)."""

    name = models.CharField(_("nom"), max_length=100, unique=True)
    interface = models.CharField(
        _("interface"), max_length=20, choices=Interface.choices, default=Interface.STANDARD
    )
    rights = models.JSONField(_("droits"), default=list, blank=True)
    is_default = models.BooleanField(
        _("profil par défaut des nouveaux utilisateurs"), default=False
    )

    class Meta:
        verbose_name = _("profil")
        verbose_name_plural = _("profils")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        valid = set(Right.values)
        unknown = [code for code in self.rights or [] if code not in valid]
        if unknown:
            raise ValidationError({"rights": _("Droits inconnus : %s") % ", ".join(unknown)})

    def has(self, right: str) -> bool:
        return right in self.rights


class ProfileGrant(models.Model):
    """Habilitation: user U holds profile P on entity E (and, if recursive, below it)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="grants", verbose_name=_("utilisateur")
    )
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, verbose_name=_("profil"))
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, verbose_name=_("entité"))
    is_recursive = models.BooleanField(_("sous-entités incluses"), default=True)
    is_default = models.BooleanField(_("profil par défaut"), default=False)

    class Meta:
        verbose_name = _("habilitation")
        verbose_name_plural = _("habilitations")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "profile", "entity"], name="grant_unique_user_profile_entity"
            ),
        ]

    def __str__(self) -> str:
        suffix = " (+)" if self.is_recursive else ""
        return f"{self.user} — {self.profile} @ {self.entity}{suffix}"


def entities_under(entity_ids: set[int] | list[int]) -> models.QuerySet[Entity]:
    """Entities at or below the given ones (one indexed query)."""
    paths = Entity.objects.filter(pk__in=entity_ids).values_list("path", flat=True)
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return Entity.objects.filter(condition)


class ApiToken(models.Model):
    """A personal API token (for /api/v1/ and GLPI's ``user_token``), stored hashed.

    The caller may pin a profile and an entity to the token; each request may
    still choose another profile or entity the user holds.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("utilisateur")
    )
    name = models.CharField(_("nom"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("début du jeton"), max_length=12, editable=False)
    profile = models.ForeignKey(
        Profile, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("profil actif")
    )
    entity = models.ForeignKey(
        Entity, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("entité active")
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dernière utilisation"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)

    class Meta:
        verbose_name = _("jeton d'API")
        verbose_name_plural = _("jetons d'API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
