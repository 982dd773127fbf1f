from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from escalade.accounts.who import NoProfile, who_from_session


class ActiveProfileMiddleware:
    """Attach ``request.who`` (lazily): the user with the session's active profile."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.who = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            request.who = SimpleLazyObject(lambda: _who_or_none(user, request.session))
        return self.get_response(request)


def _who_or_none(user, session):
    try:
        return who_from_session(user, session)
    except NoProfile:
        return None
