"""The gazetteer: lookups both ways, demonyms, capitals, ids, and the EntityRuler on real spaCy docs."""
from __future__ import annotations

import json

import pytest

from kg import gazetteer as gz
from kg.gazetteer import Entry, add_to_pipeline, load_gazetteer


@pytest.fixture(scope="module")
def g():
    return load_gazetteer()


@pytest.mark.parametrize("text", ["SCO", "Shanghai Cooperation Organization", "the Shanghai Cooperation Organisation",
                                  "shanghai cooperation organization"])
def test_acronym_and_long_name_resolve_to_one_entry(g, text):
    entry = g.lookup(text)
    assert entry is not None and entry.name == "Shanghai Cooperation Organization"
    assert entry.cls == "InternationalOrganization" and "SCO" in entry.aliases


@pytest.mark.parametrize("text,name,cls", [
    ("Islamic State", "Islamic State", "ArmedGroup"), ("ISIS", "Islamic State", "ArmedGroup"),
    ("ISIL", "Islamic State", "ArmedGroup"), ("Daesh", "Islamic State", "ArmedGroup"),
    ("IS", "Islamic State", "ArmedGroup"), ("Islamic Emirate of Afghanistan", "Taliban", "ArmedGroup"),
    ("Ansar Allah", "Houthis", "ArmedGroup"), ("TASS", "TASS", "MediaOrganization"),
    ("The Moscow Times", "The Moscow Times", "MediaOrganization"), ("Moscow Times", "The Moscow Times", "MediaOrganization"),
    ("Xinhua", "Xinhua", "MediaOrganization"), ("NATO", "North Atlantic Treaty Organization", "InternationalOrganization"),
    ("U.N.", "United Nations", "InternationalOrganization"), ("G-20", "Group of Twenty", "InternationalOrganization"),
    ("the United States of America", "United States", "Country"), ("U.S.", "United States", "Country"),
    ("USA", "United States", "Country"), ("Russian Federation", "Russia", "Country"), ("Türkiye", "Turkey", "Country"),
    ("Turkiye", "Turkey", "Country"), ("Czech Republic", "Czechia", "Country"), ("Ivory Coast", "Côte d'Ivoire", "Country"),
    ("the Netherlands", "Netherlands", "Country"), ("Viet Nam", "Vietnam", "Country"),
    ("Korea, Republic of", None, None), ("North Korea", "North Korea", "Country"), ("Russia's", "Russia", "Country"),
    ("Kiev", "Kyiv", "City"), ("Bogota", "Bogotá", "City"), ("Middle East", "Middle East", "Region"),
    ("Texas", "Texas", "Region"), ("Delhi", "New Delhi", "City"),
    ("Bajo de Masinloc", "Scarborough Shoal", "Region"), ("Huangyan Island", "Scarborough Shoal", "Region"),
    ("Diaoyu Islands", "Senkaku Islands", "Region"), ("Dokdo", "Liancourt Rocks", "Region"),
])
def test_lookup(g, text, name, cls):
    entry = g.lookup(text)
    assert (entry.name, entry.cls) == (name, cls) if name else entry is None


@pytest.mark.parametrize("text", ["us", "Us", "is", "who", "un", "sco", "Of", "police", "nice", "mobile", "reading"])
def test_short_acronyms_are_case_sensitive_and_words_do_not_match(g, text):
    assert g.lookup(text) is None


def test_case_insensitive_long_names(g):
    assert g.lookup("RUSSIA").name == g.lookup("russia").name == "Russia"
    assert g.lookup("WHO").name == "World Health Organization"


@pytest.mark.parametrize("word,country", [
    ("Russian", "Russia"), ("Afghan", "Afghanistan"), ("Afghans", "Afghanistan"), ("Kyrgyz", "Kyrgyzstan"),
    ("American", "United States"), ("Americans", "United States"), ("Chinese", "China"), ("U.S.", "United States"),
    ("US", "United States"), ("U.S.-backed", "United States"), ("China-led", "China"), ("Dutch", "Netherlands"),
    ("Israelis", "Israel"), ("Filipino", "Philippines"), ("Norwegian", "Norway"),
])
def test_by_demonym(g, word, country):
    assert g.by_demonym(word).name == country


def test_by_demonym_rejects_non_demonyms(g):
    assert g.by_demonym("Islamic") is None and g.by_demonym("Moscow") is None and g.by_demonym("us") is None


