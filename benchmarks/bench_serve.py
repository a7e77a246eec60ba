"""Load test of `kg serve` against a real `oxigraph serve` on the same data, on 127.0.0.1.

    PYTHONPATH=. python benchmarks/bench_serve.py [--clients 8] [--seconds 10] [--articles 500] [--folder OUT]
                                                  [--mix all|ask] [--workers N]

The data is a build folder (``--folder``), else ``--articles`` synthetic articles (tests/synthetic.py)
put in a fresh store as `kg build` does. Its quads, the default graph (the union kg keeps) included,
are loaded with `oxigraph load` into a second store that `oxigraph serve` serves, so both servers
answer the same queries over the same dataset. Each server is started here as a process
(`python -m kg serve FOLDER`, `oxigraph serve`), then N client threads, each on one keep-alive HTTP
connection, send GET /query requests (a fixed mix: ASK, a label lookup, a count by relation type, a
join over statements, one after the other) for a fixed time; then the server is stopped. Prints,
per server: requests, requests/s, p50/p99 latency in ms and errors (any answer but 200, or a
failed connection), then the ratios kg / oxigraph.
"""
from __future__ import annotations

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

PREFIXES = ("PREFIX kg: <https://w3id.org/newskg/ontology#> "
            "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")
QUERIES = [  # written with their prefixes, so that both servers run the same text
    "ASK {}",
    'SELECT ?e WHERE { ?e rdfs:label "Entity 7" }',
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?st a kg:Statement ; rdf:predicate ?p } GROUP BY ?p ORDER BY DESC(?n)",
    "SELECT ?s ?o WHERE { ?st rdf:predicate kg:recognizes ; rdf:subject/rdfs:label ?s ; "
    "rdf:object/rdfs:label ?o } ORDER BY ?s ?o LIMIT 50",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_folder(articles: int, where: Path) -> Path:
    from synthetic import synthetic

    from kg.consolidate import refresh_consolidation
    from kg.store import GraphStore

    folder = where / "kg"
    with GraphStore(folder / "store") as store:
        store.ensure_ontology()
        for graph, quads in synthetic(articles):
            store.replace_article(graph, quads)
        refresh_consolidation(store)
    return folder


def dump_quads(folder: Path, path: Path) -> int:
    import pyoxigraph as ox

    from kg.store import GraphStore

    with GraphStore(folder / "store") as store:
        store.raw.dump(output=str(path), format=ox.RdfFormat.N_QUADS)
        return len(store.raw)


def oxigraph_bin() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(found).exists():
        sys.exit("the oxigraph server is not installed (pip install oxigraph, in the test extra)")
    return found


def wait_ready(port: int, proc: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"the server exited with {proc.returncode}: {proc.stderr.read().decode()[-2000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/query?query=" + quote("ASK {}"), headers={"Accept": "application/sparql-results+json"})
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit(f"the server on port {port} did not answer within {seconds:g} s")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def load(port: int, clients: int, seconds: float, queries: list[str] = QUERIES) -> dict:
    """N clients on keep-alive connections for ``seconds``: latencies of the 200s, and the errors."""
    paths = ["/query?query=" + quote(PREFIXES + q) for q in queries]
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    start = threading.Event()
    deadline = [0.0]

    def client(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        start.wait()
        i = k
        while time.perf_counter() < deadline[0]:
            path = paths[i % len(paths)]
            i += 1
            began = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
                resp = conn.getresponse()
                resp.read()
                if resp.status == 200:
                    latencies[k].append(time.perf_counter() - began)
                else:
                    errors[k] += 1
            except (OSError, http.client.HTTPException):
                errors[k] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.close()

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    began = time.perf_counter()
    deadline[0] = began + seconds
    start.set()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    lat = sorted(x for xs in latencies for x in xs)
    ok = len(lat)
    return {"requests": ok + sum(errors), "rps": ok / elapsed, "errors": sum(errors),
            "p50": statistics.median(lat) * 1000 if lat else float("nan"),
            "p99": lat[min(ok - 1, int(ok * 0.99))] * 1000 if lat else float("nan")}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=8, help="concurrent clients")
    ap.add_argument("--seconds", type=float, default=10.0, help="how long each server is loaded")
    ap.add_argument("--articles", type=int, default=500, help="synthetic articles (without --folder)")
    ap.add_argument("--folder", type=Path, help="an existing kg build folder to serve")
    ap.add_argument("--workers", type=int, default=None, help="kg serve -j (default: its own)")
    ap.add_argument("--mix", choices=["all", "ask"], default="all",
                    help="all: the four queries in turn; ask: ASK {} only (the cost of the protocol itself)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        folder = args.folder or make_folder(args.articles, tmp)
        quads = dump_quads(folder, tmp / "data.nq")
        subprocess.run([oxigraph_bin(), "load", "--location", str(tmp / "oxi"), "--file", str(tmp / "data.nq")],
                       check=True, capture_output=True)
        queries = QUERIES if args.mix == "all" else QUERIES[:1]
        print(f"{quads:,} quads (default graph included); {args.clients} clients, {args.seconds:g} s each, "
              f"{len(queries)} queries in turn", flush=True)
        results = {}
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
        servers = {
            "kg serve": lambda port: [sys.executable, "-m", "kg", "serve", str(folder), "--port", str(port),
                                      *(["-j", str(args.workers)] if args.workers else [])],
            "oxigraph serve": lambda port: [oxigraph_bin(), "serve", "--location", str(tmp / "oxi"),
                                            "--bind", f"127.0.0.1:{port}"],
        }
        for name, command in servers.items():
            port = free_port()
            proc = subprocess.Popen(command(port), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
            try:
                wait_ready(port, proc)
                load(port, args.clients, min(2.0, args.seconds), queries)  # warm up
                results[name] = r = load(port, args.clients, args.seconds, queries)
            finally:
                stop(proc)
            print(f"{name:15} {r['requests']:8,} requests  {r['rps']:8,.0f} requests/s  p50 {r['p50']:7.2f} ms  "
                  f"p99 {r['p99']:7.2f} ms  errors {r['errors']}", flush=True)
        kg, ox = results["kg serve"], results["oxigraph serve"]
        print(f"kg / oxigraph: requests/s {kg['rps'] / ox['rps']:.2f}  p50 {kg['p50'] / ox['p50']:.2f}  "
              f"p99 {kg['p99'] / ox['p99']:.2f}")


if __name__ == "__main__":
    main()
