"""kg push to a real `oxigraph serve`, and kg serve queried over HTTP with SPARQLWrapper."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from conftest import free_port, graphs
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from kg.errors import StoreError
from kg.push import push
from kg.serve import Endpoint
from kg.store import open_graph

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")


@pytest.fixture
def oxigraph_server(tmp_path):
    if not Path(OXIGRAPH).exists():
        if os.environ.get("CI"):
            pytest.fail("the oxigraph server (pip package oxigraph) is required in CI")
        pytest.skip("oxigraph server not installed")
    port = free_port()
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path / "oxi"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def sparql(endpoint: str, text: str):
    client = SPARQLWrapper(endpoint)
    client.setQuery(text)
    client.setReturnFormat(JSON)
    return client.queryAndConvert()


def server_quads(url: str) -> set[tuple[str, str, str, str]]:
    out = sparql(url + "/query", "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(!isBlank(?s) && !isBlank(?o)) }")
    def term(b):
        return b["value"] if b["type"] != "literal" else f'{b["value"]}^^{b.get("datatype", "")}@{b.get("xml:lang", "")}'
    return {tuple(term(b[v]) for v in "gspo") for b in out["results"]["bindings"]}


def local_quads(folder) -> set[tuple[str, str, str, str]]:
    import pyoxigraph as ox

    xsd_string = "http://www.w3.org/2001/XMLSchema#string"
    def term(t):
        if isinstance(t, ox.Literal):
            dt = "" if t.language or t.datatype.value == xsd_string else t.datatype.value
            return f"{t.value}^^{dt}@{t.language or ''}"
        return t.value
    with open_graph(folder) as store:
        return {(q.graph_name.value, term(q.subject), term(q.predicate), term(q.object)) for q in store
                if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)}


def test_push_sends_every_triple_once_per_graph_and_is_idempotent(folder, oxigraph_server):
    sent = push(folder, oxigraph_server + "/store")
    with open_graph(folder) as store:
        assert sent == len(store)
        want_graphs = store.graphs()
    got = sparql(oxigraph_server + "/query", "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }")
    assert int(got["results"]["bindings"][0]["n"]["value"]) == sent
    names = sparql(oxigraph_server + "/query", "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
    assert [b["g"]["value"] for b in names["results"]["bindings"]] == want_graphs
    assert server_quads(oxigraph_server) == local_quads(folder)
    push(folder, oxigraph_server + "/store")
    got = sparql(oxigraph_server + "/query", "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }")
    assert int(got["results"]["bindings"][0]["n"]["value"]) == sent


class _Recorder(BaseHTTPRequestHandler):
    seen: list = []

    def do_PUT(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        type(self).seen.append((self.path, self.headers.get("Authorization"), self.headers.get("Content-Type")))
        ok = self.headers.get("Authorization") in ("Bearer s3cret", "Basic a2c6cHc=")
        self.send_response(204 if ok else 401)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    _Recorder.seen = []
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/store", _Recorder.seen
    server.shutdown()
    server.server_close()


def test_push_authenticates_with_bearer_or_basic(folder, recorder):
    url, seen = recorder
    push(folder, url, token="s3cret")
    assert {auth for _, auth, _ in seen} == {"Bearer s3cret"}
    assert all(ctype == "application/n-triples" for _, _, ctype in seen)
    assert sorted(path.split("graph=")[1] for path, _, _ in seen)[0].startswith("https%3A%2F%2Fkg.example.org%2Fgraph")
    push(folder, url, user="kg", password="pw")
    with pytest.raises(StoreError, match="HTTP 401.*check --user/--password or --token"):
        push(folder, url, user="kg", password="wrong")


# ---------------------------------------------------------------------- kg serve
@pytest.fixture
def endpoint(folder):
    server = Endpoint(folder, port=0, timeout=5, limit=3)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_serve_answers_sparql_clients(endpoint, folder):
    assert endpoint.server_address[0] == "127.0.0.1"
    out = sparql(endpoint.url + "/query", "SELECT DISTINCT ?label { ?e a kg:Country ; rdfs:label ?label } ORDER BY ?label")
    assert [b["label"]["value"] for b in out["results"]["bindings"]] == ["China", "Russia"]
    client = SPARQLWrapper(endpoint.url + "/query")
    client.setMethod(POST)
    client.setQuery("ASK { ?r a kg:Relation ; kg:outletCount 2 }")
    client.setReturnFormat(JSON)
    assert client.queryAndConvert()["boolean"] is True
    req = urllib.request.Request(endpoint.url + "/query", data=b"CONSTRUCT WHERE { ?e a kg:Country }",
                                 headers={"Content-Type": "application/sparql-query", "Accept": "application/n-triples"})
    with urllib.request.urlopen(req) as resp:
        assert resp.headers["Content-Type"] == "application/n-triples"
        assert len(resp.read().decode().splitlines()) == 2
    with urllib.request.urlopen(endpoint.url + "/") as resp:
        page = resp.read()
        assert b"<html" in page and b"Taliban" in page  # the explorer page of this graph


def _status(url, data=None, headers=None):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers or {})) as resp:
            return resp.status, dict(resp.headers), resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read().decode()


def test_serve_is_read_only_limited_and_refuses_remote_data(endpoint):
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    code, _, text = _status(endpoint.url + "/update", b"update=CLEAR%20ALL", form)
    assert code == 403 and "--allow-update" in text
    code, headers, text = _status(endpoint.url + "/query?query=SELECT%20*%20%7B%20?s%20?p%20?o%20%7D")
    assert code == 200 and headers["X-KG-Truncated"] == "true"
    assert len(json.loads(text)["results"]["bindings"]) == 3
    code, _, text = _status(endpoint.url + "/query", b"query=SELECT%20*%20%7B%20SERVICE%20%3Chttp://example.org/%3E%20%7B%20?s%20?p%20?o%20%7D%20%7D", form)
    assert code == 400 and "SERVICE" in text
    code, _, text = _status(endpoint.url + "/query?query=SELECT%20?s%20%7B%20?s%20?p%20%7D")
    assert code == 400 and "line 1" in text
    assert _status(endpoint.url + "/nope")[0] == 404


def test_serve_stops_a_query_past_the_timeout_and_keeps_serving(folder):
    server = Endpoint(folder, port=0, timeout=1, limit=10)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        slow = ("SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }").replace(" ", "%20")
        slow = slow.replace("{", "%7B").replace("}", "%7D").replace("?", "%3F").replace("(", "%28").replace(")", "%29")
        started = time.monotonic()
        code, _, text = _status(server.url + "/query?query=" + slow)
        assert code == 503 and "timeout" in text and time.monotonic() - started < 20
        code, _, text = _status(server.url + "/query?query=ASK%7B%7D")
        assert code == 200 and json.loads(text)["boolean"] is True
    finally:
        server.shutdown()
        server.server_close()


def test_serve_with_updates(folder):
    server = Endpoint(folder, port=0, allow_update=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        code, _, _ = _status(server.url + "/update", b"DROP GRAPH <https://kg.example.org/graph/a-001>",
                             {"Content-Type": "application/sparql-update"})
        assert code == 204
        code, _, text = _status(server.url + "/update", b"LOAD <http://example.org/x.ttl>",
                                {"Content-Type": "application/sparql-update"})
        assert code == 400 and "LOAD" in text
    finally:
        server.shutdown()
        server.server_close()
    with open_graph(folder) as store:
        assert "https://kg.example.org/graph/a-001" not in graphs(store)


def _get(url, query, accept=None, method="GET", data=None, headers=None):
    from urllib.parse import quote

    headers = {**({"Accept": accept} if accept else {}), **(headers or {})}
    req = urllib.request.Request(url + (f"/query?query={quote(query)}" if query is not None else "/query"),
                                 data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, dict(resp.headers), resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read().decode()


@pytest.fixture
def running():
    started = []

    def start(folder, **kw):
        server = Endpoint(folder, port=0, **kw)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        started.append(server)
        return server

    def stop(server):
        server.shutdown()
        server.server_close()
        started.remove(server)

    start.stop = stop
    yield start
    for server in list(started):
        stop(server)


HEAVY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_a_trivial_query_answers_at_once_while_two_heavy_ones_run(folder, running):
    server = running(folder, timeout=6, workers=3)
    for _ in range(3):  # each worker answers once
        assert _get(server.url, "ASK {}")[0] == 200
    heavy = []
    threads = [threading.Thread(target=lambda: heavy.append(_get(server.url, HEAVY))) for _ in range(2)]
    for t in threads:
        t.start()
    time.sleep(0.5)  # both heavy queries are running
    took = []
    for _ in range(5):
        started = time.perf_counter()
        code, _, text = _get(server.url, "ASK {}")
        took.append(time.perf_counter() - started)
        assert code == 200 and json.loads(text)["boolean"] is True
    assert all(t.is_alive() for t in threads), "the heavy queries ended too soon to test anything"
    assert sorted(took)[2] < 0.1 and max(took) < 0.5, took
    for t in threads:
        t.join(timeout=30)
    assert [code for code, _, _ in heavy] == [503, 503] and all("timeout" in text for _, _, text in heavy)
    time.sleep(0.1)
    assert _get(server.url, "ASK {}")[0] == 200  # a worker stopped is replaced; the others answered meanwhile


def test_a_truncated_result_says_so_in_the_header_and_the_body(endpoint):
    code, headers, text = _get(endpoint.url, "SELECT * { ?s ?p ?o }")
    data = json.loads(text)
    assert code == 200 and headers["X-KG-Truncated"] == "true" and len(data["results"]["bindings"]) == 3
    assert data["head"]["link"] == ["urn:kg:truncated"] and data["truncated"]["limit"] == 3
    code, headers, text = _get(endpoint.url, "SELECT * { ?s ?p ?o }", "application/sparql-results+xml")
    assert headers["X-KG-Truncated"] == "true" and '<link href="urn:kg:truncated"/></head>' in text
    code, headers, text = _get(endpoint.url, "CONSTRUCT WHERE { ?s ?p ?o }", "text/turtle")
    assert headers["X-KG-Truncated"] == "true" and text.startswith("# truncated: only the first 3 triples")
    code, headers, text = _get(endpoint.url, "SELECT ?e { ?e a kg:Country }")
    assert "X-KG-Truncated" not in headers and "truncated" not in json.loads(text)


def test_cors_for_queries_only_and_configurable(folder, running):
    server = running(folder, workers=1)
    code, headers, _ = _get(server.url, "ASK {}", headers={"Origin": "https://elsewhere.example"})
    assert code == 200 and headers["Access-Control-Allow-Origin"] == "*"
    code, headers, _ = _get(server.url, None, method="OPTIONS", headers={
        "Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert code == 204 and headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in headers["Access-Control-Allow-Methods"] and "Content-Type" in headers["Access-Control-Allow-Headers"]
    req = urllib.request.Request(server.url + "/update", method="OPTIONS", headers={"Origin": "https://x.example"})
    with urllib.request.urlopen(req) as resp:
        assert resp.status == 204 and "Access-Control-Allow-Origin" not in resp.headers
    code, headers, _ = _status(server.url + "/update", b"CLEAR ALL", {"Content-Type": "application/sparql-update"})
    assert code == 403 and "Access-Control-Allow-Origin" not in headers
    running.stop(server)  # one endpoint a store at a time
    one = running(folder, workers=1, cors="https://app.example")
    assert _get(one.url, "ASK {}")[1]["Access-Control-Allow-Origin"] == "https://app.example"
    running.stop(one)
    off = running(folder, workers=1, cors=None)
    assert "Access-Control-Allow-Origin" not in _get(off.url, "ASK {}")[1]
    assert "Access-Control-Allow-Origin" not in _get(off.url, None, method="OPTIONS")[1]


def test_sparql_protocol_status_codes(endpoint):
    code, _, text = _status(endpoint.url + "/query?query=ASK%7B%7D&query=ASK%7B%7D")
    assert code == 400 and "2 queries" in text
    code, _, text = _status(endpoint.url + "/query?query=ASK%7B%7D", b"ASK {}", {"Content-Type": "application/sparql-query"})
    assert code == 400
    code, _, text = _status(endpoint.url + "/query", b"ASK {}", {"Content-Type": "text/plain"})
    assert code == 415 and "application/sparql-query" in text
    code, _, text = _get(endpoint.url, "ASK {}", "image/png")
    assert code == 406 and "application/sparql-results+json" in text
    code, _, text = _get(endpoint.url, "CONSTRUCT WHERE { ?s ?p ?o }", "text/csv")
    assert code == 406 and "text/turtle" in text
    assert _get(endpoint.url, "ASK {}", "text/html,application/xhtml+xml,*/*;q=0.8")[0] == 200
    assert _get(endpoint.url, "ASK {}", "text/*")[1]["Content-Type"].startswith("text/csv")


def test_an_update_writes_the_graph_files_again(folder, running):
    from kg.export import export

    with open_graph(folder) as store:
        export(store, folder / "graph.nq", "nq")
    assert "graph/a-001>" in (folder / "graph.nq").read_text()
    server = running(folder, allow_update=True)
    code, headers, _ = _status(server.url + "/update", b"DROP GRAPH <https://kg.example.org/graph/a-001>",
                               {"Content-Type": "application/sparql-update"})
    assert code == 204 and headers["X-KG-Refreshed"] == "graph.nq"
    assert "graph/a-001>" not in (folder / "graph.nq").read_text()


def test_a_keep_alive_client_is_not_held_back_by_nagle_and_delayed_acks(endpoint):
    import http.client

    host, port = endpoint.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=10)
    took = []
    for _ in range(20):
        started = time.perf_counter()
        conn.request("GET", "/query?query=ASK%7B%7D", headers={"Accept": "application/sparql-results+json"})
        resp = conn.getresponse()
        assert resp.status == 200 and json.loads(resp.read())["boolean"] is True
        took.append(time.perf_counter() - started)
    conn.close()
    assert sorted(took)[10] < 0.02, took  # 40 ms each when headers and body wait for an ACK
