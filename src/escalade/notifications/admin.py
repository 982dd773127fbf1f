from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from escalade.notifications import delivery
from escalade.notifications.models import (
    Event,
    Notification,
    NotificationSetting,
    NotificationTemplate,
    RecipientKind,
)


class SettingForm(forms.ModelForm):
    recipients = forms.MultipleChoiceField(
        label=_("destinataires"),
        choices=RecipientKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = NotificationSetting
        fields = ["event", "enabled", "recipients"]


@admin.register(NotificationSetting)
class NotificationSettingAdmin(admin.ModelAdmin):
    form = SettingForm
    list_display = ["event", "enabled", "recipient_kinds"]
    list_editable = ["enabled"]

    @admin.display(description=_("destinataires"))
    def recipient_kinds(self, obj: NotificationSetting) -> str:
        labels = dict(RecipientKind.choices)
        return ", ".join(str(labels.get(k, k)) for k in obj.recipients or [])


@admin.register(NotificationTemplate)
class NotificationTemplateAdmin(admin.ModelAdmin):
    list_display = ["event", "language", "subject"]
    list_filter = ["event", "language"]
    search_fields = ["subject", "text"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """The queue: waiting, sent, failed (with the last error); retry or cancel."""

    list_display = [
        "created_at",
        "ticket_number",
        "email",
        "main_event",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "short_error",
    ]
    list_filter = ["status", "created_at"]
    search_fields = ["email", "ticket_number", "subject", "message_id"]
    list_select_related = []
    actions = ["retry", "cancel"]
    readonly_fields = [f.name for f in Notification._meta.fields]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("dernière erreur"))
    def short_error(self, obj: Notification) -> str:
        return obj.last_error[:120]

    @admin.display(description=_("événement"))
    def main_event(self, obj: Notification) -> str:
        labels = dict(Event.choices)
        return str(labels.get(obj.main_event, obj.main_event))

    @admin.action(description=_("Renvoyer les courriels sélectionnés"), permissions=["retry"])
    def retry(self, request, queryset) -> None:
        from escalade.notifications.tasks import send_notifications

        ids = delivery.retry(queryset.values_list("pk", flat=True))
        if ids:
            transaction.on_commit(lambda: send_notifications.enqueue(ids))
        self.message_user(
            request,
            ngettext(
                "%d courriel remis en file d'envoi.",
                "%d courriels remis en file d'envoi.",
                len(ids),
            )
            % len(ids),
            messages.SUCCESS,
        )

    @admin.action(description=_("Annuler les courriels sélectionnés"), permissions=["retry"])
    def cancel(self, request, queryset) -> None:
        count = delivery.cancel(queryset.values_list("pk", flat=True))
        self.message_user(
            request,
            ngettext("%d courriel annulé.", "%d courriels annulés.", count) % count,
            messages.SUCCESS,
        )

    def has_retry_permission(self, request) -> bool:
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
