"""Keyness: every measure worked by hand on one 2x2 table, tests against scipy, real keywords."""

import math
import random
from collections import Counter

import numpy as np
import pandas as pd
import pytest

from corpuscle import Corpus, datasets

stats = pytest.importorskip("scipy.stats")

# Target: "x" 10 times in N1 = 100 tokens; reference: "x" 5 times in N2 = 200 tokens.
# The table is [[a, b], [N1 - a, N2 - b]] = [[10, 5], [90, 195]].
A, B, N1, N2 = 10, 5, 100, 200
TABLE = [[A, B], [N1 - A, N2 - B]]


def two_sided_corpus():
    target = " ".join(["x"] * A + ["t"] * (N1 - A))
    reference = " ".join(["x"] * B + ["r"] * (N2 - B))
    return Corpus([target, reference], sources=["T", "R"])


def x_row(measure, **options):
    df = two_sided_corpus().keyness("T", measure=measure, min_count=1, correction=None, **options)
    return df.set_index("term").loc["x"]


def test_counts_and_frequencies():
    row = x_row("llr")
    assert row[["target_count", "reference_count", "target_docs"]].tolist() == [10, 5, 1]
    assert row["target_per_million"] == pytest.approx(10 / 100 * 1e6)
    assert row["reference_per_million"] == pytest.approx(5 / 200 * 1e6)
    assert row["direction"] == "target"
    # log ratio = log2((10/100) / (5/200)) = log2(4): always there, whatever the measure.
    assert row["log_ratio"] == pytest.approx(2.0)
    assert row["dp"] == pytest.approx(0.0)  # one target document holds all


def test_llr_is_the_four_term_g2_with_chi2_p():
    n = N1 + N2
    expected = [N1 * 15 / n, N2 * 15 / n, N1 * 285 / n, N2 * 285 / n]
    observed = [10, 5, 90, 195]
    g2 = 2 * sum(o * math.log(o / e) for o, e in zip(observed, expected))
    row = x_row("llr")
    assert row["statistic"] == pytest.approx(g2, rel=1e-12)
    assert row["p_value"] == pytest.approx(stats.chi2.sf(g2, 1), rel=1e-9)
    # scipy's G-test agrees.
    g_scipy = stats.chi2_contingency(TABLE, correction=False, lambda_="log-likelihood")
    assert row["statistic"] == pytest.approx(g_scipy.statistic, rel=1e-12)


@pytest.mark.parametrize("yates", [False, True])
def test_chi2_against_scipy(yates):
    row = x_row("chi2", yates=yates)
    expected = stats.chi2_contingency(TABLE, correction=yates)
    assert row["statistic"] == pytest.approx(expected.statistic, rel=1e-12)
    assert row["p_value"] == pytest.approx(expected.pvalue, rel=1e-9)


def test_fisher_against_scipy():
    row = x_row("fisher")
    p = stats.fisher_exact(TABLE, alternative="two-sided").pvalue
    assert row["p_value"] == pytest.approx(p, rel=1e-9)
    assert row["statistic"] == pytest.approx(-math.log10(p), rel=1e-9)


def test_effect_sizes_by_hand():
    # pmi = log2(a / E11), E11 = N1 (a + b) / (N1 + N2) = 100 * 15 / 300 = 5.
    assert x_row("pmi")["statistic"] == pytest.approx(math.log2(10 / 5))
    # Simple maths: per million 100,000 and 25,000, k = 1.
    assert x_row("simple_maths")["statistic"] == pytest.approx(100_001 / 25_001)
    assert x_row("simple_maths", smoothing=100)["statistic"] == pytest.approx(100_100 / 25_100)
    # %DIFF = (100,000 - 25,000) * 100 / 25,000.
    assert x_row("percent_diff")["statistic"] == pytest.approx(300.0)
    assert x_row("log_ratio")["statistic"] == pytest.approx(2.0)
    for measure in (
        "pmi",
        "simple_maths",
        "percent_diff",
        "log_ratio",
        "lrc",
        "log_odds_dirichlet",
    ):
        assert math.isnan(x_row(measure)["p_value"]), measure


