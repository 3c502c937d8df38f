#!/usr/bin/env python3
"""The expected stems of Lantern's Snowball stemmers, from Snowball's own implementation (PyPI `snowballstemmer`).

Writes Tests/LanternCoreTests/Resources/stemming/<language>.tsv ("word<TAB>stem" lines), which the Swift tests
(`SnowballStemmerTests`) compare Lantern's stemmers against word for word, without Python at run time.

The words of each language: every word of the demo knowledge base and of the relevance set (any string is a fair
input to any stemmer), the language's own vocabulary (`vocabulary-<language>.txt`, written for this check), each of
those without its diacritics (what the search index actually stems: `SearchText.fold`), and each vocabulary word
with its last letters replaced by suffixes the algorithm handles, so that every rule is met in words of every shape.

Usage: scripts/generate-stemming-fixtures.py            (re)write the fixtures
       scripts/generate-stemming-fixtures.py --check    exit 1 if the committed fixtures differ from Snowball's output
       scripts/generate-stemming-fixtures.py --postgres URL
                                                 also count the words on which PostgreSQL's own Snowball
                                                 dictionaries (`ts_lexize('<language>_stem', word)`) disagree
"""
import argparse
import importlib.metadata
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

try:
    import snowballstemmer
except ImportError:
    sys.exit("snowballstemmer is missing: pip install snowballstemmer")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Tests/LanternCoreTests/Resources/stemming"
LANGUAGES = {"en": "english", "fr": "french", "de": "german", "es": "spanish"}
# The Snowball release the fixtures (and Lantern's stemmers) follow; scripts/test.sh installs it when missing.
SNOWBALL_VERSION = "3.1.1"

# Suffixes named by each algorithm's description (snowballstem.org), appended to vocabulary words.
SUFFIXES = {
    "en": "s es ies ied ed eed eedly edly ing ingly ly ness ful fulness fully lessly ously ousness iveness iviti "
          "biliti bli ogist ogi li tional ational ation ator alism aliti alli enci anci abli entli izer ization alize "
          "icate iciti ical ative al ance ence er ic able ible ant ement ment ent ism ate iti ous ive ize ion sion "
          "tion e l ll y ys".split(),
    "fr": "ance iqUe isme able iste eux ances iques ismes ables istes atrice ateur ation atrices ateurs ations "
          "logie logies usion ution usions utions ence ences ement ements ité ités if ive ifs ives eaux aux euse "
          "euses issement issements amment emment ment ments îmes ît îtes i ie ies ir ira irai iraient irais irait "
          "iras irent irez iriez irions irons iront is issaient issais issait issant issante issantes issants isse "
          "issent isses issez issiez issions issons it ions é ée ées és èrent er era erai eraient erais erait eras "
          "erez eriez erions erons eront ez iez âmes ât âtes a ai aient ais ait ant ante antes ants as asse assent "
          "asses assiez assions s ion ier ière e enne onne ette elle eille ès".split(),
    "de": "em ern er e en es s est st end ung ig ik isch lich heit keit ende enden ungen igkeit lichkeit "
          "heiten keiten ischen iger nisse nissen ers ens".split(),
    "es": "me se sela selo selas selos la le lo las les los nos iéndo ándo ár ér ír ando iendo ar er ir yendo "
          "anza anzas ico ica icos icas ismo ismos able ables ible ibles ista istas oso osa osos osas amiento "
          "amientos imiento imientos adora ador ación adoras adores aciones ante antes ancia ancias logía logías "
          "ución uciones encia encias amente mente idad idades iva ivo ivas ivos ya ye yan yen yeron yo yó yas yes "
          "yais yamos en es éis emos arían arías arán arás aríais aría aréis aríamos aremos ará aré erían ería "
          "iría iremos aba ada ida ía ara iera ad ed id ase iese aste iste an aban ían aran ieran asen iesen aron "
          "ieron ado ido ió as abas adas idas ías aras ieras ases ieses ís áis abais íais arais ierais aseis "
          "ieseis asteis isteis ados idos amos ábamos íamos imos áramos iéramos iésemos ásemos os a o á í ó e é "
          "gue guen".split(),
}
SUFFIXES_PER_WORD = 8


