"""A deterministic synthetic English news-like corpus, for benchmarks.

    python benchmarks/generate.py --size 100            # benchmarks/data/news-100mb.jsonl
    python benchmarks/generate.py --short 100000        # benchmarks/data/short-100000.jsonl

Each line is a JSON object ``{"id", "source", "date", "text"}``. The text is not
English, but it has English's shape where a tokenizer and a counter feel it:

- a Zipf-distributed vocabulary (exponent 1.05): 160 function words and 400 news
  words written for this file, then a long tail of pronounceable made-up words, so
  the number of types keeps growing with the corpus as in real text (Heaps' law);
- 8 outlets of unequal size (28% down to 3% of the documents), each with its own
  topic words boosted, so keyness has something to find;
- capitalised sentence starts, people's names (first mention in full, later by
  surname), quotations in straight and curly quotes with "said", em dashes and
  spaced hyphens, hyphenated compounds, possessives, numbers with thousands
  separators, decimals, percentages and years, and paragraphs separated by blank
  lines.

Document ``i`` depends only on the seed and ``i`` (its own random generator), so
the 10 MB corpus is the first part of the 100 MB one, and a run on any machine
writes the same bytes (the script prints their SHA-256).

``--short`` writes short documents (30 to 90 words) for near-duplicate detection,
of which 5% are copies of an earlier document with a few words changed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

DATA = Path(__file__).parent / "data"
SEED = 20261123

FUNCTION_WORDS = """
the of and to a in that is for on was with he it as at by his be from are this have
but not had they an has were which or their been its who will would one she her there
said more we all also after than when about into up out other some them could can
i if no only what over new two so first last then did year years most because those
these any our many just may us before under should how between against while where
such back through since even him well still very now during three being both each
might much without around until where much own while down off like way made make
people time day week month told says according per among several however another
""".split()

NEWS_WORDS = """
government minister president officials police court state country city police
report percent million billion public party election vote voters campaign policy
law security military war forces attack killed health hospital care company market
prices economy economic growth inflation bank rates interest trade deal talks
agreement leaders leader national international foreign border crisis support plan
budget tax spending energy oil gas climate change water power workers union strike
school students teachers children families women men community local council mayor region
officials spokesman statement announced reported told expected warned called
according decision investigation charges trial judge case evidence prison authorities
federal ministry department agency service services system program project funding
sources data study research scientists experts analysts industry business companies
firm shares investors profit sales customers technology online internet digital
social media news press freedom rights human protest protesters demonstrators rally
opposition parliament senate congress bill legislation reform members committee
chairman chief executive director board group team season game match players coach
league club fans victory defeat win won lost final cup championship record history
weather storm rain flooding fire fires emergency residents homes housing rent land
farmers food crops prices supply chain shortage production factory jobs employment
unemployment wages pay pension retirement insurance costs crisis debt loan credit
currency exchange dollar euro pound markets stocks index quarter annual growth
hospital doctors nurses patients vaccine virus disease cases deaths outbreak
treatment drug drugs medical medicine science university professor researchers
airport flights airline travel tourism tourists hotel transport rail train trains
road roads traffic cars vehicles electric battery batteries plant plants factory
network networks mobile phone phones users platform software security cyber hackers
military troops soldiers army navy missile missiles weapons defence defense nuclear
peace ceasefire negotiations diplomats embassy ambassador sanctions allies alliance
summit visit meeting meetings conference talks statement spokeswoman official
water river sea coast island islands mountain forest wildlife species environment
pollution emissions carbon coal wind solar renewable green targets commitments
culture film music festival artists museum exhibition book author writer novel
church religious faith community communities village villages town towns streets
""".split()

# Boosted per outlet: what each one writes about more than the others.
TOPICS = [
    "market markets shares investors profit quarter bank rates inflation",
    "police court trial judge charges prison investigation evidence",
    "election vote voters campaign party parliament opposition senate",
    "climate emissions carbon energy solar wind renewable pollution",
    "match season league coach players fans victory championship",
    "hospital doctors patients vaccine virus health nurses treatment",
    "school students university professor research teachers study",
    "farmers crops food land village rain weather water",
]

OUTLETS = [
    ("Daily Ledger", 0.28),
    ("Morning Courier", 0.20),
    ("The Evening Standard-Bearer", 0.15),
    ("Coastal Herald", 0.11),
    ("Metro Wire", 0.09),
    ("Northern Gazette", 0.08),
    ("Valley Times", 0.06),
    ("Island Post", 0.03),
]

FIRST_NAMES = """
anna maria john james david michael sarah emma olivia liam noah lucas mateo sofia
elena ivan olga yusuf fatima amir leila chen wei mei hiroshi yuki kenji priya arjun
ravi aisha kwame amara tomas jan petra lars ingrid pierre claire marco giulia carlos
lucia diego ana rosa pedro nadia omar samir rania daniel grace peter helen paul
""".split()

ONSETS = (
    "b c d f g h j k l m n p r s t v w z br cr dr fr gr pr tr st sl sp bl cl fl pl sh ch th".split()
)
VOWELS = "a e i o u ai ea ee oo ou ie io".split()
CODAS = ["", "", "", "n", "r", "s", "t", "l", "m", "nd", "rt", "st", "nt", "ck", "ng", "rd"]
SUFFIXES = ["", "", "", "", "s", "ed", "ing", "er", "ly", "tion", "ment", "ness", "ity"]


def made_up_words(count: int, rng: np.random.Generator) -> list[str]:
    """Distinct pronounceable words of one to three syllables."""
    words: list[str] = []
    seen = set(FUNCTION_WORDS) | set(NEWS_WORDS)
    while len(words) < count:
        syllables = int(rng.choice(3, p=[0.45, 0.4, 0.15])) + 1
        word = (
            "".join(
                ONSETS[rng.integers(len(ONSETS))]
                + VOWELS[rng.integers(len(VOWELS))]
                + CODAS[rng.integers(len(CODAS))]
                for _ in range(syllables)
            )
            + SUFFIXES[rng.integers(len(SUFFIXES))]
        )
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


class Vocabulary:
    """Words by rank, Zipf weights, and each outlet's cumulative weights."""

    def __init__(self, tail: int = 300_000) -> None:
        rng = np.random.default_rng(SEED)
        self.words = list(dict.fromkeys(FUNCTION_WORDS + NEWS_WORDS))
        self.words += made_up_words(tail, rng)
        self.surnames = [w.capitalize() for w in made_up_words(2000, rng)]
        ranks = np.arange(1, len(self.words) + 1, dtype=np.float64)
        base = ranks**-1.05
        index = {w: i for i, w in enumerate(self.words)}
        self.cumulative = []
        for topic in TOPICS:
            weights = base.copy()
            for word in topic.split():
                weights[index[word]] *= 4.0
            cumulative = np.cumsum(weights)
            self.cumulative.append(cumulative / cumulative[-1])

    def draw(self, outlet: int, count: int, rng: np.random.Generator) -> list[str]:
        picks = np.searchsorted(self.cumulative[outlet], rng.random(count), side="right")
        picks = np.minimum(picks, len(self.words) - 1)
        return [self.words[i] for i in picks]