@pytest.mark.parametrize("city,country", [("Moscow", "Russia"), ("Kabul", "Afghanistan"), ("Washington", "United States"),
                                          ("Kiev", "Ukraine"), ("Bishkek", "Kyrgyzstan"), ("Beijing", "China"),
                                          ("Astana", "Kazakhstan"), ("Nur-Sultan", "Kazakhstan")])
def test_capital_of(g, city, country):
    assert g.capital_of(city).name == country
    assert g.get(country).capital is not None


def test_capital_of_non_capitals(g):
    assert g.capital_of("Shanghai") is None and g.capital_of("Russia") is None


def test_ids(g):
    russia = g.lookup("Russia")
    assert dict(russia.ids) == {"iso3166": "RU", "geonames": "2017370", "wikidata": "Q159"}
    assert russia.capital == "Moscow" and "Russian" in russia.demonyms
    moscow = g.lookup("Moscow")
    assert moscow.cls == "City" and moscow.country == "Russia" and dict(moscow.ids)["geonames"] == "524901"
    assert dict(g.lookup("Afghanistan").ids)["iso3166"] == "AF"
    countries = [e for e in g.entries() if e.cls == "Country"]
    assert len(countries) > 240
    assert all(dict(e.ids).get("iso3166") for e in countries)


@pytest.mark.parametrize("name,qid", [
    ("Russia", "Q159"), ("United States", "Q30"), ("China", "Q148"), ("Kyrgyzstan", "Q813"),
    ("Bishkek", "Q9361"), ("Moscow", "Q649"), ("United Nations", "Q1065"),
    ("North Atlantic Treaty Organization", "Q7184"), ("European Union", "Q458"), ("TASS", "Q223799"),
])
def test_wikidata_items(g, name, qid):
    assert dict(g.get(name).ids)["wikidata"] == qid


def test_wikidata_items_are_one_thing_each_and_only_for_listed_entries(g):
    items = [dict(e.ids)["wikidata"] for e in g.entries() if "wikidata" in dict(e.ids)]
    assert len(items) == len(set(items)) > 400
    assert all(gz.QID.fullmatch(q) for q in items)
    assert "wikidata" not in dict(g.get("Islamic State").ids)  # not in the file: no guessed link
    assert gz.entry_label(g.get("Middle East")) == "LOC" and gz.entry_label(g.get("Texas")) == "GPE"


def _copy(tmp_path):
    for f in (gz.ontology_dir() / "gazetteer").iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    return tmp_path / gz.WIKIDATA


HEAD = "# source: test\n# version: 1\n# date: 2026-01-01\nname\twikidata\n"


@pytest.mark.parametrize("body,words", [
    ("Russia\tQ159\nRussland\tQ1\n", ["wikidata.tsv:6", "'Russland' is not a gazetteer entry"]),
    ("russia\tQ159\n", ["wikidata.tsv:5", "did you mean 'Russia'"]),
    ("Russia\t159\n", ["wikidata.tsv:5", "not a Wikidata item", "Q and digits"]),
    ("Russia\tQ159\nRussia\tQ159\n", ["wikidata.tsv:6", "listed twice (first on line 5)"]),
    ("Russia\tQ159\nMoscow\tQ159\n", ["wikidata.tsv:6", "Q159", "line 5", "one item is one thing"]),
    ("Russia Q159\n", ["wikidata.tsv:5", "2 tab-separated fields"]),
])
def test_bad_wikidata_file_names_the_line_and_what_is_allowed(tmp_path, body, words):
    from kg.errors import OntologyError

    _copy(tmp_path).write_text(HEAD + body, encoding="utf-8")
    with pytest.raises(OntologyError) as err:
        gz.build(tmp_path)
    for w in words:
        assert w in str(err.value)


@pytest.mark.parametrize("text,words", [
    ("name\twikidata\nRussia\tQ159\n", ["lacks # source:, # version:, # date:"]),
    ("# source: x\n# version: 1\n# date: d\nname\tqid\n", ["wikidata.tsv:4", "column line"]),
])
def test_wikidata_file_header_is_checked(tmp_path, text, words):
    from kg.errors import OntologyError

    _copy(tmp_path).write_text(text, encoding="utf-8")
    with pytest.raises(OntologyError) as err:
        gz.build(tmp_path)
    for w in words:
        assert w in str(err.value)


