"""`kg serve`: a SPARQL 1.1 Protocol endpoint over a build folder, plus the explorer page.

- ``/query`` (GET ``?query=``, POST form or ``application/sparql-query``), ``default-graph-uri`` and
  ``named-graph-uri`` select graphs of the local store; results as SPARQL JSON, XML, CSV or TSV
  (SELECT/ASK) and Turtle, N-Triples, JSON-LD or RDF/XML (CONSTRUCT/DESCRIBE) by the Accept header.
- ``/update`` (POST) only with ``allow_update``; ``/`` the explorer page.
- Bound to 127.0.0.1 by default. No remote data: SERVICE and LOAD are refused unless ``allow_remote``.
- Every query runs in a worker process that owns the store; a query running past ``timeout`` seconds
  is stopped by killing that process (a new one takes over), and results stop at ``limit`` rows
  (header ``X-KG-Truncated: true``).
"""
from __future__ import annotations

import json
import multiprocessing as mp
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from . import query as q
from .errors import InputError, KgError, QueryError, StoreError
from .formats import FORMATS
from .sparql import keyword, syntax_error, uses_service
from .store import find_store, open_graph
from .viz import layout, render_html, view_data
from .vocab import PREFIXES, STORE_DIR

RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
#: CONSTRUCT/DESCRIBE results: the triple formats of the table (kg.formats), by media type.
GRAPH_TYPES = {f.media_type: f.rdf for f in FORMATS if f.rdf is not None and not f.is_quads}
MAX_BODY = 10 * 1024 * 1024


def negotiate(accept: str | None, offered: dict[str, str]) -> str:
    """The media type of ``offered`` the Accept header prefers (the first offered if none match).

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES)
    'application/sparql-results+xml'
    >>> negotiate("*/*", RESULT_TYPES)
    'application/sparql-results+json'
    """
    choices = []
    for i, part in enumerate((accept or "*/*").split(",")):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        choices.append((-q, i, fields[0].lower()))
    for _, _, media in sorted(choices):
        if media in offered:
            return media
        if media in ("*/*", "application/*", "text/*"):
            return next(iter(offered))
    return next(iter(offered))


# ---------------------------------------------------------------------- the worker process
def _answer(store, request: dict[str, Any]) -> tuple[int, str, bytes, dict[str, str]]:
    import pyoxigraph as ox

    if request["op"] == "page":
        return 200, "text/html; charset=utf-8", explorer_page(store), {}
    if request["op"] == "update":
        text = request["text"]
        if not request["allow_remote"] and (uses_service(text) or keyword(text, "LOAD")):
            raise QueryError("SERVICE and LOAD (remote data) are not allowed; start kg serve with --allow-remote")
        try:
            store.raw.update(text, prefixes=PREFIXES)
            _PAGE.clear()
        except SyntaxError as err:
            raise syntax_error(text, err) from None
        return 204, "text/plain", b"", {}
    kw = {}
    if request["default"]:
        kw["default_graph"] = [ox.NamedNode(g) for g in request["default"]]
    if request["named"]:
        kw["named_graphs"] = [ox.NamedNode(g) for g in request["named"]]
    limit = request["limit"]
    kind, variables, rows = q.run(store, request["text"], allow_service=request["allow_remote"], limit=limit, **kw)
    headers = {}
    if kind != "ask" and limit is not None and len(rows) > limit:
        rows = rows[:limit]
        headers["X-KG-Truncated"] = "true"
    if kind == "graph":
        media = negotiate(request["accept"], GRAPH_TYPES)
        fmt = getattr(ox.RdfFormat, GRAPH_TYPES[media])
        prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
        return 200, media, ox.serialize(rows, format=fmt, prefixes=prefixes), headers
    media = negotiate(request["accept"], RESULT_TYPES)
    fmt = RESULT_TYPES[media]
    if kind == "ask":
        if fmt == "xml":
            body = ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                    f"<head/><boolean>{'true' if rows else 'false'}</boolean></sparql>\n")
        elif fmt in ("csv", "tsv"):
            body = ("true" if rows else "false") + "\n"
        else:
            body = json.dumps({"head": {}, "boolean": rows})
        return 200, media, body.encode("utf-8"), headers
    formatter = {"json": q.to_json, "xml": q.to_xml, "csv": q.to_csv, "tsv": q.to_tsv}[fmt]
    return 200, f"{media}; charset=utf-8", formatter(variables, rows).encode("utf-8"), headers


def _worker(path: str, conn) -> None:
    try:
        store = open_graph(Path(path))
    except KgError as err:
        conn.send(("error", str(err)))
        return
    conn.send(("ready", None))
    while True:
        try:
            request = conn.recv()
        except EOFError:
            break
        try:
            conn.send(("ok", _answer(store, request)))
        except (QueryError, KgError) as err:
            conn.send(("bad", str(err)))
        except Exception as err:  # noqa: BLE001 - reported to the client as a 500
            conn.send(("fail", f"{type(err).__name__}: {err}"))
    store.close()