def number(rng: np.random.Generator) -> str:
    kind = rng.integers(5)
    if kind == 0:
        return f"{int(rng.integers(1000, 900_000)):,}"
    if kind == 1:
        return f"{rng.random() * 20:.1f}%"
    if kind == 2:
        return str(int(rng.integers(1990, 2027)))
    if kind == 3:
        return f"{rng.random() * 100:.2f}"
    return str(int(rng.integers(2, 100)))


class Writer:
    """One document's text, drawn from its own generator."""

    def __init__(self, vocabulary: Vocabulary, outlet: int, rng: np.random.Generator) -> None:
        self.vocabulary = vocabulary
        self.outlet = outlet
        self.rng = rng
        self.people = [
            (
                FIRST_NAMES[rng.integers(len(FIRST_NAMES))].capitalize(),
                vocabulary.surnames[int(rng.zipf(1.3)) % len(vocabulary.surnames)],
            )
            for _ in range(3)
        ]
        self.named: set[int] = set()

    def person(self) -> str:
        who = int(self.rng.integers(len(self.people)))
        first, last = self.people[who]
        if who in self.named:
            return last
        self.named.add(who)
        return f"{first} {last}"

    def clause(self, length: int) -> str:
        rng = self.rng
        words = self.vocabulary.draw(self.outlet, length, rng)
        for i in range(len(words)):
            roll = rng.random()
            if roll < 0.03:
                words[i] = number(rng)
            elif roll < 0.045:
                words[i] = self.person() + ("'s" if rng.random() < 0.3 else "")
            elif roll < 0.055 and i + 1 < len(words):
                words[i] = f"{words[i]}-{words[i + 1]}"
        if length > 8 and rng.random() < 0.15:
            cut = int(rng.integers(3, length - 3))
            dash = " — " if rng.random() < 0.6 else " - "
            return " ".join(words[:cut]) + dash + " ".join(words[cut:])
        if length > 6 and rng.random() < 0.3:
            cut = int(rng.integers(2, length - 2))
            return " ".join(words[:cut]) + ", " + " ".join(words[cut:])
        return " ".join(words)

    def sentence(self) -> str:
        rng = self.rng
        length = int(rng.integers(6, 28))
        if rng.random() < 0.12:
            open_quote, close_quote = ("“", "”") if rng.random() < 0.5 else ('"', '"')
            quoted = self.clause(length)
            quoted = quoted[0].upper() + quoted[1:]
            return f"{open_quote}{quoted},{close_quote} said {self.person()}."
        text = self.clause(length)
        end = "?" if rng.random() < 0.04 else "."
        return text[0].upper() + text[1:] + end

    def document(self) -> str:
        rng = self.rng
        paragraphs = []
        for _ in range(int(rng.integers(4, 14))):
            paragraphs.append(" ".join(self.sentence() for _ in range(int(rng.integers(1, 5)))))
        return "\n\n".join(paragraphs)

    def short_document(self) -> str:
        words = self.vocabulary.draw(self.outlet, int(self.rng.integers(30, 90)), self.rng)
        return " ".join(words).capitalize() + "."


