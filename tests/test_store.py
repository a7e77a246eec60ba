"""The embedded store: one named graph per article, incremental builds, removal, consolidation."""
from __future__ import annotations

import subprocess
import sys

import pyoxigraph as ox
import pytest
import rdflib
from conftest import assert_same_dataset, build, graphs
from rdflib.compare import isomorphic
from synthetic import A, B, article_quads

from kg.errors import InputError, StoreError
from kg.export import export
from kg.resources import ontology_dir
from kg.store import ONTOLOGY_GRAPH, GraphStore, open_graph

BASE = "https://kg.example.org/"
KG = "https://w3id.org/newskg/ontology#"


def test_a_then_b_equals_a_and_b_together():
    one = build(GraphStore(), A)
    build(one, B)
    assert_same_dataset(one, build(GraphStore(), A, B))


def test_building_an_article_twice_changes_nothing():
    once = build(GraphStore(), A, B)
    twice = build(build(GraphStore(), A, B), A)
    assert len(twice) == len(once)
    assert_same_dataset(once, twice)


def test_removing_b_after_a_and_b_equals_a_alone():
    store = build(GraphStore(), A, B)
    assert store.remove_article("b-002")
    from kg.consolidate import refresh_consolidation

    refresh_consolidation(store)
    assert_same_dataset(store, build(GraphStore(), A))


def test_rebuilt_article_replaces_exactly_its_graph():
    store = build(GraphStore(), A, B)
    before = graphs(store)
    changed = type(A)(A.id, A.statements[:1], issued=A.issued, publisher=A.publisher)
    store.replace_article(*article_quads(changed))
    after = graphs(store)
    assert isomorphic(after[BASE + "graph/b-002"], before[BASE + "graph/b-002"])
    assert len(after[BASE + "graph/a-001"]) < len(before[BASE + "graph/a-001"])
    assert not any("holdsPosition" in str(t) for t in after[BASE + "graph/a-001"])


@pytest.mark.parametrize("ref", ["c-003", BASE + "article/c-003", BASE + "graph/c-003"])
def test_remove_by_id_article_iri_or_graph_iri(abc, ref):
    assert abc.remove_article(ref)
    assert BASE + "graph/c-003" not in abc.articles()
    assert not abc.remove_article(ref)
    assert len(abc.articles()) == 2


def test_quads_of_another_graph_are_refused():
    g, quads = article_quads(A)
    with pytest.raises(ValueError, match="not in the graph"):
        GraphStore().replace_article(BASE + "graph/other", quads)


def test_articles_lists_article_graphs_only(abc):
    assert abc.articles() == [BASE + "graph/a-001", BASE + "graph/b-002", BASE + "graph/c-003"]
    assert ONTOLOGY_GRAPH in abc.graphs() and BASE + "graph/consolidated" in abc.graphs()


def test_ontology_graph_is_kg_ttl_and_loading_it_again_changes_nothing():
    store = GraphStore()
    store.ensure_ontology()
    n = len(store)
    store.ensure_ontology()
    assert len(store) == n
    expected = rdflib.Graph().parse(ontology_dir() / "kg.ttl")
    assert isomorphic(graphs(store)[ONTOLOGY_GRAPH], expected)


def test_store_on_disk_persists_and_is_locked(tmp_path):
    with GraphStore(tmp_path / "store") as store:
        build(store, A)
        n = len(store)
    holder = subprocess.Popen(  # another process holding the store, as `kg serve` does
        [sys.executable, "-c", "import pyoxigraph, sys, time; s = pyoxigraph.Store(sys.argv[1]); "
         "print(sum(1 for q in s if not isinstance(q.graph_name, pyoxigraph.DefaultGraph) "
         "and not q.graph_name.value.startswith('urn:kg:')), flush=True); "
         "time.sleep(60)", str(tmp_path / "store")], stdout=subprocess.PIPE, text=True)
    try:
        assert int(holder.stdout.readline()) == n
        with pytest.raises(StoreError, match="in use by another process"):
            GraphStore(tmp_path / "store")
        with pytest.raises(StoreError, match="stop it first, or query its SPARQL endpoint"):
            open_graph(tmp_path)
    finally:
        holder.kill()
        holder.wait()


