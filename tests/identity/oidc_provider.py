"""A small but real OpenID Connect provider for the tests (authorization code flow, RS256).

It runs an HTTP server in a thread on a free port and serves discovery, authorize
(a sign-in form), token, userinfo and jwks, signing ID tokens with a fresh RSA key.
"""

from __future__ import annotations

import functools
import html
import json
import secrets
import threading
import time
from base64 import b64decode
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm


@functools.cache
def _signing_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class OIDCProvider:
    def __init__(self, *, client_id: str, client_secret: str) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.key = _signing_key()
        self.kid = secrets.token_hex(8)
        self.users: dict[str, dict] = {}
        self.codes: dict[str, dict] = {}
        self.access_tokens: dict[str, str] = {}
        self.audience: str | None = None  # a test may issue tokens for another client
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def add_user(self, username: str, password: str, **claims) -> None:
        self.users[username] = {"password": password, "claims": claims}

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def jwks(self) -> dict:
        jwk = RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        jwk.update(kid=self.kid, use="sig", alg="RS256")
        return {"keys": [jwk]}

    def id_token(self, username: str, nonce: str | None) -> str:
        now = int(time.time())
        claims = {
            "iss": self.url,
            "sub": f"sub-{username}",
            "aud": self.audience or self.client_id,
            "iat": now,
            "exp": now + 300,
        }
        if nonce:
            claims["nonce"] = nonce
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": self.kid})

    def userinfo(self, username: str) -> dict:
        return {
            "sub": f"sub-{username}",
            "preferred_username": username,
            **self.users[username]["claims"],
        }


def _handler(provider: OIDCProvider):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format, *args):  # quiet
            pass

        def _send(
            self,
            status: int,
            body: str | dict,
            *,
            content_type="application/json",
            headers: dict | None = None,
        ) -> None:
            data = (json.dumps(body) if isinstance(body, dict) else body).encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def _form(self) -> dict[str, str]:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode()
            return {k: v[0] for k, v in parse_qs(raw).items()}

        def do_GET(self):
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            if parts.path == "/.well-known/openid-configuration":
                base = provider.url
                return self._send(
                    200,
                    {
                        "issuer": base,
                        "authorization_endpoint": f"{base}/authorize",
                        "token_endpoint": f"{base}/token",
                        "userinfo_endpoint": f"{base}/userinfo",
                        "jwks_uri": f"{base}/jwks",
                        "response_types_supported": ["code"],
                        "id_token_signing_alg_values_supported": ["RS256"],
                    },
                )
            if parts.path == "/jwks":
                return self._send(200, provider.jwks())
            if parts.path == "/authorize":
                if query.get("client_id") != provider.client_id:
                    return self._send(400, {"error": "unauthorized_client"})
                hidden = "".join(
                    f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                    for k, v in query.items()
                )
                page = (
                    f'<form method="post" action="/authorize">{hidden}'
                    '<input name="username"><input name="password" type="password">'
                    "<button>Sign in</button></form>"
                )
                return self._send(200, page, content_type="text/html")
            if parts.path == "/userinfo":
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                username = provider.access_tokens.get(token)
                if username is None:
                    return self._send(401, {"error": "invalid_token"})
                return self._send(200, provider.userinfo(username))
            return self._send(404, {"error": "not_found"})

        def do_POST(self):
            form = self._form()
            if self.path == "/authorize":
                user = provider.users.get(form.get("username", ""))
                if user is None or user["password"] != form.get("password"):
                    return self._send(
                        200, "<p>Identifiants incorrects</p>", content_type="text/html"
                    )
                code = secrets.token_urlsafe(16)
                provider.codes[code] = {
                    "username": form["username"],
                    "redirect_uri": form["redirect_uri"],
                    "nonce": form.get("nonce"),
                }
                query = urlencode({"code": code, "state": form["state"]})
                target = f"{form['redirect_uri']}?{query}"
                return self._send(302, "", content_type="text/plain", headers={"Location": target})
            if self.path == "/token":
                client_id, secret = form.get("client_id"), form.get("client_secret")
                basic = self.headers.get("Authorization", "")
                if basic.startswith("Basic "):
                    client_id, _, secret = b64decode(basic[6:]).decode().partition(":")
                if (client_id, secret) != (provider.client_id, provider.client_secret):
                    return self._send(401, {"error": "invalid_client"})
                grant = provider.codes.pop(form.get("code", ""), None)  # single use
                if grant is None or grant["redirect_uri"] != form.get("redirect_uri"):
                    return self._send(400, {"error": "invalid_grant"})
                access = secrets.token_urlsafe(16)
                provider.access_tokens[access] = grant["username"]
                return self._send(
                    200,
                    {
                        "access_token": access,
                        "token_type": "Bearer",
                        "expires_in": 300,
                        "id_token": provider.id_token(grant["username"], grant["nonce"]),
                    },
                )
            return self._send(404, {"error": "not_found"})

    return Handler