class Worker:
    """One process owning the store; restarted after a query times out."""

    def __init__(self, path: Path):
        self.path = path
        self.lock = threading.Lock()
        self._ctx = mp.get_context("spawn")
        self._start()

    def _start(self) -> None:
        self.conn, child = self._ctx.Pipe()
        self.proc = self._ctx.Process(target=_worker, args=(str(self.path), child), daemon=True)
        self.proc.start()
        child.close()
        if not self.conn.poll(60):
            self.stop()
            raise StoreError(f"{self.path}: the store did not open within 60 s")
        status, message = self.conn.recv()
        if status != "ready":
            self.proc.join()
            raise StoreError(message)

    def stop(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join()
        self.conn.close()

    def ask(self, request: dict[str, Any], timeout: float | None) -> tuple[str, Any]:
        with self.lock:
            self.conn.send(request)
            if self.conn.poll(timeout):
                try:
                    return self.conn.recv()
                except EOFError:
                    pass
                self.stop()
                self._start()
                return "fail", "the query worker died"
            self.stop()
            self._start()
            return "timeout", f"query stopped after the {timeout:g} s timeout"


# ---------------------------------------------------------------------- HTTP
class Endpoint(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, folder: Path, *, host: str = "127.0.0.1", port: int = 7878, allow_update: bool = False,
                 timeout: float | None = 30.0, limit: int | None = 10_000, allow_remote: bool = False):
        folder = Path(folder)
        store_dir = find_store(folder)
        if store_dir is None:
            raise InputError(f"{folder}: not a kg build folder (no {STORE_DIR}/ inside)")
        self.worker = Worker(store_dir)
        self.allow_update, self.timeout, self.limit, self.allow_remote = allow_update, timeout, limit, allow_remote
        super().__init__((host, port), Handler)

    def server_close(self) -> None:
        super().server_close()
        self.worker.stop()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


class Handler(BaseHTTPRequestHandler):
    server: Endpoint
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt: str, *args) -> None:  # quiet: one line per request on stderr is noise in tests
        pass

    def _send(self, status: int, media: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))

    def _params(self) -> tuple[dict[str, list[str]], str | None]:
        """Query-string and form parameters, and a direct body (sparql-query / sparql-update)."""
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        body = None
        if self.command == "POST":
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                raise ValueError(f"request body over {MAX_BODY} bytes")
            raw = self.rfile.read(length).decode("utf-8")
            media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if media == "application/x-www-form-urlencoded":
                for k, v in parse_qs(raw, keep_blank_values=True).items():
                    params.setdefault(k, []).extend(v)
            elif media in ("application/sparql-query", "application/sparql-update"):
                body = raw
            else:
                raise ValueError(f"unsupported Content-Type {media!r}; use application/sparql-query, "
                                 "application/sparql-update or application/x-www-form-urlencoded")
        return params, body

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        route = urlsplit(self.path).path.rstrip("/") or "/"
        try:
            params, body = self._params()
        except (ValueError, UnicodeDecodeError) as err:
            return self._error(400, str(err))
        if route == "/":
            return self._run({"op": "page"})
        if route == "/query":
            text = body if body is not None else (params.get("query") or [None])[0]
            if not text:
                return self._error(400, "missing the query (GET /query?query=... or POST)")
            return self._run({
                "op": "query", "text": text, "accept": self.headers.get("Accept"),
                "default": params.get("default-graph-uri", []), "named": params.get("named-graph-uri", []),
                "limit": self.server.limit, "allow_remote": self.server.allow_remote,
            })
        if route == "/update":
            if self.command != "POST":
                return self._error(405, "updates are POST requests")
            if not self.server.allow_update:
                return self._error(403, "read-only endpoint: start kg serve with --allow-update to allow updates")
            text = body if body is not None else (params.get("update") or [None])[0]
            if not text:
                return self._error(400, "missing the update")
            return self._run({"op": "update", "text": text, "allow_remote": self.server.allow_remote})
        return self._error(404, f"no such resource {route}; try /, /query or /update")

    def _run(self, request: dict[str, Any]) -> None:
        status, payload = self.server.worker.ask(request, self.server.timeout)
        if status == "ok":
            return self._send(*payload)
        code = {"bad": 400, "timeout": 503}.get(status, 500)
        return self._error(code, payload)


_PAGE: dict[str, bytes] = {}


def explorer_page(store) -> bytes:
    """The explorer page of kg.viz (computed once per worker, again after an update)."""
    if "page" not in _PAGE:
        _PAGE["page"] = render_html(layout(view_data(store))).encode("utf-8")
    return _PAGE["page"]


def serve(folder: Path, *, host: str = "127.0.0.1", port: int = 7878, allow_update: bool = False,
          timeout: float | None = 30.0, limit: int | None = 10_000, allow_remote: bool = False,
          announce=print) -> None:
    """Serve a build folder until interrupted."""
    server = Endpoint(folder, host=host, port=port, allow_update=allow_update, timeout=timeout, limit=limit,
                      allow_remote=allow_remote)
    mode = "read-write" if allow_update else "read-only"
    announce(f"kg: SPARQL endpoint {server.url}/query ({mode}), explorer {server.url}/ - Ctrl-C to stop")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
