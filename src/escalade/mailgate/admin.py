"""Mail gateway in the admin: IMAP mailboxes, and the messages received with their outcome."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from escalade.mailgate.gateway import handle_message
from escalade.mailgate.models import InboundMessage, Mailbox, Outcome


class MailboxForm(forms.ModelForm):
    password = forms.CharField(
        label=_("mot de passe"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Laisser vide pour garder le mot de passe enregistré."),
    )

    class Meta:
        model = Mailbox
        fields = [
            "name",
            "is_active",
            "host",
            "port",
            "security",
            "login",
            "password",
            "folder",
            "accepted_folder",
            "refused_folder",
            "entity",
            "category",
            "ticket_type",
            "accept_unknown_senders",
        ]

    def clean_password(self) -> str:
        password = self.cleaned_data.get("password") or ""
        if not password and self.instance.pk:
            return self.instance.password
        return password


@admin.register(Mailbox)
class MailboxAdmin(admin.ModelAdmin):
    form = MailboxForm
    list_display = [
        "name",
        "host",
        "login",
        "folder",
        "is_active",
        "last_collected_at",
        "last_error",
    ]
    list_filter = ["is_active"]
    readonly_fields = ["last_collected_at", "last_error"]
    autocomplete_fields = ["entity", "category"]
    fieldsets = [
        (None, {"fields": ["name", "is_active"]}),
        (_("Serveur IMAP"), {"fields": ["host", "port", "security", "login", "password"]}),
        (_("Dossiers"), {"fields": ["folder", "accepted_folder", "refused_folder"]}),
        (
            _("Nouveaux tickets"),
            {"fields": ["entity", "category", "ticket_type", "accept_unknown_senders"]},
        ),
        (_("Dernière relève"), {"fields": ["last_collected_at", "last_error"]}),
    ]


@admin.register(InboundMessage)
class InboundMessageAdmin(admin.ModelAdmin):
    list_display = ["received_at", "outcome", "sender", "subject", "reason", "ticket", "mailbox"]
    list_filter = ["outcome", "mailbox"]
    search_fields = ["sender", "subject", "message_id", "reason"]
    date_hierarchy = "received_at"
    actions = ["reprocess"]
    readonly_fields = [
        "received_at",
        "outcome",
        "reason",
        "sender",
        "subject",
        "message_id",
        "digest",
        "mailbox",
        "ticket",
        "followup",
        "raw_text",
    ]
    exclude = ["raw"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.display(description=_("message brut"))
    def raw_text(self, obj: InboundMessage) -> str:
        return bytes(obj.raw or b"")[:200_000].decode("utf-8", "replace")

    @admin.action(description=_("Traiter à nouveau les messages refusés sélectionnés"))
    def reprocess(self, request: HttpRequest, queryset: QuerySet[InboundMessage]) -> None:
        done = {Outcome.ACCEPTED: 0, Outcome.REFUSED: 0, Outcome.IGNORED: 0}
        for record in queryset.filter(outcome=Outcome.REFUSED).exclude(raw=b""):
            result = handle_message(bytes(record.raw), mailbox=record.mailbox)
            done[Outcome(result.outcome)] += 1
            if result.accepted:
                record.outcome = Outcome.IGNORED
                record.reason = (
                    f"{record.reason} — traité à nouveau : accepté (ticket {result.ticket_id})"
                )
                record.save(update_fields=["outcome", "reason"])
        self.message_user(
            request,
            _("Acceptés : %(accepted)d ; toujours refusés : %(refused)d ; ignorés : %(ignored)d.")
            % {
                "accepted": done[Outcome.ACCEPTED],
                "refused": done[Outcome.REFUSED],
                "ignored": done[Outcome.IGNORED],
            },
            messages.SUCCESS if done[Outcome.ACCEPTED] else messages.WARNING,
        )
