from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def sso_provider_name() -> str:
    """The single sign-on provider's name for the sign-in button, "" when SSO is off."""
    if not getattr(settings, "OIDC_ENABLED", False):
        return ""
    return getattr(settings, "OIDC_PROVIDER_NAME", "")


@register.simple_tag
def password_reset_hours() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)
