from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from escalade.accounts.models import (
    ApiToken,
    Entity,
    Membership,
    Profile,
    ProfileGrant,
    SupportGroup,
    User,
)
from escalade.accounts.rights import Right
from escalade.core.admin import LabelledInlineFormSet

admin.site.site_header = _("Escalade — administration")
admin.site.site_title = _("Escalade")
admin.site.index_title = _("Configuration de l'assistance")


class GrantInline(admin.TabularInline):
    model = ProfileGrant
    formset = LabelledInlineFormSet
    extra = 0
    autocomplete_fields = ["entity", "profile"]


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = LabelledInlineFormSet
    extra = 0
    autocomplete_fields = ["user", "group"]
    fields = ["group", "user", "is_delegate"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """The person, then their profiles per entity and their support groups (the inlines);
    Django's permission groups and lists are not Escalade's rights and are left out."""

    inlines = [GrantInline, MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active"]
    list_filter = ["is_active", "is_staff", "support_groups"]
    filter_horizontal = ()
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Identité"), {"fields": ("first_name", "last_name", "email", "phone", "language")}),
        (
            _("Accès"),
            {
                "fields": ("is_active", "is_staff", "is_superuser", "notify_own_changes"),
                "description": _(
                    "Les droits dans l'assistance viennent des profils (habilitations "
                    "ci-dessous) ; « équipe » ouvre cette administration."
                ),
            },
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined"), "classes": ("collapse",)}),
    )


@admin.register(Entity)
class EntityAdmin(admin.ModelAdmin):
    list_display = ["full_name", "autoclose_days"]
    search_fields = ["name", "full_name"]
    autocomplete_fields = ["parent"]


@admin.register(SupportGroup)
class SupportGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "entity", "supervisor", "may_be_assigned", "is_notified"]
    search_fields = ["name"]
    autocomplete_fields = ["entity", "supervisor"]
    inlines = [MembershipInline]


class ProfileForm(forms.ModelForm):
    rights = forms.MultipleChoiceField(
        label=_("Droits"),
        choices=Right.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Profile
        fields = ["name", "interface", "is_default", "rights"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    form = ProfileForm
    list_display = ["name", "interface", "is_default"]
    search_fields = ["name"]


@admin.register(ProfileGrant)
class ProfileGrantAdmin(admin.ModelAdmin):
    list_display = ["user", "profile", "entity", "is_recursive", "is_default"]
    list_filter = ["profile"]
    autocomplete_fields = ["user", "profile", "entity"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "created_at", "last_used_at"]
    autocomplete_fields = ["user", "profile", "entity"]