def fold(word):
    """Diacritics removed, as `SearchText.fold` does."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


def words_of(text):
    return {w.lower() for w in re.findall(r"[^\W\d_]+", text)}


def vocabulary(language):
    text = (FIXTURES / f"vocabulary-{language}.txt").read_text(encoding="utf-8")
    return sorted(words_of("\n".join(line for line in text.splitlines() if not line.startswith("#"))))


def shared_words():
    words = words_of((ROOT / "Sources/LanternServer/Demo/DemoKnowledgeBase.swift").read_text(encoding="utf-8"))
    relevance = json.loads((ROOT / "Tests/LanternServerTests/Resources/relevance.json").read_text(encoding="utf-8"))
    for article in relevance["articles"]:
        words |= words_of(article["title"] + " " + article["body"])
    return words


def test_words(language, shared):
    own = vocabulary(language)
    words = set(shared) | set(own)
    suffixes = SUFFIXES[language]
    for index, word in enumerate(own):
        for k in range(SUFFIXES_PER_WORD):
            suffix = suffixes[(index * SUFFIXES_PER_WORD + k) % len(suffixes)].lower()
            base = word[: len(word) - (index + k) % 3] if len(word) > 4 else word
            words.add(base + suffix)
    words |= {fold(w) for w in words}
    return sorted(w for w in words if w.isalpha() and len(w) <= 40)


def expected(language, shared):
    stemmer = snowballstemmer.stemmer(LANGUAGES[language])
    return [(word, stemmer.stemWord(word)) for word in test_words(language, shared)]


def render(pairs):
    return "".join(f"{word}\t{stem}\n" for word, stem in pairs)


def postgres_disagreements(url, language, pairs):
    """Words (diacritics removed, as Lantern indexes them) that PostgreSQL's dictionary stems otherwise."""
    folded = [(w, s) for w, s in pairs if w == fold(w)]
    values = ",".join("('" + w.replace("'", "''") + "')" for w, _ in folded)
    sql = f"SELECT w, coalesce(array_to_string(ts_lexize('{LANGUAGES[language]}_stem', w), ','), '') FROM (VALUES {values}) v(w)"
    output = subprocess.run(["psql", "--no-psqlrc", "-At", "-F", "\t", url], input=sql + ";\n", check=True,
                            capture_output=True, text=True).stdout
    lexemes = dict(line.split("\t", 1) for line in output.splitlines())
    # An empty result is a stop word: PostgreSQL leaves it out of the vector, there is nothing to compare.
    differ = [(w, s, lexemes[w]) for w, s in folded if lexemes.get(w) and lexemes[w] != s]
    return len(folded), differ


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--postgres")
    args = parser.parse_args()
    installed = importlib.metadata.version("snowballstemmer")
    if installed != SNOWBALL_VERSION:
        sys.exit(f"snowballstemmer {installed} is installed; the fixtures follow {SNOWBALL_VERSION}: "
                 f"pip install snowballstemmer=={SNOWBALL_VERSION}")
    shared = shared_words()
    stale = []
    for language in LANGUAGES:
        pairs = expected(language, shared)
        path = FIXTURES / f"{language}.tsv"
        text = render(pairs)
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"{path.relative_to(ROOT)}: {len(pairs)} words (snowballstemmer {installed})")
        if args.postgres:
            count, differ = postgres_disagreements(args.postgres, language, pairs)
            print(f"{language}: PostgreSQL's {LANGUAGES[language]}_stem differs on {len(differ)} of {count} folded words"
                  + (": " + ", ".join(f"{w} → {s} / {p}" for w, s, p in differ[:12]) if differ else ""))
    if stale:
        sys.exit("stemming fixtures differ from snowballstemmer's output (run scripts/generate-stemming-fixtures.py): "
                 + ", ".join(stale))


if __name__ == "__main__":
    main()
