"""Plots render with the Agg backend, with the titles, labels and bars they promise."""

import pytest

from corpuscle import datasets, plot

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
pyplot = pytest.importorskip("matplotlib.pyplot")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    pyplot.close("all")


def test_keyness_bars(tmp_path):
    demo = datasets.demo()
    result = demo.keyness("Valley Chronicle", stopwords="english")
    ax = plot.keyness(result, n=5)
    assert ax.get_title() == "Keyness: Valley Chronicle vs rest of the corpus"
    assert ax.get_xlabel() == "llr (positive: more frequent in the target)"
    assert len(ax.patches) == 10
    # Ticks run from the top bar down: the most key target term first.
    ticks = sorted(zip(ax.get_yticks(), (t.get_text() for t in ax.get_yticklabels())), reverse=True)
    top_target = result[result["direction"] == "target"]["term"].head(5).tolist()
    assert [label for _, label in ticks][:5] == top_target
    widths = [bar.get_width() for bar in ax.patches]
    assert all(w > 0 for w in widths[:5])
    assert all(w < 0 for w in widths[5:])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Valley Chronicle",
        "rest of the corpus",
    ]
    ax.figure.savefig(tmp_path / "keyness.png")
    assert (tmp_path / "keyness.png").stat().st_size > 10_000
    only_target = plot.keyness(result, n=3, show_reference=False, title="Valley")
    assert len(only_target.patches) == 3
    assert only_target.get_title() == "Valley"


def test_contrast_panels(tmp_path):
    demo = datasets.demo()
    figure = plot.contrast(demo.contrast(stopwords="english", top=4), n=4)
    visible = [ax for ax in figure.axes if ax.get_visible()]
    assert [ax.get_title() for ax in visible] == demo.sources
    assert all(len(ax.patches) == 4 for ax in visible)
    figure.savefig(tmp_path / "contrast.png")
    with pytest.raises(ValueError, match="pairwise"):
        plot.contrast(demo.contrast(top=2, pairwise=True))


def test_scatter_points_and_labels(tmp_path):
    demo = datasets.demo()
    ax = plot.scatter(demo, "Northgate Ledger", "Harbour Courier", label=6, stopwords="english")
    terms = demo.keyness(
        "Northgate Ledger", reference="Harbour Courier", min_count=1, stopwords="english"
    )
    assert len(ax.collections[0].get_offsets()) == len(terms)
    assert len(ax.texts) == 6
    assert ax.get_xscale() == "log"
    assert ax.get_title() == "Northgate Ledger vs Harbour Courier"
    assert ax.get_ylabel() == "Northgate Ledger: per million"
    ax.figure.savefig(tmp_path / "scatter.png")
