"""Ctrl-C stops a long computation in the engine, with the GIL released meanwhile."""

import os
import signal
import threading
import time

import pytest

from corpuscle import Corpus

TEXTS = ["Alpha beta gamma delta epsilon. Zeta eta theta iota kappa. " * 400] * 1500


def _build(texts=TEXTS):
    start = time.perf_counter()
    Corpus(texts)
    return time.perf_counter() - start


def _texts_taking(seconds):
    """TEXTS repeated until building them takes `seconds`: the engine looks for
    Ctrl-C every 0.1 s, so a build much shorter than a second cannot show
    whether it stopped early (on a fast machine TEXTS alone take 0.17 s)."""
    texts = TEXTS
    while (full := _build(texts)) < seconds:
        texts = texts * 2
    return texts, full


@pytest.mark.skipif(not hasattr(signal, "pthread_kill"), reason="needs POSIX signals")
def test_sigint_interrupts_tokenizing():
    texts, full = _texts_taking(1.0)
    delay = full / 10
    sent = {}

    def interrupt():
        sent["at"] = time.perf_counter()
        os.kill(os.getpid(), signal.SIGINT)

    timer = threading.Timer(delay, interrupt)
    start = time.perf_counter()
    timer.start()
    # Had the engine ignored the signal, the call would end after a full run and
    # the interrupt would be raised only then.
    with pytest.raises(KeyboardInterrupt):
        Corpus(texts)
    stopped = time.perf_counter()
    timer.join()
    # The call stopped well before a full run would have ended.
    assert stopped - start < full * 0.7, (full, stopped - sent["at"])


def test_gil_is_released_while_the_engine_runs():
    ticks = []
    done = threading.Event()

    def count():
        while not done.is_set():
            ticks.append(1)
            time.sleep(0.001)

    thread = threading.Thread(target=count)
    thread.start()
    try:
        elapsed = _build()
    finally:
        done.set()
        thread.join()
    # With the GIL held for the whole build the other thread would barely run.
    assert len(ticks) > 0.3 * elapsed * 1000 * 0.5
