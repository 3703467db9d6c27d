"""Every tokenizer rule, by example (the table in the README)."""

import pickle

import pytest

from corpuscle import Tokenizer

DEFAULT = Tokenizer()


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        # Case folding, NFKC, one apostrophe.
        ("Xi’s", ["xi"]),
        ("Xi's", ["xi"]),
        ("STRAẞE Straße", ["strasse", "strasse"]),
        ("Ｘｉ ﬁnal", ["xi", "final"]),
        ("Cafe\u0301 Café", ["café", "café"]),
        # Invisible characters (Default_Ignorable_Code_Point) removed: soft hyphen,
        # right-to-left mark, word joiner, zero-width non-joiner, a byte order mark.
        ("infor\u00admation", ["information"]),
        (
            "\u05e9\u05dc\u05d5\u05dd\u200f \u05e2\u05d5\u05dc\u05dd",
            ["\u05e9\u05dc\u05d5\u05dd", "\u05e2\u05d5\u05dc\u05dd"],
        ),
        ("Putin\u2060’s \ufeffvisit", ["putin", "visit"]),
        ("mi\u200cx", ["mix"]),
        # Emoji with joiners are symbols, dropped whole; Windows line ends and NUL separate.
        (
            "\U0001f469\u200d\U0001f469\u200d\U0001f467 family\r\nties\x00here",
            ["family", "ties", "here"],
        ),
        # Possessives stripped, contractions kept.
        ("Putin’s guests' plans", ["putin", "guests", "plans"]),
        ("It's what's next, don't", ["it's", "what's", "next", "don't"]),
        # Hyphenated compounds whole; dashes separate.
        (
            "Russia-China well-established Vnukovo-2 12-point",
            ["russia-china", "well-established", "vnukovo-2", "12-point"],
        ),
        ("peace—war – talks", ["peace", "war", "talks"]),
        # Abbreviations and numbers.
        ("the U.S. and the U.N.", ["the", "u.s.", "and", "the", "u.n."]),
        ("3.5 percent of 12,000 in 2023", ["3.5", "percent", "of", "12,000", "in", "2023"]),
        # URLs (as written), e-mails, handles, hashtags.
        ("Read https://Example.com/Path?a=1.", ["read", "https://Example.com/Path?a=1"]),
        ("(www.usip.org)", ["www.usip.org"]),
        ("Write to Press@Kremlin.ru.", ["write", "to", "press@kremlin.ru"]),
        ("@KyivPost: #StandWithUkraine!", ["@kyivpost", "#standwithukraine"]),
        # Punctuation, symbols and emoji dropped.
        ("“Yes,” he said… $5 & 10% 🙂", ["yes", "he", "said", "5", "10"]),
        ("''undermining\" ‘“Russia-China", ["undermining", "russia-china"]),
        ("", []),
    ],
)
def test_default_rules(text, tokens):
    assert DEFAULT.tokenize(text) == tokens


def test_options_change_one_rule_each():
    assert Tokenizer(strip_possessive=False).tokenize("Putin’s") == ["putin's"]
    assert Tokenizer(split_hyphens=True).tokenize("Russia-China 12-point") == [
        "russia",
        "china",
        "12",
        "point",
    ]
    assert Tokenizer(numbers="drop").tokenize("In 2023, 3.5 million") == ["in", "million"]
    assert Tokenizer(numbers="placeholder").tokenize("In 2023") == ["in", "<num>"]
    assert Tokenizer(lowercase=False).tokenize("Xi’s U.S.") == ["Xi", "U.S."]
    assert Tokenizer(urls=False, emails=False).tokenize("a www.x.org b@c.de") == ["a"]
    assert Tokenizer(handles=False, hashtags=False).tokenize("@a #b c") == ["c"]
    assert Tokenizer(stem="english").tokenize("Running talks generously") == [
        "run",
        "talk",
        "generous",
    ]
    assert Tokenizer(min_length=3).tokenize("Xi and Putin") == ["and", "putin"]


def test_stemmer_matches_nltk_snowball():
    nltk_stem = pytest.importorskip("nltk.stem.snowball")
    words = ["negotiations", "striking", "workers", "agreed", "generously", "relational", "happily"]
    ours = Tokenizer(stem="english").tokenize(" ".join(words))
    assert ours == [nltk_stem.SnowballStemmer("english").stem(w) for w in words]


def test_spans_are_character_offsets_into_the_original():
    text = "«Xi’s» visit to Moscow — café"
    spans = DEFAULT.tokenize_spans(text)
    assert [(t, text[s:e]) for t, s, e in spans] == [
        ("xi", "Xi’s"),
        ("visit", "visit"),
        ("to", "to"),
        ("moscow", "Moscow"),
        ("café", "café"),
    ]


def test_sentences_follow_uax29():
    assert DEFAULT.sentences("Xi met Putin. They talked! The U.S. officials said so.") == [
        ["xi", "met", "putin"],
        ["they", "talked"],
        ["the", "u.s.", "officials", "said", "so"],
    ]


def test_normalize_matches_tokens():
    assert Tokenizer().normalize("Putin’s") == "putin"
    assert Tokenizer(stem="english").normalize("Talks") == "talk"


def test_bad_options_and_text():
    with pytest.raises(ValueError, match="numbers must be"):
        Tokenizer(numbers="spell")
    with pytest.raises(ValueError, match="unknown stemmer language 'klingon'"):
        Tokenizer(stem="klingon")
    with pytest.raises(ValueError, match="min_length"):
        Tokenizer(min_length=-1)
    with pytest.raises(TypeError, match="text is bytes"):
        DEFAULT.tokenize(b"bytes")
    with pytest.raises(ValueError, match=r"lone surrogate U\+D800 at character offset 3"):
        DEFAULT.tokenize("abc\ud800")


def test_repr_equality_and_pickle():
    tokenizer = Tokenizer(stem="english", numbers="drop")
    assert repr(tokenizer) == "Tokenizer(numbers='drop', stem='english')"
    clone = pickle.loads(pickle.dumps(tokenizer))
    assert clone == tokenizer
    assert clone.tokenize("Running 2023") == ["run"]
    assert Tokenizer() != tokenizer
