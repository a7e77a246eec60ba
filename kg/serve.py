"""`kg serve`: a SPARQL 1.1 Protocol endpoint over a build folder, plus the explorer page.

- ``/query`` (GET ``?query=``, POST form or ``application/sparql-query``), ``default-graph-uri`` and
  ``named-graph-uri`` select graphs of the local store; results as SPARQL JSON, XML, CSV or TSV
  (SELECT/ASK) and Turtle, N-Triples, JSON-LD or RDF/XML (CONSTRUCT/DESCRIBE) by the Accept header.
- ``/update`` (POST) only with ``allow_update``; ``/`` the explorer page.
- Bound to 127.0.0.1 by default. No remote data: SERVICE and LOAD are refused unless ``allow_remote``.
- Queries run concurrently in a pool of ``workers`` processes, each with the store open read-only
  and its own time budget: a query running past ``timeout`` seconds is stopped by killing its
  process (a new one takes its place) while the others go on, so one slow query never holds up a
  trivial one. Results stop at ``limit`` rows: the header ``X-KG-Truncated: true`` says so, and so
  does the body where the format has a place for it (JSON: ``head.link`` ``urn:kg:truncated`` and a
  top-level ``"truncated"`` object; XML: a ``<link>`` in the head; Turtle and N-Triples: a comment
  first; CSV and TSV have no such place: the header only).
- With ``allow_update`` one worker owns the store read-write and runs queries and updates one at a
  time; after each update it recomputes the consolidated graph and writes the build folder's
  ``graph.*`` files again (header ``X-KG-Refreshed``), so they match the store.
- CORS (``cors``, an origin or ``*``; None: off): ``Access-Control-Allow-Origin`` on GET and POST of
  ``/query`` and an answer to the ``OPTIONS`` preflight; never for ``/update``.
- SPARQL 1.1 Protocol errors: 400 for a missing or repeated ``query``, 415 for a POST body of
  another media type, 406 for an Accept header that no result format satisfies.
"""
from __future__ import annotations

import json
import multiprocessing as mp
import os
import queue
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from . import query as q
from .consolidate import refresh_consolidation, refresh_exports
from .errors import InputError, KgError, QueryError, StoreError
from .formats import FORMATS
from .sparql import keyword, syntax_error, uses_service
from .store import GraphStore, find_store, open_graph
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
#: CONSTRUCT/DESCRIBE results: the formats of the table (kg.formats) that hold triples, by media type
#: (JSON-LD holds graphs and triples alike).
GRAPH_TYPES = {f.media_type: f.rdf for f in FORMATS if f.rdf is not None and (not f.is_quads or f.name == "jsonld")}
MAX_BODY = 10 * 1024 * 1024
TRUNCATED = "urn:kg:truncated"
CORS_HEADERS = {"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                "Access-Control-Allow-Headers": "Accept, Content-Type",
                "Access-Control-Expose-Headers": "X-KG-Truncated", "Access-Control-Max-Age": "86400"}


def default_workers() -> int:
    """Query workers by default: the cores there are, at least 2 and at most 8."""
    return max(2, min(8, os.cpu_count() or 2))


class Refused(Exception):
    """A request refused before it reaches a worker: HTTP status and message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def negotiate(accept: str | None, offered: dict[str, str]) -> str | None:
    """The media type of ``offered`` the Accept header prefers; None when it accepts none of them
    (no Accept header accepts any).

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES)
    'application/sparql-results+xml'
    >>> negotiate("*/*", RESULT_TYPES)
    'application/sparql-results+json'
    >>> negotiate("image/png, application/json;q=0", RESULT_TYPES) is None
    True
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
        if q > 0:
            choices.append((-q, i, fields[0].lower()))
    for _, _, media in sorted(choices):
        if media in offered:
            return media
        if media == "*/*":
            return next(iter(offered))
        if media in ("application/*", "text/*"):
            kind = media.split("/")[0] + "/"
            match = next((m for m in offered if m.startswith(kind)), None)
            if match:
                return match
    return None


def _not_acceptable(accept: str | None, offered: dict[str, str]) -> tuple[int, str, bytes, dict[str, str]]:
    return (406, "text/plain; charset=utf-8",
            (f"no result format satisfies Accept: {accept}; this result can be {', '.join(offered)}\n").encode(), {})


