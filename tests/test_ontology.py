"""The ontology and the rules as data: they parse, they agree, and the packaged data is found."""
from __future__ import annotations

import pyoxigraph as ox
import rdflib
import yaml

from kg.gazetteer import load_gazetteer
from kg.iri import ONTOLOGY
from kg.resources import ontology_dir
from kg.rules import load_rules

CORE = ("holdsPosition memberOf partOf leads governs locatedIn participatesIn visits meetsWith partnersWith "
        "signsAgreementWith supports recognizes invites callsOn revokesDesignation designatesAsTerrorist "
        "sanctions criticizes threatens fightsAgainst withdrawsFrom overthrows").split()


def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_dir() / "kg.ttl")


def test_ontology_parses_in_rdflib_and_pyoxigraph_alike():
    g = ontology()
    assert len(g) == len(set(ox.parse(path=str(ontology_dir() / "kg.ttl"), format=ox.RdfFormat.TURTLE)))
    onto = rdflib.URIRef(ONTOLOGY.rstrip("#"))
    assert (onto, rdflib.OWL.versionIRI, None) in g


def test_every_core_relation_is_declared_with_domain_label_definition_and_a_group():
    g = ontology()
    kg = rdflib.Namespace(ONTOLOGY)
    groups = {kg.cooperation, kg.conflict, kg.structure, kg.interaction}
    for name in CORE:
        prop = kg[name]
        assert (prop, rdflib.RDF.type, rdflib.OWL.ObjectProperty) in g, name
        assert g.value(prop, rdflib.RDFS.label) and g.value(prop, rdflib.SKOS.definition), name
        assert set(g.objects(prop, rdflib.RDFS.subPropertyOf)) & groups, name


def test_classes_reach_the_core_classes_and_align_with_schema_org():
    rules = load_rules()
    for cls in ("GovernmentBody", "InternationalOrganization", "ArmedGroup", "MediaOrganization"):
        assert rules.ontology.is_a(cls, "Organization")
    assert rules.ontology.is_a("City", "Place") and rules.ontology.is_a("Meeting", "Event")
    g = ontology()
    schema = {str(o) for o in g.objects(None, rdflib.OWL.equivalentClass)}
    assert {"https://schema.org/Person", "https://schema.org/Organization", "https://schema.org/Event"} <= schema


def test_rules_name_only_declared_relations_and_every_core_relation_has_a_rule():
    rules = load_rules()
    used = {r.predicate for r in rules.relations}
    assert used <= rules.ontology.properties
    assert set(CORE) - used <= {"partOf", "holdsPosition"}  # these two come from names and titles


def test_gazetteer_classes_are_ontology_classes():
    classes = set(load_rules().ontology.ancestors)
    assert {e.cls for e in load_gazetteer().entries()} <= classes


def test_shapes_and_queries_are_packaged_data():
    folder = ontology_dir()
    rdflib.Graph().parse(folder / "shapes.ttl")
    assert sorted(p.stem for p in (folder / "queries").glob("*.rq"))
    assert yaml.safe_load((folder / "rules.yaml").read_text())["relations"]