def test_conservative_log_ratio_against_scipy_beta():
    # Given a + b = 15, a ~ Binomial(15, pi); Clopper-Pearson 95%: pi_low = Beta.ppf(.025, a, b + 1).
    pi_low = stats.beta.ppf(0.025, A, B + 1)
    low = math.log2(pi_low / (1 - pi_low) * N2 / N1)
    assert low > 0
    assert x_row("lrc")["statistic"] == pytest.approx(low, rel=1e-9)
    # At 99% the interval reaches below 0 (and the upper end is above it): lrc is 0.
    pi_low_99 = stats.beta.ppf(0.005, A, B + 1)
    assert math.log2(pi_low_99 / (1 - pi_low_99) * 2) < 0
    assert x_row("lrc", alpha=0.01)["statistic"] == 0.0


def test_log_odds_dirichlet_against_numpy():
    # The whole corpus holds x 15 times in 300 tokens; prior = 0.01 per occurrence.
    alpha_w, alpha_0 = 0.01 * 15, 0.01 * 300
    y = np.array([A, B], dtype=float)
    n = np.array([N1, N2], dtype=float)
    log_odds = np.log((y + alpha_w) / (n + alpha_0 - y - alpha_w))
    z = (log_odds[0] - log_odds[1]) / np.sqrt(np.sum(1 / (y + alpha_w)))
    assert x_row("log_odds_dirichlet")["statistic"] == pytest.approx(z, rel=1e-12)


def test_wilcoxon_against_scipy_mannwhitneyu():
    demo = datasets.demo()
    df = demo.keyness("Northgate Ledger", test="wilcoxon", correction=None, min_count=3).set_index(
        "term"
    )
    target = [i for i, s in enumerate(demo.meta["source"]) if s == "Northgate Ledger"]
    reference = [i for i in range(len(demo)) if i not in target]
    tokens = [demo.tokens(i) for i in range(len(demo))]
    for term in ["workers", "said", "union", "valley", "the"]:
        rel = [Counter(t)[term] / len(t) for t in tokens]
        p = stats.mannwhitneyu(
            [rel[i] for i in target], [rel[i] for i in reference], method="asymptotic"
        ).pvalue
        assert df.loc[term, "p_value"] == pytest.approx(p, rel=1e-9), term


def _holm(p):
    order = np.argsort(p, kind="stable")
    m, running, out = len(p), 0.0, np.empty(len(p))
    for rank, i in enumerate(order):
        running = max(running, (m - rank) * p[i])
        out[i] = min(1.0, running)
    return out


def _bh(p):
    order = np.argsort(p, kind="stable")
    m, running, out = len(p), 1.0, np.empty(len(p))
    for rank in range(m - 1, -1, -1):
        i = order[rank]
        running = min(running, p[i] * m / (rank + 1))
        out[i] = min(1.0, running)
    return out


@pytest.mark.parametrize(
    ("correction", "adjust"),
    [("holm", _holm), ("fdr_bh", _bh), ("bonferroni", lambda p: np.minimum(1.0, p * len(p)))],
)
def test_corrections_over_all_terms(correction, adjust):
    demo = datasets.demo()
    df = demo.keyness("Valley Chronicle", correction=correction)
    np.testing.assert_allclose(df["p_adjusted"], adjust(df["p_value"].to_numpy()), rtol=1e-12)
    # The family is every term tested, before top cuts rows.
    top = demo.keyness("Valley Chronicle", correction=correction, top=3).set_index("term")
    full = df.set_index("term")
    assert (top["p_adjusted"] == full.loc[top.index, "p_adjusted"]).all()