def mark_truncated(media: str, body: bytes, limit: int) -> bytes:
    """The body of a result cut at ``limit`` rows, saying so where the format has a place for it.

    >>> json.loads(mark_truncated("application/sparql-results+json", b'{"head": {"vars": []}, "results": {"bindings": []}}', 3))["head"]
    {'vars': [], 'link': ['urn:kg:truncated']}
    """
    note = f"truncated: only the first {limit} rows (the endpoint's --limit)"
    if media in ("application/sparql-results+json", "application/json"):
        data = json.loads(body)
        data["head"].setdefault("link", []).append(TRUNCATED)
        data["truncated"] = {"limit": limit, "message": note}
        return json.dumps(data, ensure_ascii=False).encode("utf-8")
    if media in ("application/sparql-results+xml", "application/xml"):
        return body.replace(b"</head>", f'<link href="{TRUNCATED}"/></head><!-- {note} -->'.encode(), 1)
    if media in ("text/turtle", "application/n-triples"):
        return f"# {note.replace('rows', 'triples')}\n".encode() + body
    if media == "application/rdf+xml":
        head, sep, rest = body.partition(b"?>")
        return head + sep + f"\n<!-- {note.replace('rows', 'triples')} -->".encode() + rest if sep else body
    return body


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
        headers = {}
        if request.get("folder"):
            refresh_consolidation(store)
            written = refresh_exports(store, request["folder"])
            headers["X-KG-Refreshed"] = ", ".join(p.name for p in written) or "none"
        return 204, "text/plain", b"", headers
    kw = {}
    if request["default"]:
        kw["default_graph"] = [ox.NamedNode(g) for g in request["default"]]
    if request["named"]:
        kw["named_graphs"] = [ox.NamedNode(g) for g in request["named"]]
    limit = request["limit"]
    kind, variables, rows = q.run(store, request["text"], allow_service=request["allow_remote"], limit=limit, **kw)
    headers = {}
    truncated = kind != "ask" and limit is not None and len(rows) > limit
    if truncated:
        rows = rows[:limit]
        headers["X-KG-Truncated"] = "true"
    if kind == "graph":
        media = negotiate(request["accept"], GRAPH_TYPES)
        if media is None:
            return _not_acceptable(request["accept"], GRAPH_TYPES)
        fmt = getattr(ox.RdfFormat, GRAPH_TYPES[media])
        prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
        body = ox.serialize(rows, format=fmt, prefixes=prefixes)
        return 200, media, mark_truncated(media, body, limit) if truncated else body, headers
    media = negotiate(request["accept"], RESULT_TYPES)
    if media is None:
        return _not_acceptable(request["accept"], RESULT_TYPES)
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
    body = formatter(variables, rows).encode("utf-8")
    return 200, f"{media}; charset=utf-8", mark_truncated(media, body, limit) if truncated else body, headers


def _worker(path: str, conn, read_only: bool = False) -> None:
    try:
        store = GraphStore(Path(path), read_only=True) if read_only else open_graph(Path(path))
    except KgError as err:
        conn.send(("error", str(err)))
        return
    import pyoxigraph  # noqa: F401 - imported before the first query, not during it
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
    """One process with the store open (read-only, or owning it); restarted after a query times out."""

    def __init__(self, path: Path, read_only: bool = False, start: bool = True):
        self.path = path
        self.read_only = read_only
        self.lock = threading.Lock()
        self._proc_lock = threading.RLock()  # a stop never sees a process half made by a restart
        self._ctx = mp.get_context("spawn")
        if start:
            self._start()

    def _spawn(self) -> None:
        with self._proc_lock:
            self.conn, child = self._ctx.Pipe()
            self.proc = self._ctx.Process(target=_worker, args=(str(self.path), child, self.read_only), daemon=True)
            self.proc.start()
            child.close()

    def _start(self, spawned: bool = False) -> None:
        if not spawned:
            self._spawn()
        if not self.conn.poll(60):
            self.stop()
            raise StoreError(f"{self.path}: the store did not open within 60 s")
        try:
            status, message = self.conn.recv()
        except (EOFError, OSError):
            status, message = "error", f"{self.path}: the query worker ended before the store was open"
        if status != "ready":
            self.proc.join()
            raise StoreError(message)

    def stop(self) -> None:
        with self._proc_lock:
            if self.proc.is_alive():
                self.proc.kill()
            self.proc.join()
            self.conn.close()

    def ask(self, request: dict[str, Any], timeout: float | None, restart: bool = True) -> tuple[str, Any]:
        """The worker's answer; after a timeout or a crash the process is killed, and started again
        here when ``restart`` (else ``self.dead`` is set and the caller restarts it)."""
        with self.lock:
            self.dead = False
            self.conn.send(request)
            if self.conn.poll(timeout):
                try:
                    return self.conn.recv()
                except EOFError:
                    pass
                self._kill(restart)
                return "fail", "the query worker died"
            self._kill(restart)
            return "timeout", f"query stopped after the {timeout:g} s timeout"

    def _kill(self, restart: bool) -> None:
        self.stop()
        if restart:
            self._start()
        else:
            self.dead = True


