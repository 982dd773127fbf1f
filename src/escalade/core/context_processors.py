from django.conf import settings


def site(request):
    """The instance's name and logo (ESCALADE_SITE_NAME, ESCALADE_LOGO_URL)."""
    return {
        "instance_name": settings.ESCALADE_SITE_NAME,
        "instance_logo": settings.ESCALADE_LOGO_URL,
    }
