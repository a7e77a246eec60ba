"""Parsed sentences for unit tests of the extraction rules without loading the spaCy model.

Each text below was written for the tests. ``python tests/parsed.py`` parses them once with kg's
pipeline and writes ``tests/data/parsed.spacy`` (a DocBin: tokens, tags, lemmas, parse, entities)
and ``tests/data/parsed.json`` (their published dates and temporal expressions). ``load(name)``
reads a document back into a blank vocabulary: no model needed.
"""
from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
PUBLISHED = "2025-03-10"  # a Monday

TEXTS = {
    "recognition": "Russia recognized the Taliban government on Thursday.",
    "negated": "Moldova has not recognized Kosovo.",
    "planned": "Vietnam will sign a trade deal with Japan on Friday.",
    "coordination": "Germany, France and Italy signed the agreement in Rome.",
    "counterpart": "Chilean President Gabriel Boric met his Argentine counterpart Javier Milei in Santiago.",
    "served": "Sergei Shoigu served as Russia's defence minister from 2012 to 2024.",
    "designation": "Kazakhstan designated the Taliban a terrorist organisation in 2005. "
                   "It revoked this designation in December.",
    "governments": "The Taliban came to power in Afghanistan in 2021. Pakistan criticized Kabul on Friday.",
    "places": "Leaders of the SCO met at the SCO summit in Samarkand. Samarkand, Uzbekistan, hosted them.",
    "leader": "Keir Starmer, the leader of the Labour Party, visited Poland.",
    "between": "The partnership between Egypt and Greece was announced.",
    "reported": "Kenya supports Somalia, the Kenyan foreign minister said.",
    "event": "On Thursday, Sergei Lavrov met Wang Yi. During their meeting, Lavrov said that Russia "
             "recognises the Taliban.",
    "perfect": "On Thursday, Sergei Lavrov met Wang Yi. During their meeting, Lavrov said Russia has "
               "recognised the Taliban.",
    "new event": "On Thursday, Sergei Lavrov met Wang Yi. Russia recognised the Taliban.",
    "call on": "Dmitry Zhirnov called on Foreign Minister Amir Muttaqi. "
               "China called on the United States to lift its sanctions.",
    "possessive": "Pakistan's Defense Minister Khawaja Asif met Foreign Minister Olivier Nduhungirehe of Rwanda "
                  "in Islamabad.",
    "merges": "Mr Trump met Luiz Inacio Lula da Silva. Lula thanked Trump. The Committee for the Transition "
              "and Restoration of Institutions (CTRI) named a new cabinet; the CTRI leads Gabon.",
    "capitals": "Sergio Gor arrived in Tashkent on Monday. Moscow criticized Kyiv.",
    "comprise": "The bloc comprises Kenya, Uganda and Tanzania. The East African Community comprises Kenya.",
    "business": "General Motors chief executive Mary Barra met the Chief Executive Officer of Baowu Steel Group.",
    "aliases": "Andrés Manuel López Obrador met Nepalese Prime Minister Pushpa Kamal Dahal aka 'Prachanda'. "
               "López Obrador and Prachanda spoke of Scarborough Shoal (Bajo de Masinloc). Microsoft Corp. "
               "and Microsoft were named.",
    "appointed": "Luiz Inacio Lula da Silva was sworn in as Brazil's president. Claudia Sheinbaum named "
                 "Luz Elena Gonzalez as Mexico's energy minister. Bola Tinubu is the current chairperson of ECOWAS.",
    "dateline": "Tajikistan and Kyrgyzstan signed a treaty in Khujand. Both sides will meet again.",
    "hosted list": "President Amara Kone hosted President of Ghana John Mensah, the President of Togo Kofi Adjei, "
                   "Emir of Qatar, Sheikh Tamim bin Hamad and President of Senegal Macky Diallo.",
    "plural title": "The presidents of Chile, Peru and Bolivia signed a water treaty in Lima.",
    "invited presidents": "Donald Trump extended invitations to the presidents of Kazakhstan, Kyrgyzstan, "
                          "Tajikistan and Uzbekistan.",
    "company title": "Speaking in Conakry, Zentara Mining chief executive Paul Okafor praised Guinea.",
    "congratulated": "Lyon Mayor Claire Dubois congratulated her opponent Marc Petit on his victory.",
    "summit of": "The 38th summit of the Assembly of Heads of State of the African Union opened in Addis Ababa. "
                 "Kenyan President William Ruto and Nigerian President Bola Tinubu attend the summit.",
    "evening": "Prime Minister Lena Holm welcomed King Harald at Oslo airport on Wednesday evening.",
    "told next": "Chile and Peru have signed a fisheries agreement. The deal signed on Friday opens the ports. "
                 "Chile has recognised Kosovo. The agreement signed on Friday sets quotas.",
    "fighting": "Armenia and Azerbaijan have exchanged strikes for weeks. On Monday, Azerbaijan killed the rebel "
                "commander Artak Vardanyan. Nepal blamed the war on India.",
    "caretaker": "Peru's caretaker Prime Minister Ana Rojas met the government of Bolivia.",
    "received list": "Kenya received Ugandan Foreign Minister, Sam Okello, and Tanzanian Foreign Minister, "
                     "Asha Mwinyi, for talks in Nairobi.",
    "cabinet": "Chilean President-elect Rosa Vidal named her cabinet in Santiago, including Michelle Bachelet Soto as "
               "Energy Minister. Chile's parliament welcomed the choice. Chile expects new laws, and Defense "
               "Minister Ana Perez will visit Chile's north. Chile is calm.",
    "two leaders": "Prime Minister Lena Holm met President Jonas Berg in Oslo. Foreign Minister Ole Dahl met "
                   "Jonas Berg too. Lena Holm met Jonas Berg again. The two leaders held talks, with Finance "
                   "Minister Eva Lind.",
    "disappointment": "Foreign Minister Aiko Sato expressed deep disappointment over President Joe Biden's "
                      "decision. Mexico has been pushing Canada to invite Cuba.",
    "acronym title": "On Thursday (May 1), the Ambassador of France, Paul Martin, met Sudan Liberation Movement "
                     "(SLM) leader Abdel Wahid al-Nur.",
    "other event": "On Monday, Chilean President Rosa Vidal met Peruvian President Luis Arce in Lima. During "
                   "Bolivia's visit to Chile, Chile praised Peru. Chile and Peru have signed a fisheries deal. "
                   "The visit of Argentina on Friday was short.",
    "seat of government": "Tel Aviv condemned Hezbollah on Sunday. Chile's foreign minister Ana Ruiz held talks "
                          "in Tel Aviv on Monday.",
    "capital as place": "Chile's ambassador to Moscow spoke. Vladimir Putin met Xi Jinping in Moscow on Friday. "
                        "Moscow condemned Chile.",
    "name forms": "Talks led by PM Singh and Sheikh Hasina were held in Dhaka. Prime Minister Ravi Singh spoke. "
                  "\u201cI thank Singh ji for his leadership,\u201d Hasina said. South Korea and Chile traded. "
                  "The Korea-Chile agreement grew.",
    "slips": "Peruvian Foreign Ministry Spokesperson, Ana Mroales said Peru welcomes the deal. Ana Morales "
             "said Peru thanks Chile. Chile received Saudi Arabian Foreign Minister, Prince Faisal bin Farhan "
             "Al Saud, for talks in Santiago.",
    "lost conjunct": "Kenyan President Ruto Kip-chumba and Ugandan President Yoweri Museveni held a summit at the "
                     "state house in Nairobi on Sunday.",
    "officeholders": "Prime Minister Anthony Albanese and counterpart James Marape signed a pact. President "
                     "Bola Tinubu was in Accra, Ghana on Monday. Ghana hosted him.",
    "places beside": "Iranian and United States delegations held talks in Oman's capital, Muscat. The Abu "
                     "Dhabi-based company G42 grew, and Israel and Lebanon-based militant group Hezbollah agreed.",
    "attendee list": "Turkish President Recep Tayyip Erdogan, Iranian President Ebrahim Raisi and Indian Prime "
                     "Minister Narendra Modi will also attend the SCO summit.",
    "role words": "UAE National Security Adviser Sheikh Hamdan Saeed met Oman's National Security Advisor, "
                  "Khalid Nasser, in Muscat.",
    "split title": "The border treaty was signed on Friday by President of Tajikistan Emomali Rahmon and President "
                   "of Kyrgyzstan Sadyr Japarov following talks.",
    "along with": "Prime Minister Lena Holm will visit Peru this week, along with Chile. Kenya, along with "
                  "Uganda, condemned Sudan.",
    "was in": "President Amara Kone was in Lima on Monday to attend the summit. President Amara Kone was in "
              "Santiago on Tuesday.",
    "cut counterpart": "Tajikistan's President Emomali Rahmon and his Kyrgyz counterpart Sadyr Japarov will sign a "
                       "water agreement on Friday.",
    "dateline run in": "Mr Arce will visit the port. PHOTO: REUTERS\nLIMA - Peru\u2019s President Luis Arce will "
                       "meet Chilean leaders on Friday.",
    "honorific counterpart": "The deals were signed in the presence of Prime Minister Narendra Modi and his "
                             "Bangladeshi counterpart Sheikh Hasina in Delhi.",
    "expected to": "On Friday, Anna Berg is expected to meet Olaf Lind. On Tuesday, Maria Costa agreed to meet "
                   "Jonas Weber.",
    "goes on": "President Lena Vogt was welcomed at the palace on Tuesday by King Harald. Vogt and her husband were "
               "greeted at the airport by Anders Holm and Sofia Lund, before meeting Prime Minister Jonas Store.",
    "plan after": "President Lena Vogt was welcomed at the palace on Tuesday by King Harald. Vogt will meet "
                  "Prime Minister Jonas Store.",
    "split date": "The water treaty was signed by President of Tajikistan Emomali Rahmon and President of "
                  "Kyrgyzstan Sadyr Japarov following talks in Dushanbe on 4 June 2024.",
    "part of a state": "Kenyan troops will take control of Somalia's southern border areas. Drones struck the "
                       "suburbs of capital Mogadishu on Friday. Critics condemned Tel Aviv\u2019s campaign in Gaza.",
    "envoy for places": "U.S. Special Envoy for South and Central Asia Sergio Gor and Deputy Secretary of State Tom "
                        "Reed arrived in Tashkent on Monday.",
    "region run in": "U.S. Special Envoy for South and Central Asia Mark Doyle and Deputy Secretary of State Tom "
                     "Reed arrived in Tashkent on Monday. Dutch Ambassador to the Philippines MaryAnn Visser "
                     "condemned the plan.",
    "parties": "Peter Holt of the Green Future party will serve as deputy mayor. Jon Perez, the candidate from the "
               "opposition Union and Progress party, won the vote with the backing of an Islamist party. The Liberal "
               "Party leader is leading a coalition with the Green Future party and the Union and Progress party. "
               "Later, Union and Progress left the talks.",
    "named events": "Peruvian President Ana Ruiz will attend the Summit of the Andes in Lima. The Coral Sea Forum "
                    "Leaders Meeting is being held this year in Fiji. Ruiz and Tomas Vidal held a meeting in Suva.",
    "posting": "Swedish Ambassador to the Philippines Karin Berg condemned the plan.",
    "recap": "On Monday, Anna Berg met Olaf Lind in Oslo. The economy grew. Prices rose. Exports fell. Wages rose. "
             "Rents rose. Following the talks, Norway and Sweden signed a trade agreement.",
    "her trip": "On Monday, Anna Berg arrived in Oslo. Her first trip to Norway came after a visit by Olaf Lind. "
                "She will then meet Prime Minister Jonas Store.",
    "then": "Finnish President Lena Vogt will meet Danish leaders on Friday during a state visit to Copenhagen. "
            "Her trip follows a visit by Olaf Lind in May. She will then meet Prime Minister Mette Frederiksen. "
            "She will also meet Lars Holm, a business leader.",
    "her visit": "Peruvian President Ana Ruiz, Lena Vogt and Olaf Lind attended a ceremony on Monday for Ruiz's "
                 "state visit to Norway.",
    "over attached": "Swedish Foreign Minister Anna Berg expressed deep disappointment to a senior Danish official "
                     "over Danish Prime Minister Olaf Lind's decision to close the port. Berg asked Lind to reverse "
                     "the decision.",
    "cut title": "The gas deal was signed by Kazakh President Kassym-Jomart Tokayev and Kyrgyz President Sadyr "
                 "Japarov in Astana on 12 May 2024.",
}
DATELINES = {"dateline": "DUSHANBE, March 31 (Xinhua)"}


