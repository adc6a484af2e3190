"""``/api/docs``: the OpenAPI document as a plain page, rendered here (no CDN, no script)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from parley.web._templates import page

router = APIRouter(include_in_schema=False)

_METHODS = ("get", "post", "put", "patch", "delete")


def _schema_name(node: dict[str, Any] | None) -> str:
    if not node:
        return ""
    ref = node.get("$ref") or node.get("items", {}).get("$ref", "")
    name = ref.rsplit("/", 1)[-1] if ref else str(node.get("type", ""))
    return f"list[{name}]" if node.get("type") == "array" else name


def _first(content: dict[str, Any]) -> dict[str, Any]:
    first: dict[str, Any] = next(iter(content.values()), {})
    return first


def operations(spec: dict[str, Any]) -> list[dict[str, str]]:
    """Every operation: method, path, summary, description, request and response schema."""
    out = []
    for path, item in spec.get("paths", {}).items():
        for method in _METHODS:
            op = item.get(method)
            if not op:
                continue
            body: dict[str, Any] = op.get("requestBody", {}).get("content", {})
            request = _first(body).get("schema")
            ok: dict[str, Any] = next((r for code, r in op.get("responses", {}).items()
                                       if code.startswith("2")), {})
            response = _first(ok.get("content", {})).get("schema")
            out.append({"method": method.upper(), "path": path,
                        "summary": op.get("summary", ""),
                        "description": op.get("description", ""),
                        "tag": (op.get("tags") or [""])[0],
                        "request": _schema_name(request), "response": _schema_name(response)})
    return out


@router.get("/api/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """The API reference, from the app's own OpenAPI document."""
    spec = request.app.openapi()
    return page(request, "api_docs.html", None, ops=operations(spec),
                schemas=sorted(spec.get("components", {}).get("schemas", {}).items()),
                version=spec.get("info", {}).get("version", ""))
