"""Single sign-on entry points (OpenID Connect; 404 while it is not configured), password reset."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse_lazy
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

_start = OIDCAuthenticationRequestView.as_view()
_callback = OIDCAuthenticationCallbackView.as_view()


def oidc_start(request: HttpRequest) -> HttpResponse:
    if not getattr(settings, "OIDC_ENABLED", False):
        raise Http404
    return _start(request)


def oidc_callback(request: HttpRequest) -> HttpResponse:
    if not getattr(settings, "OIDC_ENABLED", False):
        raise Http404
    return _callback(request)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset view; links in the mail use ESCALADE_BASE_URL, never the Host header."""

    template_name = "identity/password_reset_form.html"
    email_template_name = "identity/password_reset_email.txt"
    subject_template_name = "identity/password_reset_subject.txt"
    success_url = reverse_lazy("identity:password_reset_done")

    def form_valid(self, form):
        self.extra_email_context = {"base_url": settings.ESCALADE_BASE_URL}
        return super().form_valid(form)