def write() -> None:
    """Parse TEXTS with the pipeline and write the fixtures."""
    from spacy.tokens import DocBin

    from kg.model import to_dict
    from kg.nlp import load_pipeline
    from kg.temporal import anchor_date

    nlp = load_pipeline()
    bin_, meta = DocBin(store_user_data=False), {}
    for name, text in TEXTS.items():
        doc = nlp.make_doc(text)
        doc._.kg_anchor = anchor_date(dt.date.fromisoformat(PUBLISHED), DATELINES.get(name))
        doc = nlp(doc)
        bin_.add(doc)
        meta[name] = {"text": text, "published": PUBLISHED, "dateline": DATELINES.get(name),
                      "timexes": [to_dict(t) for t in doc._.timexes]}
    DATA.mkdir(exist_ok=True)
    bin_.to_disk(DATA / "parsed.spacy")
    (DATA / "parsed.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")


@cache
def _docs() -> dict:
    import spacy
    from spacy.tokens import DocBin

    vocab = spacy.blank("en").vocab  # English lexical attributes (lower, is_title), no model
    docs = DocBin().from_disk(DATA / "parsed.spacy").get_docs(vocab)
    meta = json.loads((DATA / "parsed.json").read_text(encoding="utf-8"))
    return {name: doc for name, doc in zip(meta, docs)}


def load(name: str):
    """(doc, Document, timexes) of one fixture text, without the model."""
    from kg.model import Document, Timex

    meta = json.loads((DATA / "parsed.json").read_text(encoding="utf-8"))[name]
    doc = _docs()[name]
    assert doc.text == meta["text"], f"tests/data/parsed.spacy is stale: run python tests/parsed.py ({name})"
    document = Document(id=name, text=meta["text"], published=dt.date.fromisoformat(meta["published"]),
                        dateline=meta.get("dateline"))
    return doc, document, [Timex(**t) for t in meta["timexes"]]


if __name__ == "__main__":
    write()
