"""HTTP for the remote store and ``kg push``: one request helper and one-line error messages.

Every failure talking to a server — it cannot be reached, it refuses the login, it answers with an
HTTP error — becomes a :class:`~kg.errors.KgError` whose message is one line naming the URL.

>>> import urllib.error
>>> print(http_error("http://127.0.0.1:9/query", urllib.error.URLError("Connection refused")))
cannot reach http://127.0.0.1:9/query: Connection refused
"""

from __future__ import annotations

import base64
import socket
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field

from kg.errors import KgError

__all__ = ["Credentials", "http_error", "request"]


@dataclass(frozen=True)
class Credentials:
    """A user name and password for HTTP Basic authentication (the password is never shown)."""

    user: str
    password: str = field(default="", repr=False)

    def header(self) -> str:
        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")
        return f"Basic {token}"


def _first_line(data: bytes | str) -> str:
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[0][:300] if lines else ""


def http_error(url: str, exc: BaseException, body: bytes | str | None = None) -> KgError:
    """The one-line :class:`KgError` for *exc*, raised while talking to *url*.

    *body* is the response body when it was already read (the server's own message)."""
    if isinstance(exc, urllib.error.HTTPError):
        if body is None:
            try:
                body = exc.read()
            except OSError:
                body = b""
        detail = _first_line(body or b"") or str(exc.reason)
        if exc.code in (401, 403):
            return KgError(
                f"{url} refused the login (HTTP {exc.code}): give --user NAME and set "
                f"KG_ENDPOINT_PASSWORD, or check them"
            )
        return KgError(f"{url} answered HTTP {exc.code}: {detail}")
    if isinstance(exc, urllib.error.URLError):
        reason = exc.reason
        text = getattr(reason, "strerror", None) or str(reason)
        return KgError(f"cannot reach {url}: {text}")
    if isinstance(exc, socket.timeout | TimeoutError):
        return KgError(f"{url} did not answer in time")
    return KgError(f"{url}: {_first_line(str(exc)) or type(exc).__name__}")


def request(
    url: str,
    *,
    method: str = "POST",
    data: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    credentials: Credentials | None = None,
    timeout: float = 60.0,
) -> bytes:
    """Send one request and return the response body; any failure is a one-line KgError."""
    all_headers = dict(headers or {})
    if credentials is not None:
        all_headers["Authorization"] = credentials.header()
    req = urllib.request.Request(url, data=data, headers=all_headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            body: bytes = response.read()
            return body
    except (urllib.error.URLError, OSError) as exc:
        raise http_error(url, exc) from None
