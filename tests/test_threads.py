"""Thread settings: the environment variable, and work after os.fork()."""

import os
import pickle
import subprocess
import sys

import pytest

import corpuscle
from corpuscle import Corpus


def threads_in_subprocess(value):
    code = "import corpuscle; print(corpuscle.get_num_threads())"
    env = {**os.environ, "CORPUSCLE_NUM_THREADS": value}
    done = subprocess.run(
        [sys.executable, "-W", "always", "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout), done.stderr


def test_environment_variable_sets_the_default():
    assert threads_in_subprocess("1") == (1, "")
    assert threads_in_subprocess(" 3 ")[0] == 3
    threads, warning = threads_in_subprocess("many")
    assert threads == 0
    assert "ignoring CORPUSCLE_NUM_THREADS='many'" in warning


def test_set_num_threads_checks_its_argument():
    corpuscle.set_num_threads(2)
    assert corpuscle.get_num_threads() == 2
    corpuscle.set_num_threads(None)
    assert corpuscle.get_num_threads() == 0
    with pytest.raises(ValueError, match="threads must be a non-negative int"):
        corpuscle.set_num_threads(1.5)  # type: ignore[arg-type]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_forked_child_still_computes():
    # Each call runs on its own pool, so a child forked after the parent used
    # threads has no pool to inherit and starts its own.
    texts = [f"the strike closed station {i % 7} and the union met" for i in range(2000)]
    corpuscle.set_num_threads(2)
    corpus = Corpus(texts, sources=[i % 3 for i in range(2000)])
    expected = corpus.frequencies(by="source")
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # the child: compute, send the result, leave without cleanup
        try:
            again = Corpus(texts, sources=[i % 3 for i in range(2000)])
            payload = pickle.dumps(again.frequencies(by="source"))
            with os.fdopen(write, "wb") as out:
                out.write(payload)
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        received = pickle.loads(pipe.read())
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert received.equals(expected)
