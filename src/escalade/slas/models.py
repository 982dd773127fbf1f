"""Calendars, service levels (SLM, SLA, OLA) and escalation levels.

Only administrators write these rows (Django's admin); tickets reach them
through ``escalade.slas.workflow``, called by the ticket workflow.
"""

from __future__ import annotations

from datetime import time

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from escalade.accounts.models import Entity, SupportGroup
from escalade.tickets.models import Category, Level, Ticket


class Weekday(models.IntegerChoices):
    """GLPI's day codes (PHP's date('w'))."""

    SUNDAY = 0, _("Dimanche")
    MONDAY = 1, _("Lundi")
    TUESDAY = 2, _("Mardi")
    WEDNESDAY = 3, _("Mercredi")
    THURSDAY = 4, _("Jeudi")
    FRIDAY = 5, _("Vendredi")
    SATURDAY = 6, _("Samedi")


class Calendar(models.Model):
    """Calendrier: working hours per weekday, and the closed days (holidays)."""

    name = models.CharField(_("nom"), max_length=255)
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, verbose_name=_("entité"))
    is_recursive = models.BooleanField(_("visible dans les sous-entités"), default=True)
    comment = models.TextField(_("commentaire"), blank=True)
    holidays: models.ManyToManyField = models.ManyToManyField(
        "Holiday",
        through="CalendarHoliday",
        blank=True,
        related_name="calendars",
        verbose_name=_("jours fériés et vacances"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendrier")
        verbose_name_plural = _("calendriers")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class CalendarSegment(models.Model):
    """Plage horaire: one working slot of one weekday (end 00:00 means midnight)."""

    calendar = models.ForeignKey(
        Calendar, on_delete=models.CASCADE, related_name="segments", verbose_name=_("calendrier")
    )
    day = models.PositiveSmallIntegerField(_("jour"), choices=Weekday.choices)
    begin = models.TimeField(_("début"))
    end = models.TimeField(_("fin"), help_text=_("00:00 : minuit, fin de la journée."))

    class Meta:
        verbose_name = _("plage horaire")
        verbose_name_plural = _("plages horaires")
        ordering = ["calendar", "day", "begin"]
        constraints = [
            models.CheckConstraint(condition=Q(day__gte=0, day__lte=6), name="segment_day_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_day_display()} {self.begin:%H:%M}–{self.end:%H:%M}"

    def clean(self) -> None:
        if (
            self.begin is not None
            and self.end is not None
            and self.end != time(0)
            and self.end <= self.begin
        ):
            raise ValidationError(_("La fin de la plage doit suivre son début."))


class HolidayKind(models.TextChoices):
    PUBLIC = "public", _("Jour férié")
    SCHOOL = "school", _("Vacances scolaires")
    OTHER = "other", _("Fermeture")


class Holiday(models.Model):
    """Jour férié ou période de vacances: closed days, from begin to end inclusive."""

    name = models.CharField(_("nom"), max_length=255)
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, verbose_name=_("entité"))
    is_recursive = models.BooleanField(_("visible dans les sous-entités"), default=True)
    kind = models.CharField(
        _("nature"), max_length=10, choices=HolidayKind.choices, default=HolidayKind.PUBLIC
    )
    comment = models.TextField(_("commentaire"), blank=True)
    begin_date = models.DateField(_("début"))
    end_date = models.DateField(_("fin"))
    is_perpetual = models.BooleanField(
        _("chaque année"), default=False, help_text=_("Revient chaque année (ex. 1er mai).")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("jour férié ou vacances")
        verbose_name_plural = _("jours fériés et vacances")
        ordering = ["begin_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("begin_date")) | Q(is_perpetual=True),
                name="holiday_end_after_begin",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (
            self.begin_date
            and self.end_date
            and not self.is_perpetual
            and self.end_date < self.begin_date
        ):
            raise ValidationError(_("La fin doit suivre le début."))


class CalendarHoliday(models.Model):
    """GLPI's Calendar_Holiday: a holiday used by a calendar."""

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, verbose_name=_("calendrier"))
    holiday = models.ForeignKey(Holiday, on_delete=models.CASCADE, verbose_name=_("fermeture"))

    class Meta:
        verbose_name = _("fermeture du calendrier")
        verbose_name_plural = _("fermetures du calendrier")
        constraints = [
            models.UniqueConstraint(fields=["calendar", "holiday"], name="calendar_holiday_unique")
        ]

    def __str__(self) -> str:
        return f"{self.calendar} – {self.holiday}"


class Slm(models.Model):
    """Niveau de service (GLPI's SLM): a set of SLA and OLA, for entities and categories."""

    name = models.CharField(_("nom"), max_length=255)
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, verbose_name=_("entité"))
    is_recursive = models.BooleanField(_("s'applique aux sous-entités"), default=True)
    comment = models.TextField(_("commentaire"), blank=True)
    calendar = models.ForeignKey(
        Calendar,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("calendrier"),
        help_text=_("Vide : 24 h/24, 7 j/7."),
    )
    entities = models.ManyToManyField(
        Entity,
        blank=True,
        related_name="slms",
        verbose_name=_("appliqué aux entités"),
        help_text=_("Les tickets de ces entités (et des sous-entités si récursif)."),
    )
    categories = models.ManyToManyField(
        Category,
        blank=True,
        related_name="slms",
        verbose_name=_("appliqué aux catégories"),
        help_text=_("Prime sur les entités ; s'applique aussi aux sous-catégories."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("niveau de service (SLM)")
        verbose_name_plural = _("niveaux de service (SLM)")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class LevelType(models.IntegerChoices):
    """GLPI's SLM::TTR and SLM::TTO."""

    TTR = 0, _("Temps de résolution")
    TTO = 1, _("Temps de prise en compte")


class TimeUnit(models.TextChoices):
    """GLPI's definition_time."""

    MINUTE = "minute", _("minutes")
    HOUR = "hour", _("heures")
    DAY = "day", _("jours")


class ServiceTarget(models.Model):
    """What SLA and OLA share: a delay of working time, of one type, in a set."""

    name = models.CharField(_("nom"), max_length=255)
    type = models.PositiveSmallIntegerField(_("type"), choices=LevelType.choices)
    number_time = models.PositiveIntegerField(_("durée"))
    definition_time = models.CharField(
        _("unité"), max_length=10, choices=TimeUnit.choices, default=TimeUnit.HOUR
    )
    end_of_working_day = models.BooleanField(
        _("fin de journée ouvrée"),
        default=False,
        help_text=_("En jours : l'échéance est la fin de la dernière plage du jour."),
    )
    comment = models.TextField(_("commentaire"), blank=True)
    calendar = models.ForeignKey(
        Calendar,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("calendrier"),
        help_text=_("Vide : celui du niveau de service."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["slm", "type", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.number_time} {self.get_definition_time_display()})"

    @property
    def seconds(self) -> int:
        per = {TimeUnit.MINUTE: 60, TimeUnit.HOUR: 3600}.get(self.definition_time, 0)  # type: ignore[call-overload]
        return self.number_time * per

    @property
    def days(self) -> int:
        return self.number_time if self.definition_time == TimeUnit.DAY else 0

    def clean(self) -> None:
        if self.end_of_working_day and self.definition_time != TimeUnit.DAY:
            raise ValidationError(_("« Fin de journée ouvrée » ne vaut que pour des jours."))


class Sla(ServiceTarget):
    """SLA: the commitment to the requester."""

    slm = models.ForeignKey(
        Slm, on_delete=models.CASCADE, related_name="slas", verbose_name=_("niveau de service")
    )

    class Meta(ServiceTarget.Meta):
        verbose_name = _("SLA")
        verbose_name_plural = _("SLA")


class Ola(ServiceTarget):
    """OLA: the internal commitment (internal_time_to_own / internal_time_to_resolve)."""

    slm = models.ForeignKey(
        Slm, on_delete=models.CASCADE, related_name="olas", verbose_name=_("niveau de service")
    )

    class Meta(ServiceTarget.Meta):
        verbose_name = _("OLA")
        verbose_name_plural = _("OLA")


class EscalationLevel(models.Model):
    """Niveau d'escalade: fires ``execution_time`` working seconds from the due date."""

    name = models.CharField(_("nom"), max_length=255)
    execution_time = models.IntegerField(
        _("exécution (secondes ouvrées par rapport à l'échéance)"),
        help_text=_("Négatif : avant l'échéance (-7200 : 2 h ouvrées avant) ; positif : après."),
    )
    is_active = models.BooleanField(_("actif"), default=True)
    notify_supervisor = models.BooleanField(
        _("notifier le responsable du groupe attribué"), default=False
    )
    add_observer_group = models.ForeignKey(
        SupportGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ajouter le groupe observateur"),
    )
    add_assigned_group = models.ForeignKey(
        SupportGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("attribuer au groupe"),
    )
    raise_priority_to = models.PositiveSmallIntegerField(
        _("monter la priorité à"), choices=Level.choices, null=True, blank=True
    )

    class Meta:
        abstract = True
        ordering = ["execution_time", "pk"]

    def __str__(self) -> str:
        return self.name


class SlaLevel(EscalationLevel):
    sla = models.ForeignKey(
        Sla, on_delete=models.CASCADE, related_name="levels", verbose_name=_("SLA")
    )

    class Meta(EscalationLevel.Meta):
        verbose_name = _("niveau d'escalade SLA")
        verbose_name_plural = _("niveaux d'escalade SLA")


class OlaLevel(EscalationLevel):
    ola = models.ForeignKey(
        Ola, on_delete=models.CASCADE, related_name="levels", verbose_name=_("OLA")
    )

    class Meta(EscalationLevel.Meta):
        verbose_name = _("niveau d'escalade OLA")
        verbose_name_plural = _("niveaux d'escalade OLA")


class LevelRun(models.Model):
    """One escalation level due on one ticket (GLPI's SlaLevel_Ticket): fired once."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="level_runs")
    sla_level = models.ForeignKey(SlaLevel, on_delete=models.CASCADE, null=True, blank=True)
    ola_level = models.ForeignKey(OlaLevel, on_delete=models.CASCADE, null=True, blank=True)
    fire_at = models.DateTimeField(_("à déclencher le"))
    fired_at = models.DateTimeField(_("déclenché le"), null=True, blank=True)
    outcome = models.CharField(_("résultat"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("escalade d'un ticket")
        verbose_name_plural = _("escalades des tickets")
        constraints = [
            models.CheckConstraint(
                condition=(Q(sla_level__isnull=False) & Q(ola_level__isnull=True))
                | (Q(sla_level__isnull=True) & Q(ola_level__isnull=False)),
                name="level_run_sla_xor_ola",
            ),
            models.UniqueConstraint(
                fields=["ticket", "sla_level"],
                condition=Q(sla_level__isnull=False),
                name="level_run_unique_sla",
            ),
            models.UniqueConstraint(
                fields=["ticket", "ola_level"],
                condition=Q(ola_level__isnull=False),
                name="level_run_unique_ola",
            ),
        ]
        indexes = [
            models.Index(
                fields=["fire_at"], name="level_run_pending", condition=Q(fired_at__isnull=True)
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.ticket_id} {self.level}"

    @property
    def level(self) -> EscalationLevel:
        return self.sla_level or self.ola_level  # type: ignore[return-value]