def outlet_of(rng: np.random.Generator) -> int:
    shares = np.cumsum([share for _, share in OUTLETS])
    return int(np.searchsorted(shares / shares[-1], rng.random(), side="right"))


def news(size_mb: float, path: Path, vocabulary: Vocabulary) -> str:
    limit = int(size_mb * 1_000_000)
    digest = hashlib.sha256()
    written = 0
    with path.open("wb") as out:
        i = 0
        while written < limit:
            rng = np.random.default_rng([SEED, i])
            outlet = outlet_of(rng)
            text = Writer(vocabulary, outlet, rng).document()
            record = {
                "id": f"doc-{i:07d}",
                "source": OUTLETS[outlet][0],
                "date": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "text": text,
            }
            line = (json.dumps(record, ensure_ascii=False) + "\n").encode()
            out.write(line)
            digest.update(line)
            written += len(line)
            i += 1
    return digest.hexdigest()


def short(count: int, path: Path, vocabulary: Vocabulary) -> str:
    digest = hashlib.sha256()
    texts: list[str] = []
    with path.open("wb") as out:
        for i in range(count):
            rng = np.random.default_rng([SEED, 1, i])
            outlet = outlet_of(rng)
            if texts and rng.random() < 0.05:
                words = texts[int(rng.integers(len(texts)))].split()
                for _ in range(int(rng.integers(0, 3))):
                    words[int(rng.integers(len(words)))] = vocabulary.draw(outlet, 1, rng)[0]
                text = " ".join(words)
            else:
                text = Writer(vocabulary, outlet, rng).short_document()
            texts.append(text)
            record = {"id": f"short-{i:07d}", "source": OUTLETS[outlet][0], "text": text}
            line = (json.dumps(record, ensure_ascii=False) + "\n").encode()
            out.write(line)
            digest.update(line)
    return digest.hexdigest()


def news_path(size_mb: float) -> Path:
    return DATA / f"news-{size_mb:g}mb.jsonl"


def short_path(count: int) -> Path:
    return DATA / f"short-{count}.jsonl"


def ensure_news(size_mb: float) -> Path:
    """The corpus of ``size_mb`` megabytes, written if it is not there yet."""
    return _ensure(news_path(size_mb), lambda path: news(size_mb, path, Vocabulary()))


def ensure_short(count: int) -> Path:
    """The ``count`` short documents, written if they are not there yet."""
    return _ensure(short_path(count), lambda path: short(count, path, Vocabulary()))


def _ensure(path: Path, write: Callable[[Path], str]) -> Path:
    if not path.exists():
        DATA.mkdir(exist_ok=True)
        partial = path.with_suffix(".partial")
        print(f"writing {path} ...", file=sys.stderr)
        write(partial)
        partial.rename(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, help="megabytes of news documents")
    parser.add_argument("--short", type=int, help="number of short documents")
    parser.add_argument("--out", type=Path, help="output file (default: benchmarks/data/...)")
    args = parser.parse_args()
    if (args.size is None) == (args.short is None):
        parser.error("give one of --size or --short")
    DATA.mkdir(exist_ok=True)
    vocabulary = Vocabulary()
    if args.size is not None:
        path = args.out or news_path(args.size)
        digest = news(args.size, path, vocabulary)
    else:
        path = args.out or short_path(args.short)
        digest = short(args.short, path, vocabulary)
    print(f"{path}  sha256 {digest}")


if __name__ == "__main__":
    main()
