"""The two HTTP routes that set and clear the session cookie (Streamlit's websocket cannot set one).

Mounted by riskframe/asgi.py (`st.App(..., routes=ROUTES)`), which `riskframe app` runs. POST
/_riskframe/session takes the one-time ticket the signed-in page posts and answers with the
HttpOnly, SameSite=Strict cookie; POST /_riskframe/sign-out clears it (the session itself is ended
in the database by the sign-out, so a copied cookie is worthless anyway). Without these routes
(plain `streamlit run` of the script) the page's request fails quietly and a reload asks to sign in
again; drafts still come back after it.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

if TYPE_CHECKING:  # imported on the first request: the server answers health checks before pandas/SQLAlchemy load
    from riskframe.accounts.sessions import CookieSessions
    from riskframe.store import Store

SESSION_PATH = "/_riskframe/session"
SIGN_OUT_PATH = "/_riskframe/sign-out"


@cache
def _store(url: str) -> Store:
    from riskframe.store import open_store

    return open_store(url)


def _sessions() -> CookieSessions:
    from riskframe.accounts.sessions import CookieSessions
    from riskframe.settings import load_settings

    settings = load_settings()
    return CookieSessions(_store(settings.resolved_database_url()), settings)


async def set_cookie(request: Request) -> JSONResponse:
    try:
        body = await request.json()
    except ValueError:
        body = None
    ticket = body.get("ticket") if isinstance(body, dict) else None
    cookie = await run_in_threadpool(lambda: _sessions().cookie_for(ticket)) if isinstance(ticket, str) else None
    if cookie is None:
        return JSONResponse({"ok": False}, status_code=403)
    from riskframe.accounts.sessions import COOKIE, COOKIE_HOURS

    response = JSONResponse({"ok": True})
    response.set_cookie(COOKIE, cookie, max_age=COOKIE_HOURS * 3600, path="/", httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")
    return response


async def clear_cookie(request: Request) -> JSONResponse:
    from riskframe.accounts.sessions import COOKIE

    response = JSONResponse({"ok": True})
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict", secure=request.url.scheme == "https")
    return response


ROUTES = [Route(SESSION_PATH, set_cookie, methods=["POST"]), Route(SIGN_OUT_PATH, clear_cookie, methods=["POST"])]
