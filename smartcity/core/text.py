"""Thai-aware text search.

Thai is written without spaces between words, so a search that matches raw substrings
either misses ("ภูเก็ตอัจฉริยะ" typed as one run) or needs the whole phrase. We segment
every searchable field into words with PyThaiNLP once, when the row is written, and store
the words in a search document; a query is segmented the same way and every query word
must begin a word of the document. This works identically on SQLite and PostgreSQL and
is indexable by a plain LIKE on a prefix-anchored token.
"""

import functools
import gc
import unicodedata

from django.db.models import Q

# Punctuation separates words; turned into spaces before segmentation.
_SEPARATORS = str.maketrans({ch: " " for ch in "\t\r\n.,;:!?()[]{}\"'`/\\|-–—_+*&^%$#@~<>="})


@functools.lru_cache(maxsize=1)
def _tokenizer():
    from pythainlp.tokenize import word_tokenize

    word_tokenize("เมืองอัจฉริยะ", engine="newmm")  # load the dictionary now
    # The dictionary is half a million long-lived objects: move them out of the garbage
    # collector's sight so that every later collection does not walk them again.
    gc.freeze()
    return word_tokenize


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").casefold()


def segment(text: str) -> list[str]:
    """Split text into lower-case words, Thai runs segmented by PyThaiNLP (newmm)."""
    text = normalise(text).translate(_SEPARATORS)
    if not text.strip():
        return []
    tokens = _tokenizer()(text, engine="newmm", keep_whitespace=False)
    return [token.strip() for token in tokens if token.strip()]


def search_document(*texts: str) -> str:
    """Build the stored search document: distinct words, each framed by spaces."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in segment(text):
            seen.setdefault(word, None)
    return " " + " ".join(seen) + " " if seen else ""


def search_filter(query: str, field: str = "search_document") -> Q | None:
    """A filter that keeps rows whose document has a word starting with each query word.

    Returns None for an empty query (no filtering)."""
    words = segment(query)
    if not words:
        return None
    condition = Q()
    for word in dict.fromkeys(words):
        condition &= Q(**{f"{field}__contains": f" {word}"})
    return condition
