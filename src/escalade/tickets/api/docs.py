"""The API documentation page (/api/docs/): Swagger UI served by the app itself, no CDN.

The Swagger UI files come from the pinned ``drf-spectacular-sidecar`` package and
are served from an allowlist; the page's own script is a file too (no inline JS).
"""

from __future__ import annotations

from pathlib import Path

import drf_spectacular_sidecar
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.html import escape
from django.views.decorators.http import require_GET

DIST = (
    Path(drf_spectacular_sidecar.__file__).parent
    / "static"
    / "drf_spectacular_sidecar"
    / "swagger-ui-dist"
)
ASSETS = {
    "swagger-ui.css": "text/css",
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui-standalone-preset.js": "text/javascript",
    "favicon-32x32.png": "image/png",
}
INIT_JS = """
(function () {
  var root = document.getElementById("swagger-ui");
  function csrf() {
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }
  window.ui = SwaggerUIBundle({
    url: root.getAttribute("data-schema-url"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    persistAuthorization: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: "BaseLayout",
    requestInterceptor: function (request) {
      request.headers["X-CSRFToken"] = csrf();
      return request;
    }
  });
})();
"""

PAGE = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Escalade — API</title>
<link rel="icon" href="{assets}favicon-32x32.png">
<link rel="stylesheet" href="{assets}swagger-ui.css">
</head>
<body>
<div id="swagger-ui" data-schema-url="{schema}" aria-label="Documentation de l'API"></div>
<script src="{assets}swagger-ui-bundle.js"></script>
<script src="{assets}swagger-ui-standalone-preset.js"></script>
<script src="{assets}init.js"></script>
</body>
</html>
"""


@require_GET
def docs(request: HttpRequest) -> HttpResponse:
    assets = reverse("api:docs_asset", args=["x"])[:-1]
    page = PAGE.format(assets=escape(assets), schema=escape(reverse("api-schema")))
    return HttpResponse(page, content_type="text/html; charset=utf-8")


@require_GET
def asset(request: HttpRequest, name: str) -> HttpResponseBase:
    response: HttpResponseBase
    if name == "init.js":
        response = HttpResponse(INIT_JS, content_type="text/javascript; charset=utf-8")
    elif name in ASSETS:
        response = FileResponse((DIST / name).open("rb"), content_type=ASSETS[name])
    else:
        raise Http404
    response["Cache-Control"] = "public, max-age=86400"
    return response
