"""Hypothesis strategies for corpora on the reference's restricted alphabet.

Words of the letters a to e, sentences that start with a capital and end in
". ", documents of a few sentences: text on which UAX #29 and the plain
reference tokenizer in reference.py agree by construction, and small enough
vocabularies that n-grams repeat and ties happen.
"""

from hypothesis import strategies as st

WORD = st.text(alphabet="abcde", min_size=1, max_size=3)
SENTENCE = st.lists(WORD, min_size=1, max_size=6).map(
    lambda ws: " ".join([ws[0].capitalize(), *ws[1:]]) + "."
)
DOCUMENT = st.lists(SENTENCE, min_size=0, max_size=4).map(" ".join)


@st.composite
def corpora(draw, min_size=1, max_size=8, groups="XY"):
    """(texts, sources): a list of documents and each one's group."""
    texts = draw(st.lists(DOCUMENT, min_size=min_size, max_size=max_size))
    sources = draw(st.lists(st.sampled_from(groups), min_size=len(texts), max_size=len(texts)))
    return texts, sources
