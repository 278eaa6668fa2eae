"""French text for search and sorting: accent folding, stop words, Snowball stemming.

SQLite has no French stemmer: the offer documents and the queries both go through
`search_tokens()`, so that "pommes" finds "Pomme" and "epicerie" finds "Épicerie".
PostgreSQL does the same work itself with the `pmvt_french` configuration (unaccent +
french_stem); the stop words below follow its list, so that both engines agree.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"[a-z0-9]+")
LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "’": "'"})

# PostgreSQL's French stop words (snowball list), folded.
_STOP_WORDS_TEXT = """
    au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me
    meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te
    tes toi ton tu un une vos votre vous c d j l a m n s t y ete etee etees etes etant etante
    etants etantes suis es est sommes etes sont serai seras sera serons serez seront serais
    serait serions seriez seraient etais etait etions etiez etaient fus fut fumes futes furent
    sois soit soyons soyez soient fusse fusses fut fussions fussiez fussent ayant ayante
    ayantes ayants eu eue eues eus ai as avons avez ont aurai auras aura aurons aurez auront
    aurais aurait aurions auriez auraient avais avait avions aviez avaient eut eumes eutes
    eurent aie aies ait ayons ayez aient eusse eusses eussions eussiez eussent
"""
FRENCH_STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

_stemmer = snowballstemmer.stemmer("french")


def fold(text: str) -> str:
    """Lower case without accents or ligatures: "Œufs d'Épicerie" → "oeufs d'epicerie"."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _stemmer.stemWord(word)


def search_tokens(text: str) -> list[str]:
    """Folded, stemmed words of a text, without stop words (for the SQLite index and queries)."""
    return [_stem(w) for w in WORD.findall(fold(text)) if w not in FRENCH_STOP_WORDS]


def search_text(text: str) -> str:
    return " ".join(search_tokens(text))


def fts5_match(query: str) -> str:
    """An FTS5 MATCH expression requiring every word of the query ('' when none is left)."""
    # Tokens are [a-z0-9]+ only: quoting them is enough to neutralise FTS5 syntax.
    return " ".join(f'"{token}"' for token in dict.fromkeys(search_tokens(query)))


def sort_key(name: str) -> str:
    """The folded name, so that "Épicerie" sorts between "Eau" and "Figue" on every database."""
    return " ".join(fold(name).split())[:200]
