"""GLPI's password hashes, so that imported people sign in with their GLPI password.

GLPI stores PHP ``password_hash()`` bcrypt hashes (``$2y$10$…``). The importer keeps
them as ``glpi_bcrypt$<GLPI's hash>``; at the first successful sign-in Django
re-hashes the password with the preferred hasher (``must_update``), so the GLPI
hash disappears as people come back.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.hashers import BasePasswordHasher, mask_hash
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_noop as _

PREFIX = "glpi_bcrypt$"


def from_glpi(glpi_hash: str) -> str | None:
    """The encoded password for a GLPI hash, or None when it is not bcrypt."""
    if glpi_hash and glpi_hash[:4] in ("$2y$", "$2a$", "$2b$") and len(glpi_hash) == 60:
        return PREFIX + glpi_hash
    return None


class GlpiBcryptPasswordHasher(BasePasswordHasher):
    """Verifies GLPI's ``$2y$`` bcrypt hashes; never makes new ones."""

    algorithm = "glpi_bcrypt"

    def salt(self) -> str:  # pragma: no cover - never used to hash
        return ""

    def encode(self, password: str, salt: str) -> str:
        # New passwords always use the preferred hasher; this one only verifies.
        raise NotImplementedError("GLPI's hashes are verified, never created.")

    def _glpi_hash(self, encoded: str) -> bytes:
        algorithm, glpi_hash = encoded.split("$", 1)
        assert algorithm == self.algorithm
        # PHP writes $2y$, the same algorithm as $2b$ (PHP's name for the fixed variant).
        return ("$2b$" + glpi_hash[4:]).encode("ascii")

    def verify(self, password: str, encoded: str) -> bool:
        import bcrypt

        expected = self._glpi_hash(encoded)
        try:
            computed = bcrypt.hashpw(password.encode()[:72], expected)
        except ValueError:
            return False
        return constant_time_compare(computed, expected)

    def safe_summary(self, encoded: str) -> dict[Any, Any]:
        glpi_hash = encoded.split("$", 1)[1]
        return {
            _("algorithm"): self.algorithm,
            _("hash"): mask_hash(glpi_hash[29:]),
        }

    def must_update(self, encoded: str) -> bool:
        return True

    def harden_runtime(self, password: str, encoded: str) -> None:
        pass
