"""Mapping rules from directory groups to support groups and profiles, and what they created."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from escalade.accounts.models import Entity, Membership, Profile, ProfileGrant, SupportGroup


class DirectoryMapping(models.Model):
    """A directory group gives its members a support group and/or a profile on an entity.

    Applied at each sign-in through LDAP or OpenID Connect: what the rules give is
    added, what they no longer give is removed (only what they added themselves).
    """

    directory_group = models.CharField(
        _("groupe de l'annuaire"),
        max_length=500,
        help_text=_(
            "DN complet ou nom (cn) du groupe LDAP, ou valeur de la revendication « groups » "
            "OpenID Connect. Majuscules et minuscules sont confondues."
        ),
    )
    support_group = models.ForeignKey(
        SupportGroup,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("groupe Escalade"),
    )
    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("profil")
    )
    entity = models.ForeignKey(
        Entity, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("entité")
    )
    is_recursive = models.BooleanField(_("sous-entités incluses"), default=True)

    class Meta:
        verbose_name = _("règle d'annuaire")
        verbose_name_plural = _("règles d'annuaire")
        ordering = ["directory_group"]
        constraints = [
            models.CheckConstraint(
                condition=Q(profile__isnull=True, entity__isnull=True)
                | Q(profile__isnull=False, entity__isnull=False),
                name="directorymapping_profile_with_entity",
            ),
            models.CheckConstraint(
                condition=Q(support_group__isnull=False) | Q(profile__isnull=False),
                name="directorymapping_gives_something",
            ),
        ]

    def __str__(self) -> str:
        gives = []
        if self.support_group_id:
            gives.append(str(self.support_group))
        if self.profile_id:
            gives.append(f"{self.profile} @ {self.entity}{' (+)' if self.is_recursive else ''}")
        return f"{self.directory_group} → {', '.join(gives)}"

    def clean(self) -> None:
        self.directory_group = self.directory_group.strip()
        if (self.profile_id is None) != (self.entity_id is None):
            raise ValidationError(_("Un profil se donne sur une entité : choisissez les deux."))
        if self.support_group_id is None and self.profile_id is None:
            raise ValidationError(_("Choisissez un groupe Escalade, un profil, ou les deux."))

    @property
    def key(self) -> str:
        return self.directory_group.strip().lower()


class DirectoryMembership(models.Model):
    """Marks a group membership as given by a DirectoryMapping (removed when no longer given)."""

    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="directory_link"
    )

    class Meta:
        verbose_name = _("appartenance donnée par l'annuaire")
        verbose_name_plural = _("appartenances données par l'annuaire")

    def __str__(self) -> str:
        return str(self.membership)


class DirectoryGrant(models.Model):
    """Marks a profile grant as given by a DirectoryMapping (removed when no longer given)."""

    grant = models.OneToOneField(
        ProfileGrant, on_delete=models.CASCADE, related_name="directory_link"
    )

    class Meta:
        verbose_name = _("habilitation donnée par l'annuaire")
        verbose_name_plural = _("habilitations données par l'annuaire")

    def __str__(self) -> str:
        return str(self.grant)