def test_every_entry_name_resolves_to_itself(g):
    for entry in g.entries():
        assert isinstance(entry, Entry)
        assert g.lookup(entry.name) is entry or g.conflicts, entry


@pytest.mark.parametrize("text,name", [
    ("Russian Foreign Ministry", "Ministry of Foreign Affairs of Russia"),
    ("Ministry of Foreign Affairs of Russia", "Ministry of Foreign Affairs of Russia"),
    ("Russia's Defence Ministry", "Ministry of Defence of Russia"),
    ("Russian Defense Ministry", "Ministry of Defence of Russia"),
    ("the Russian Supreme Court", "Supreme Court of Russia"),
    ("Russian Security Council", "Security Council of Russia"),
    ("Russian authorities", "Russia"), ("the Russian side", "Russia"), ("Afghan government", "Afghanistan"),
    ("Kremlin", "Kremlin"), ("Pentagon", "United States Department of Defense"),
])
def test_state_bodies(g, text, name):
    entry = g.lookup(text)
    assert entry is not None and entry.name == name
    if entry.cls == "GovernmentBody":
        assert entry.country in {"Russia", "United States"}


def test_generated_file_matches_the_packages():
    """generated.jsonl is what `python -m kg.gazetteer --rebuild` makes from the installed packages."""
    path = gz.ontology_dir() / "gazetteer" / gz.GENERATED
    assert path.read_text(encoding="utf-8") == gz.render_records(gz.package_records())


def test_rebuild_writes_atomically(tmp_path):
    target = gz.rebuild(tmp_path)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("//") and json.loads(lines[1])["kind"] == "country"
    assert not [p for p in tmp_path.iterdir() if p.name != gz.GENERATED]


def test_bad_data_is_reported_with_the_file(tmp_path):
    from kg.errors import OntologyError

    folder = gz.ontology_dir() / "gazetteer"
    for f in folder.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    (tmp_path / "organizations.yaml").write_text("armed_groups:\n- {nam: Typo}\n", encoding="utf-8")
    with pytest.raises(OntologyError, match="organizations.yaml"):
        gz.build(tmp_path)


def test_a_seat_of_government_stands_for_its_state_and_must_be_a_city(g, tmp_path):
    from kg.errors import OntologyError

    assert g.capital_of("Tel Aviv").name == "Israel" and g.lookup("Tel Aviv").cls == "City"
    assert g.capital_of("Haifa") is None
    folder = gz.ontology_dir() / "gazetteer"
    for f in folder.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    countries = tmp_path / "countries.yaml"
    countries.write_text(countries.read_text(encoding="utf-8").replace("seats: [Tel Aviv]", "seats: [Atlantis]"),
                         encoding="utf-8")
    with pytest.raises(OntologyError, match=r"countries.yaml: IL: seats 'Atlantis' are not cities"):
        gz.build(tmp_path)


def test_ruler_patterns(g):
    patterns = g.ruler_patterns()
    by_text = {}
    for p in patterns:
        by_text.setdefault(p["pattern"], set()).add((p["label"], p["id"]))
    assert ("ORG", "Shanghai Cooperation Organization") in by_text["SCO"]
    assert ("ORG", "Islamic State") in by_text["Islamic State"]
    assert ("NORP", "Russia") in by_text["Russian"]
    assert ("GPE", "Russia") in by_text["Russia"]
    assert "IS" not in by_text and "us" not in by_text  # lookup-only and never lower-case acronyms
    assert "Male" not in by_text and "Victoria" not in by_text


# ---------------------------------------------------------------- spaCy


@pytest.fixture(scope="module")
def nlp():
    from kg.nlp import load_model

    model = load_model()
    import copy

    model = copy.deepcopy(model)  # the cached bare model stays bare for other tests
    add_to_pipeline(model)
    add_to_pipeline(model)  # idempotent
    return model


def ents(doc):
    return {(e.text, e.label_, e.ent_id_) for e in doc.ents}


def test_pipeline_has_the_ruler_once(nlp):
    assert nlp.pipe_names.count("kg_gazetteer") == 1
    assert nlp.pipe_names.index("kg_gazetteer") == nlp.pipe_names.index("ner") + 1