class Pool:
    """``size`` workers; a request takes an idle one (waiting at most ``wait`` seconds for one), and a
    worker stopped by a timeout is replaced in the background while the others keep answering."""

    def __init__(self, path: Path, size: int, read_only: bool):
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.closed = False
        self.workers = [Worker(path, read_only, start=False) for _ in range(size)]
        for w in self.workers:  # started side by side: each takes a second or two to import and open
            w._spawn()
        try:
            for w in self.workers:
                w._start(spawned=True)
                self.idle.put(w)
        except BaseException:
            self.stop()
            raise

    def ask(self, request: dict[str, Any], timeout: float | None, wait: float | None) -> tuple[str, Any]:
        try:
            worker = self.idle.get(timeout=wait)
        except queue.Empty:
            return "busy", f"all {len(self.workers)} query workers are busy; try again later"
        status, payload = worker.ask(request, timeout, restart=False)
        if worker.dead:
            threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
        else:
            self.idle.put(worker)
        return status, payload

    def _replace(self, worker: Worker) -> None:
        try:
            with worker._proc_lock:  # checked under the lock ``stop`` takes: no worker outlives the pool
                if self.closed:
                    return
                worker._spawn()
            worker._start(spawned=True)
        except (KgError, OSError):
            return  # the store cannot be opened any more (or the pool is stopping): one worker fewer
        self.idle.put(worker)

    def stop(self) -> None:
        self.closed = True
        for w in self.workers:
            if getattr(w, "proc", None) is not None:
                w.stop()


# ---------------------------------------------------------------------- HTTP
class Endpoint(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, folder: Path, *, host: str = "127.0.0.1", port: int = 7878, allow_update: bool = False,
                 timeout: float | None = 30.0, limit: int | None = 10_000, allow_remote: bool = False,
                 workers: int | None = None, cors: str | None = "*"):
        folder = Path(folder)
        store_dir = find_store(folder)
        if store_dir is None:
            raise InputError(f"{folder}: not a kg build folder (no {STORE_DIR}/ inside)")
        self.allow_update, self.timeout, self.limit, self.allow_remote = allow_update, timeout, limit, allow_remote
        self.cors = cors or None
        self.folder = folder if store_dir != folder else None  # the graph.* files updates refresh
        self.holder = None
        if allow_update:  # one writer: queries and updates one at a time
            self.pool = Pool(store_dir, 1, read_only=False)
        else:  # this process holds the store (no build can write to it meanwhile); the workers read it
            self.holder = GraphStore(store_dir)
            self.holder.raw.flush()
            try:
                self.pool = Pool(store_dir, workers or default_workers(), read_only=True)
            except BaseException:
                self.holder.close()
                raise
        try:
            super().__init__((host, port), Handler)
        except BaseException:
            self.pool.stop()
            raise

    @property
    def worker(self) -> Worker:
        """The first worker of the pool."""
        return self.pool.workers[0]

    def server_close(self) -> None:
        super().server_close()
        self.pool.stop()
        if self.holder is not None:
            self.holder.close()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


