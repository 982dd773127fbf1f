"""Gabarits de ticket (GLPI's TicketTemplate): mandatory, predefined, hidden and read-only
fields, keyed by GLPI's search-option number (``num``), chosen per category and type, then
profile, then entity."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from escalade.accounts.models import Entity, Profile
from escalade.tickets.models import Category


class Field(models.IntegerChoices):
    """The ticket fields a template governs: GLPI's search-option numbers (Ticket)."""

    TITLE = 1, _("Titre")
    PRIORITY = 3, _("Priorité")
    REQUESTER = 4, _("Demandeur")
    ASSIGNED_USER = 5, _("Technicien attribué")
    CATEGORY = 7, _("Catégorie")
    ASSIGNED_GROUP = 8, _("Groupe attribué")
    SOURCE = 9, _("Source de la demande")
    URGENCY = 10, _("Urgence")
    IMPACT = 11, _("Impact")
    CONTENT = 21, _("Description")
    OBSERVER_GROUP = 65, _("Groupe observateur")
    OBSERVER_USER = 66, _("Observateur")


# GLPI's field names (ITILTemplate::getAllowedFields) of each search option.
GLPI_FIELD_NAMES = {
    Field.TITLE: "name",
    Field.PRIORITY: "priority",
    Field.REQUESTER: "_users_id_requester",
    Field.ASSIGNED_USER: "_users_id_assign",
    Field.CATEGORY: "itilcategories_id",
    Field.ASSIGNED_GROUP: "_groups_id_assign",
    Field.SOURCE: "requesttypes_id",
    Field.URGENCY: "urgency",
    Field.IMPACT: "impact",
    Field.CONTENT: "content",
    Field.OBSERVER_GROUP: "_groups_id_observer",
    Field.OBSERVER_USER: "_users_id_observer",
}


class TicketTemplate(models.Model):
    name = models.CharField(_("nom"), max_length=255)
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, verbose_name=_("entité"))
    is_recursive = models.BooleanField(_("visible dans les sous-entités"), default=True)
    comment = models.TextField(_("commentaire"), blank=True)

    class Meta:
        verbose_name = _("gabarit de ticket")
        verbose_name_plural = _("gabarits de ticket")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class TemplateField(models.Model):
    template = models.ForeignKey(
        TicketTemplate, on_delete=models.CASCADE, verbose_name=_("gabarit")
    )
    num = models.PositiveSmallIntegerField(_("champ"), choices=Field.choices)

    class Meta:
        abstract = True
        ordering = ["template", "num"]

    def __str__(self) -> str:
        return f"{self.template} — {self.get_num_display()}"


class MandatoryField(TemplateField):
    class Meta(TemplateField.Meta):
        verbose_name = _("champ obligatoire")
        verbose_name_plural = _("champs obligatoires")
        constraints = [
            models.UniqueConstraint(fields=["template", "num"], name="tt_mandatory_unique")
        ]


class PredefinedField(TemplateField):
    value = models.TextField(
        _("valeur"),
        max_length=100_000,
        help_text=_(
            "Texte pour le titre et la description ; un nombre pour l'urgence, l'impact, la "
            "priorité (1 à 5), la source (GLPI : 1 Helpdesk, 2 Courriel, 3 Téléphone, "
            "4 Direct, 6 Autre) ; l'identifiant d'un utilisateur ou d'un groupe."
        ),
    )

    class Meta(TemplateField.Meta):
        verbose_name = _("champ prédéfini")
        verbose_name_plural = _("champs prédéfinis")
        constraints = [
            models.UniqueConstraint(fields=["template", "num"], name="tt_predefined_unique")
        ]


class HiddenField(TemplateField):
    class Meta(TemplateField.Meta):
        verbose_name = _("champ masqué")
        verbose_name_plural = _("champs masqués")
        constraints = [models.UniqueConstraint(fields=["template", "num"], name="tt_hidden_unique")]


class ReadOnlyField(TemplateField):
    class Meta(TemplateField.Meta):
        verbose_name = _("champ en lecture seule")
        verbose_name_plural = _("champs en lecture seule")
        constraints = [
            models.UniqueConstraint(fields=["template", "num"], name="tt_readonly_unique")
        ]


class CategoryTemplates(models.Model):
    """GLPI's ``itilcategories.tickettemplates_id_incident`` / ``…_demand``."""

    category = models.OneToOneField(
        Category,
        on_delete=models.CASCADE,
        related_name="ticket_templates",
        verbose_name=_("catégorie"),
    )
    incident = models.ForeignKey(
        TicketTemplate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gabarit des incidents"),
    )
    request = models.ForeignKey(
        TicketTemplate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gabarit des demandes"),
    )

    class Meta:
        verbose_name = _("gabarits d'une catégorie")
        verbose_name_plural = _("gabarits des catégories")

    def __str__(self) -> str:
        return str(self.category)


class ProfileTemplate(models.Model):
    """GLPI's ``profiles.tickettemplates_id``."""

    profile = models.OneToOneField(
        Profile, on_delete=models.CASCADE, related_name="ticket_template", verbose_name=_("profil")
    )
    template = models.ForeignKey(
        TicketTemplate, on_delete=models.CASCADE, verbose_name=_("gabarit")
    )

    class Meta:
        verbose_name = _("gabarit d'un profil")
        verbose_name_plural = _("gabarits des profils")

    def __str__(self) -> str:
        return f"{self.profile} — {self.template}"


class EntityTemplate(models.Model):
    """GLPI's ``entities.tickettemplates_id``: inherited by the sub-entities without one."""

    entity = models.OneToOneField(
        Entity, on_delete=models.CASCADE, related_name="ticket_template", verbose_name=_("entité")
    )
    template = models.ForeignKey(
        TicketTemplate, on_delete=models.CASCADE, verbose_name=_("gabarit")
    )

    class Meta:
        verbose_name = _("gabarit d'une entité")
        verbose_name_plural = _("gabarits des entités")

    def __str__(self) -> str:
        return f"{self.entity} — {self.template}"


class IncompleteTicket(models.Model):
    """« À compléter »: a ticket opened by mail without a mandatory field of its template;
    the requester completes it through a signed link."""

    ticket = models.OneToOneField(
        "tickets.Ticket",
        on_delete=models.CASCADE,
        related_name="incomplete",
        verbose_name=_("ticket"),
    )
    missing = models.JSONField(_("champs manquants"), default=list)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("ticket à compléter")
        verbose_name_plural = _("tickets à compléter")

    def __str__(self) -> str:
        return f"#{self.ticket_id}"

    def missing_fields(self) -> list[Field]:
        return [Field(num) for num in self.missing if num in Field.values]