def test_contrast_corrects_over_terms_times_groups():
    demo = datasets.demo()
    every = demo.contrast(top=None, correction="holm")
    assert list(every.columns)[:2] == ["group", "term"]
    np.testing.assert_allclose(every["p_adjusted"], _holm(every["p_value"].to_numpy()), rtol=1e-12)
    one = every[every["group"] == "Valley Chronicle"].reset_index(drop=True)
    alone = demo.keyness("Valley Chronicle", correction=None)
    pd.testing.assert_series_equal(one["statistic"], alone["statistic"])
    for column in ["term", "target_count", "reference_count", "target_docs", "dp"]:
        np.testing.assert_array_equal(one[column].to_numpy(), alone[column].to_numpy())
    # direction: a Categorical of the two labels, "target" exactly where a/N1 > b/N2.
    assert list(every["direction"].cat.categories) == ["reference", "target"]
    towards = every["target_per_million"] > every["reference_per_million"]
    np.testing.assert_array_equal(every["direction"] == "target", towards)
    pairs = demo.contrast(top=1, pairwise=True)
    assert len(pairs) == 12
    assert set(zip(pairs["group"], pairs["reference"])) == {
        (g, h) for g in demo.sources for h in demo.sources if g != h
    }


def test_one_article_repeating_a_word_is_key_only_for_the_bag_test():
    target = ["The minister spoke about trade and the budget today."] * 9 + [
        "Zebra " * 30 + "appeared."
    ]
    reference = ["The minister spoke about schools and the budget today."] * 10
    corpus = Corpus(target + reference, sources=["T"] * 10 + ["R"] * 10)
    bag = corpus.keyness("T", min_count=1).set_index("term").loc["zebra"]
    assert bag["p_adjusted"] < 1e-6
    ranks = corpus.keyness("T", min_count=1, test="wilcoxon").set_index("term").loc["zebra"]
    assert ranks["p_value"] > 0.05
    boot = corpus.keyness("T", min_count=1, test="bootstrap", n_boot=500, seed=1).set_index("term")
    assert boot.loc["zebra", "p_value"] > 0.05
    # "trade" is in every target article and no reference one: every test finds it.
    assert boot.loc["trade", "p_value"] < 0.01
    # DP: the zebra article holds all 30 occurrences but 31 of the target's 9 * 9 + 31 = 112
    # tokens: 0.5 * (|1 - 31/112| + 81/112) = 81/112.
    assert ranks["dp"] == pytest.approx(81 / 112)


def test_external_reference_tables():
    corpus = two_sided_corpus()
    table = pd.DataFrame({"term": ["X", "r"], "count": [5, 195]})
    external = corpus.keyness("T", reference=table, min_count=1, correction=None).set_index("term")
    internal = corpus.keyness("T", min_count=1, correction=None).set_index("term")
    assert external.loc["x", "statistic"] == pytest.approx(internal.loc["x", "statistic"])
    from_counter = corpus.keyness("T", reference=Counter({"x": 5, "r": 195}), min_count=1)
    assert from_counter.set_index("term").loc["x", "reference_count"] == 5
    with pytest.raises(ValueError, match="use test='bag'"):
        corpus.keyness("T", reference=table, test="wilcoxon")


def test_real_outlets_keywords(xi_putin_dir):
    corpus = Corpus.from_files(str(xi_putin_dir / "*.txt"), source="stem")
    key = corpus.contrast(stopwords="english", top=6)
    top = {g: rows["term"].tolist() for g, rows in key.groupby("group")}
    # Read in the texts: The Moscow Times quotes Natasha Kuhrt (11 times over its two copies)
    # and Temur Umarov (7); VICE has five "Advertisement" lines and six "Monday"s; USIP
    # says "summit" 12 times, the others twice.
    mt = corpus.keyness(["moscow-times-pdf", "moscow-times-web"], stopwords="english", top=2)
    assert mt["term"].tolist()[:2] == ["kuhrt", "umarov"]
    assert mt.set_index("term").loc["kuhrt", ["target_count", "reference_count"]].tolist() == [
        11,
        0,
    ]
    assert {"monday", "advertisement"} <= set(top["vice"])
    assert "summit" in top["usip"]