class Handler(BaseHTTPRequestHandler):
    server: Endpoint
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt: str, *args) -> None:  # quiet: one line per request on stderr is noise in tests
        pass

    def setup(self) -> None:
        super().setup()
        # headers and body go out as two writes: without this, Nagle's algorithm and the client's delayed
        # ACK hold the body back ~40 ms on a keep-alive connection
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _cors(self) -> dict[str, str]:
        """The CORS headers of a /query answer (none when CORS is off, or for other routes)."""
        if not self.server.cors or self._route() != "/query":
            return {}
        out = {"Access-Control-Allow-Origin": self.server.cors}
        if self.server.cors != "*":
            out["Vary"] = "Origin"
        return out

    def _route(self) -> str:
        return urlsplit(self.path).path.rstrip("/") or "/"

    def _send(self, status: int, media: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        for k, v in {**self._cors(), **(headers or {})}.items():
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
            elif media == {"/query": "application/sparql-query", "/update": "application/sparql-update"}.get(
                    self._route()):
                body = raw
            else:
                direct = "application/sparql-update" if self._route() == "/update" else "application/sparql-query"
                raise Refused(415, f"unsupported Content-Type {media or '(none)'!r}; POST {direct} "
                                   "or application/x-www-form-urlencoded")
        return params, body

    def do_OPTIONS(self) -> None:
        """The CORS preflight: allowed for /query (when CORS is on), never for /update."""
        route = self._route()
        allow = {"/query": "GET, POST, OPTIONS", "/update": "POST, OPTIONS", "/": "GET, HEAD, OPTIONS"}.get(route)
        if allow is None:
            return self._error(404, f"no such resource {route}; try /, /query or /update")
        headers = {"Allow": allow}
        if self._cors():
            headers.update(CORS_HEADERS)
        self._send(204, "text/plain", b"", headers)

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        route = self._route()
        try:
            params, body = self._params()
        except Refused as err:
            return self._error(err.status, str(err))
        except (ValueError, UnicodeDecodeError) as err:
            return self._error(400, str(err))
        if route == "/":
            return self._run({"op": "page"})
        if route == "/query":
            given = params.get("query", []) + ([body] if body is not None else [])
            if len(given) > 1:
                return self._error(400, f"{len(given)} queries given (query parameters or a query body); "
                                        "a request holds exactly one")
            text = given[0] if given else None
            if not text:
                return self._error(400, "missing the query (GET /query?query=... or POST)")
            accept = self.headers.get("Accept")
            if negotiate(accept, RESULT_TYPES) is None and negotiate(accept, GRAPH_TYPES) is None:
                return self._error(406, f"no result format satisfies Accept: {accept}; results can be "
                                        + ", ".join([*RESULT_TYPES, *GRAPH_TYPES]))
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
            if len(params.get("update", [])) + (body is not None) > 1:
                return self._error(400, "more than one update given; a request holds exactly one")
            return self._run({"op": "update", "text": text, "allow_remote": self.server.allow_remote,
                              "folder": str(self.server.folder) if self.server.folder else None})
        return self._error(404, f"no such resource {route}; try /, /query or /update")

    def _run(self, request: dict[str, Any]) -> None:
        status, payload = self.server.pool.ask(request, self.server.timeout, wait=self.server.timeout)
        if status == "ok":
            return self._send(*payload)
        code = {"bad": 400, "timeout": 503, "busy": 503}.get(status, 500)
        return self._error(code, payload)


_PAGE: dict[str, bytes] = {}


def explorer_page(store) -> bytes:
    """The explorer page of kg.viz (computed once per worker, again after an update)."""
    if "page" not in _PAGE:
        _PAGE["page"] = render_html(layout(view_data(store))).encode("utf-8")
    return _PAGE["page"]


def serve(folder: Path, *, host: str = "127.0.0.1", port: int = 7878, allow_update: bool = False,
          timeout: float | None = 30.0, limit: int | None = 10_000, allow_remote: bool = False,
          workers: int | None = None, cors: str | None = "*", announce=print) -> None:
    """Serve a build folder until interrupted."""
    server = Endpoint(folder, host=host, port=port, allow_update=allow_update, timeout=timeout, limit=limit,
                      allow_remote=allow_remote, workers=workers, cors=cors)
    if allow_update:
        files = "updates write the graph.* files again" if server.folder else "no graph.* files to refresh"
        mode = f"read-write, one query or update at a time; {files}"
    else:
        mode = f"read-only, {len(server.pool.workers)} query workers"
    announce(f"kg: SPARQL endpoint {server.url}/query ({mode}), explorer {server.url}/ - Ctrl-C to stop")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