def test_ruler_recognises_what_the_small_model_misses(nlp):
    doc = nlp("Officials told **TASS** that the Shanghai Cooperation Organization and the SCO secretariat "
              "discussed the Islamic State with Kabul.")
    found = ents(doc)
    assert ("TASS", "ORG", "TASS") in found
    assert ("Shanghai Cooperation Organization", "ORG", "Shanghai Cooperation Organization") in found
    assert ("SCO", "ORG", "Shanghai Cooperation Organization") in found
    assert ("Islamic State", "ORG", "Islamic State") in found
    assert ("Kabul", "GPE", "Kabul") in found


def test_ruler_keeps_person_names(nlp):
    from kg.nlp import load_model

    text = ("Chad Smith met Jordan Peterson and Sergei Shoigu in Moscow, while Georgia Meloni and "
            "Israel Kamakawiwoole flew to Jordan.")
    bare = {e.text for e in load_model()(text).ents if e.label_ == "PERSON"}
    with_ruler = {e.text for e in nlp(text).ents if e.label_ == "PERSON"}
    assert bare and bare <= with_ruler
    assert ("Moscow", "GPE", "Moscow") in ents(nlp(text))


def test_ruler_gives_ids_to_model_entities_and_merges_state_bodies(nlp):
    doc = nlp("A delegation visited the Russian Foreign Ministry. Russian troops left.")
    found = ents(doc)
    assert any(i == "Ministry of Foreign Affairs of Russia" for _, label, i in found if label == "ORG")
    assert ("Russian", "NORP", "Russia") in found


OFFICE_HEAD = "# source: test\n# version: 1\n# date: 2026-01-01\nname\tcountry\toffice\ttitle\tstart\tend\taliases\n"


def _offices(tmp_path, body: str):
    _copy(tmp_path)
    (tmp_path / "officeholders.tsv").write_text(OFFICE_HEAD + body, encoding="utf-8")
    return gz.build(tmp_path)


def test_officeholders_resolve_names_aliases_and_country_spellings(tmp_path):
    g = _offices(tmp_path, "Recep Tayyip Erdoğan\tTürkiye\thead_of_state\tPresident\t2014-08\t\tErdogan\n")
    (held,) = g.holders("Recep Tayyip Erdogan")  # accents do not count
    assert (held.country, held.office, held.start, held.end) == ("Turkey", "head_of_state", "2014-08", "")
    assert g.holders("erdogan") == (held,) and g.holders("Tayyip") == ()


def test_the_packaged_officeholders_load_and_their_tenures_end_where_they_end():
    import datetime as dt

    g = load_gazetteer()
    japan = [h for h in g.holders("Fumio Kishida") if h.country == "Japan" and h.office == "head_of_government"]
    assert japan and japan[0].held_on(dt.date(2023, 5, 7)) and not japan[0].held_on(dt.date(2025, 3, 1))


@pytest.mark.parametrize("body,words", [
    ("A B\tAtlantis\thead_of_state\tPresident\t2020\t\t\n", ["officeholders.tsv:5", "'Atlantis' is not a gazetteer country"]),
    ("A B\tRussia\tmayor\tMayor\t2020\t\t\n", ["officeholders.tsv:5", "office 'mayor'", "head_of_state, head_of_government"]),
    ("A B\tRussia\thead_of_state\tPresident\t2020-13\t\t\n", ["officeholders.tsv:5", "start '2020-13'", "YYYY or YYYY-MM"]),
    ("A B\tRussia\thead_of_state\tPresident\t2020\t2019\t\n", ["officeholders.tsv:5", "ends (2019) before it starts (2020)"]),
    ("A B\tRussia\thead_of_state\n", ["officeholders.tsv:5", "7 tab-separated fields"]),
])
def test_bad_officeholders_name_the_line_and_what_is_allowed(tmp_path, body, words):
    from kg.errors import OntologyError

    with pytest.raises(OntologyError) as err:
        _offices(tmp_path, body)
    for w in words:
        assert w in str(err.value)


def test_a_countries_key_yaml_reads_as_a_boolean_is_an_error_not_a_lost_country(tmp_path):
    from kg.errors import OntologyError

    _copy(tmp_path)
    path = tmp_path / "countries.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("'NO':", "NO:"), encoding="utf-8")
    with pytest.raises(OntologyError) as err:
        gz.build(tmp_path)
    assert "countries.yaml" in str(err.value) and "False" in str(err.value) and "'NO'" in str(err.value)