def test_bad_input():
    corpus = Corpus(["a b c a", "d e f d"], sources=["A", "B"])
    with pytest.raises(
        KeyError, match="target 'C' is not a value of 'source'; the values are: 'A', 'B'"
    ):
        corpus.keyness("C")
    with pytest.raises(ValueError, match="is the whole corpus"):
        corpus.keyness(["A", "B"])
    with pytest.raises(ValueError, match="has no tokens"):
        Corpus(["a b", ""], sources=["A", "B"]).keyness("A", reference="B")
    with pytest.raises(ValueError, match="unknown keyness measure 'g2'; choose from llr"):
        corpus.keyness("A", measure="g2")
    with pytest.raises(ValueError, match="unknown correction 'fdr'"):
        corpus.keyness("A", correction="fdr")
    with pytest.raises(
        ValueError, match="unknown test 'ttest'; choose from bag, wilcoxon, bootstrap"
    ):
        corpus.keyness("A", test="ttest")
    empty = corpus.keyness("A", min_count=100)
    assert empty.empty
    assert list(empty.columns) == [
        "term",
        "target_count",
        "reference_count",
        "target_per_million",
        "reference_per_million",
        "statistic",
        "p_value",
        "p_adjusted",
        "log_ratio",
        "direction",
        "target_docs",
        "dp",
    ]


@pytest.mark.parametrize("options", [{}, {"n": (1, 2)}, {"pairwise": True, "stopwords": "english"}])
def test_top_rows_are_the_first_rows_of_all_of_them(options):
    # With `top`, the bag test counts by blocks of documents and finds DP for
    # the kept rows alone: every column must be what the full ranking holds.
    demo = datasets.demo()
    every = demo.contrast(top=None, correction="holm", **options)
    keys = ["group", "reference"] if options.get("pairwise") else ["group"]
    first = every.groupby(keys, observed=True, sort=False).head(4).reset_index(drop=True)
    top = demo.contrast(top=4, correction="holm", **options)
    pd.testing.assert_frame_equal(top, first, check_exact=True)
    assert top["dp"].notna().all()


@pytest.mark.parametrize("correction", ["holm", "bonferroni", None, "fdr_bh"])
@pytest.mark.parametrize("measure", ["llr", "chi2"])
def test_top_rows_keep_the_p_values_of_the_whole_family(measure, correction):
    # With `top`, G² and X² p-values are found only where the correction reads
    # them. Some terms here are so key that p underflows to 0 (G² in the
    # thousands, ties broken by position), others are barely key at all.
    rng = random.Random(11)
    words = [f"w{i}" for i in range(80)]
    texts, sources = [], []
    for d in range(90):
        group = "ABC"[d % 3]
        body = [rng.choice(words) for _ in range(400)]
        body += [f"{group.lower()}{k}" for k in range(6) for _ in range(rng.randint(0, 60 * k))]
        body += [f"{group.lower()}-mild{k}" for k in range(6) for _ in range(rng.randint(0, k))]
        texts.append(" ".join(body))
        sources.append(group)
    corpus = Corpus(texts, sources=sources)
    every = corpus.contrast(top=None, measure=measure, correction=correction)
    assert (every["p_value"] == 0).sum() >= 3
    assert every["statistic"].between(20, 1000).sum() >= 6
    for top in (1, 4, 8, 12, 20):
        first = every.groupby("group", observed=True, sort=False).head(top).reset_index(drop=True)
        got = corpus.contrast(top=top, measure=measure, correction=correction)
        # Exactly: p-values of 1e-30 are all below the default tolerance.
        pd.testing.assert_frame_equal(got, first, check_exact=True)