def test_open_graph_reads_rdf_files_and_names_what_is_allowed(tmp_path, abc):
    export(abc, tmp_path / "g.trig")
    assert len(open_graph(tmp_path / "g.trig")) == len(abc)
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(InputError, match=r"kg build folder \(with store/\) or an RDF file \(\.ttl, \.trig"):
        open_graph(tmp_path / "notes.txt")
    with pytest.raises(InputError, match="does not exist"):
        open_graph(tmp_path / "missing")
    (tmp_path / "bad.ttl").write_text("<a> <b> .")
    with pytest.raises(InputError, match="bad.ttl: not valid ttl"):
        open_graph(tmp_path / "bad.ttl")


# ---------------------------------------------------------------------- consolidation
def relation(store, s, p, o):
    rows = list(store.query(f"""
        SELECT ?r ?n ?outlets ?first WHERE {{ GRAPH <{BASE}graph/consolidated> {{
          ?r a kg:Relation ; kg:relationSubject <{BASE}id/{s}> ; kg:relationPredicate kg:{p} ; kg:relationObject <{BASE}id/{o}> ;
             kg:sourceCount ?n ; kg:outletCount ?outlets . OPTIONAL {{ ?r kg:firstReported ?first }} }} }}"""))
    assert len(rows) <= 1
    if not rows:
        return None
    r = rows[0]["r"]
    values = lambda p: sorted(str(t.object) for t in store.raw.quads_for_pattern(  # noqa: E731
        r, ox.NamedNode(KG + p), None, ox.NamedNode(BASE + "graph/consolidated")))
    return {"sources": int(rows[0]["n"].value), "outlets": int(rows[0]["outlets"].value),
            "first": rows[0]["first"], "dates": values("statedDate"), "statements": values("hasStatement"),
            "against": values("contradictedBy"), "articles": values("reportedIn")}


def test_same_relation_from_three_articles_is_one_relation_with_all_sources(abc):
    r = relation(abc, "russia", "recognizes", "taliban")
    assert r["sources"] == 3
    assert r["outlets"] == 2  # TASS quoted in b-002 and TASS publishing c-003 are one outlet
    assert r["first"] == ox.Literal("2026-03-31", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    assert len(r["statements"]) == 3 and len(r["articles"]) == 3
    # conflicting dates are kept side by side
    assert [d.split("^^")[0] for d in r["dates"]] == ['"2025"', '"2025-07"', '"2025-07-03"']


def test_each_statement_keeps_its_own_date(abc):
    rows = abc.query(f"""SELECT ?d WHERE {{ <{BASE}relation/047d472f76b20d32> kg:hasStatement ?st .
                                           ?st kg:date ?d }}""")
    assert sorted(r["d"].value for r in rows) == ["2025", "2025-07", "2025-07-03"]


def test_negated_statement_contradicts_instead_of_counting(abc):
    r = relation(abc, "russia", "sanctions", "china")
    assert r["sources"] == 1 and len(r["against"]) == 1 and r["dates"][0].startswith('"2026-01"')
    alone = relation(build(GraphStore(), A), "russia", "sanctions", "china")
    assert alone is None  # only denied: no relation


def test_only_asserted_and_reported_statements_are_sources():
    from synthetic import Article, Stmt

    said = {"recognized": "Asserted", "will recognize": "Planned", "has not recognized": "Negated",
            "could recognize": "Hypothetical", "recognized, TASS said": "Reported"}
    store = build(GraphStore(), *(
        Article(f"o-{i}", [Stmt(("France", "Country"), "recognizes", ("Palestine", "Country"), f"202{i}",
                                modality=m, sentence=f"France {verb} Palestine.")],
                issued=f"2026-05-1{i}", publisher=f"Outlet {i}")
        for i, (verb, m) in enumerate(said.items())))
    r = relation(store, "france", "recognizes", "palestine")
    assert (r["sources"], r["outlets"]) == (2, 2)  # "recognized" and the reported one; not the plan nor the "could"
    assert [a.rsplit("/", 1)[1].rstrip(">") for a in r["articles"]] == ["o-0", "o-4"]
    assert len(r["statements"]) == 2 and len(r["against"]) == 1
    assert [d.split("^^")[0] for d in r["dates"]] == ['"2020"', '"2024"']  # the dates of the sources only
    planned = relation_values(store, "france", "recognizes", "palestine", "plannedIn")
    hypothetical = relation_values(store, "france", "recognizes", "palestine", "hypotheticalIn")
    assert len(planned) == 1 and len(hypothetical) == 1 and not set(planned) & set(r["statements"])
    only_planned = build(GraphStore(), Article("p-1", [Stmt(("France", "Country"), "recognizes",
                                                            ("Palestine", "Country"), modality="Planned")]))
    r = relation(only_planned, "france", "recognizes", "palestine")
    assert (r["sources"], r["outlets"], r["articles"], r["first"]) == (0, 0, [], None)


def relation_values(store, s, p, o, prop):
    rows = store.query(f"""SELECT ?v WHERE {{ GRAPH <{BASE}graph/consolidated> {{
        ?r kg:relationSubject <{BASE}id/{s}> ; kg:relationPredicate kg:{p} ; kg:relationObject <{BASE}id/{o}> ;
           kg:{prop} ?v }} }}""")
    return sorted(row["v"].value for row in rows)


def test_consolidation_follows_removal(abc):
    abc.remove_article("b-002")
    abc.remove_article("c-003")
    from kg.consolidate import refresh_consolidation

    refresh_consolidation(abc)
    r = relation(abc, "russia", "recognizes", "taliban")
    assert (r["sources"], r["outlets"], len(r["dates"])) == (1, 1, 1)
    assert relation(abc, "china", "memberOf", "sco") is None


# ---------------------------------------------------------------------- incremental consolidation
def nquads(quads) -> bytes:
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)


