"""`kg push`: upload a build folder to any triple store through the SPARQL 1.1 Graph Store HTTP Protocol.

Each named graph (every article, the ontology, the consolidated relations) is sent with
``PUT {endpoint}?graph={iri}``, which replaces that graph on the server: pushing twice leaves the
server as pushing once. Graphs deleted locally (``kg remove``) are not deleted on the server.
"""
from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, urlsplit

from .errors import InputError, StoreError
from .export import stream_graph_lines
from .store import open_graph


def auth_header(*, user: str | None = None, password: str | None = None, token: str | None = None) -> str | None:
    """The Authorization header for basic or bearer authentication.

    >>> auth_header(user="kg", password="secret")
    'Basic a2c6c2VjcmV0'
    >>> auth_header(token="abc")
    'Bearer abc'
    """
    if token and (user or password):
        raise InputError("give either --user/--password or --token, not both")
    if token:
        return f"Bearer {token}"
    if user or password:
        if not user:
            raise InputError("--password needs --user")
        return "Basic " + base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
    return None


def graph_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol URL of one graph (``?default`` for the default graph).

    >>> graph_url("http://localhost:7878/store", "https://kg.example.org/graph/a-1")
    'http://localhost:7878/store?graph=https%3A%2F%2Fkg.example.org%2Fgraph%2Fa-1'
    """
    sep = "&" if "?" in endpoint else "?"
    return f"{endpoint}{sep}default" if graph is None else f"{endpoint}{sep}graph={quote(graph, safe='')}"


def _request(method: str, url: str, body: bytes | None, headers: dict[str, str], timeout: float) -> int:
    import urllib.error
    import urllib.request

    req = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status
    except urllib.error.HTTPError as err:
        detail = err.read().decode("utf-8", "replace").strip()[:300]
        hint = " (check --user/--password or --token)" if err.code in (401, 403) else ""
        raise StoreError(f"{method} {url}: HTTP {err.code} {err.reason}{hint}: {detail}") from None
    except (urllib.error.URLError, OSError) as err:
        raise StoreError(f"{method} {url}: cannot reach the endpoint: {getattr(err, 'reason', err)}") from None


def push(folder: Path, endpoint: str, *, user: str | None = None, password: str | None = None,
         token: str | None = None, timeout: float = 120.0, progress: Callable[[str], None] | None = None) -> int:
    """PUT every graph of the build folder to the Graph Store endpoint; returns the triples sent."""
    if urlsplit(endpoint).scheme not in ("http", "https") or not urlsplit(endpoint).netloc:
        raise InputError(f"--endpoint {endpoint!r}: expected an http(s) URL of a Graph Store (e.g. http://host:7878/store)")
    headers = {"Content-Type": "application/n-triples"}
    auth = auth_header(user=user, password=password, token=token)
    if auth:
        headers["Authorization"] = auth
    sent = 0
    with open_graph(Path(folder)) as store:
        for graph, lines in stream_graph_lines(store):  # one graph in memory at a time
            name = graph[1:-1] if graph else None
            body = b"".join(line + b"\n" for line in lines)
            _request("PUT", graph_url(endpoint, name), body, headers, timeout)
            count = body.count(b"\n")
            sent += count
            if progress:
                progress(f"{name or 'default graph'}: {count} triples")
    return sent
