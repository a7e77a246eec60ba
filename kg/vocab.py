"""The vocabulary kg writes and reads: namespaces, prefixes and the well-known graph IRIs, written once.

>>> PREFIXES["kg"] == KG
True
>>> term("recognizes")
'https://w3id.org/newskg/ontology#recognizes'
>>> print(sparql_prefixes("kg", "rdfs"))
PREFIX kg: <https://w3id.org/newskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
<BLANKLINE>
"""
from __future__ import annotations

KG = "https://w3id.org/newskg/ontology#"  # the ontology namespace (kg:)
ONTOLOGY_GRAPH = "https://w3id.org/newskg/ontology"  # the named graph the store keeps kg.ttl in
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
SH = "http://www.w3.org/ns/shacl#"
WIKIDATA = "http://www.wikidata.org/entity/"  # Wikidata items: wd:Q159
GEONAMES = "https://sws.geonames.org/"  # GeoNames features: <https://sws.geonames.org/2017370/>
GAZETTEER = "https://w3id.org/newskg/gazetteer/"  # kg's own gazetteer files, the source of hand-made facts

RDF_TYPE = RDF + "type"
OWL_SAME_AS = OWL + "sameAs"
RDFS_LABEL = RDFS + "label"
XSD_STRING = XSD + "string"
RDF_LANG_STRING = RDF + "langString"

#: Bound in every query and written into Turtle, TriG, RDF/XML and JSON-LD (in this order).
PREFIXES: dict[str, str] = {
    "kg": KG,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "prov": PROV,
    "dcterms": DCTERMS,
    "skos": SKOS,
    "schema": SCHEMA,
}

#: Appended to the base IRI: the derived named graph of consolidated relations.
CONSOLIDATED = "graph/consolidated"
#: The named graph of the (subject, predicate, object) keys whose kg:Relation is not yet up to date
#: (kg.consolidate); empty, and so absent, once a build or a removal has finished.
PENDING_GRAPH = "urn:kg:consolidation-pending"
#: The named graph indexing every statement of the articles by its kg:Relation node (kg.keys), so that a
#: relation is recomputed from its own statements, however large the store.
INDEX_GRAPH = "urn:kg:relation-index"
#: kg's bookkeeping graphs: never exported, listed or counted as the graph's data.
INTERNAL_GRAPHS = (PENDING_GRAPH, INDEX_GRAPH)
#: The store folder inside a build folder.
STORE_DIR = "store"


def term(local_name: str) -> str:
    """An ontology term: ``term("recognizes")``."""
    return KG + local_name


def sparql_prefixes(*names: str) -> str:
    """PREFIX declarations of ``names`` (all of PREFIXES without names), one a line."""
    return "".join(f"PREFIX {n}: <{PREFIXES[n]}>\n" for n in (names or PREFIXES))