def full_build(articles: dict) -> GraphStore:
    """The reference: a new store of ``articles`` (graph IRI -> quads), consolidated from scratch."""
    from kg.consolidate import refresh_consolidation

    store = GraphStore()
    store.ensure_ontology()
    for g, quads in sorted(articles.items()):
        store.replace_article(g, quads)
    refresh_consolidation(store)
    return store


def index(store) -> set:
    from kg.vocab import INDEX_GRAPH

    return set(store.raw.quads_for_pattern(None, None, None, ox.NamedNode(INDEX_GRAPH)))


def test_incremental_consolidation_equals_a_full_recompute_after_adds_replacements_and_removals():
    from synthetic import synthetic

    from kg.consolidate import consolidate, remove_articles, write_articles
    from kg.keys import pending

    # a small pool of entities: most (subject, predicate, object) are stated by several articles
    pool = dict(synthetic(30, statements=8, entities=6, seed=3))
    changed = dict(synthetic(30, statements=8, entities=6, seed=4))  # other versions of the same graphs
    current: dict = {}
    store = GraphStore()
    store.ensure_ontology()
    steps = [("add", sorted(pool)[:12]), ("add", sorted(pool)[12:20]), ("replace", sorted(pool)[3:6]),
             ("remove", sorted(pool)[:2] + sorted(pool)[13:15]), ("add", sorted(pool)[20:] + sorted(pool)[:1]),
             ("replace", sorted(pool)[20:22]), ("remove", sorted(pool)[5:12])]
    for op, graphs in steps:
        if op == "remove":
            assert remove_articles(store, graphs) == len(graphs)
            for g in graphs:
                del current[g]
        else:
            source = changed if op == "replace" else pool
            touched = write_articles(store, {g: nquads(source[g]) for g in graphs})
            assert touched and pending(store) == (touched, False)
            current.update({g: source[g] for g in graphs})
            assert consolidate(store) > 0
        assert pending(store) == (set(), False)
        assert BASE + "graph/consolidated" in store.graphs()
        reference = full_build(current)
        assert_same_dataset(store, reference)
        assert index(store) == index(reference) and len(index(store)) > 50


def test_consolidation_left_pending_by_a_killed_build_is_finished_by_the_next_one():
    from synthetic import synthetic

    from kg.consolidate import consolidate, write_articles
    from kg.keys import pending

    articles = dict(synthetic(8, statements=6, entities=5, seed=5))
    store = build(GraphStore(), A)
    write_articles(store, {g: nquads(q) for g, q in articles.items()})  # the build stops here
    keys, _ = pending(store)
    assert len(keys) >= 8
    assert consolidate(store) > 0  # the next build
    reference = full_build({**articles, **dict([article_quads(A)])})
    assert_same_dataset(store, reference)
    assert index(store) == index(reference)
    assert consolidate(store) == 0  # nothing left to do


def test_a_full_recompute_interrupted_is_finished_by_the_next_consolidation():
    from kg.consolidate import consolidate
    from kg.keys import FULL, pending

    store = build(GraphStore(), A, B)
    reference = build(GraphStore(), A, B)
    store.raw.update(f"DROP GRAPH <{BASE}graph/consolidated>")  # as if killed after the first step
    store.raw.load(input=FULL.encode(), format=ox.RdfFormat.N_QUADS)
    assert pending(store) == (set(), True)
    assert consolidate(store) > 0
    assert_same_dataset(store, reference)
