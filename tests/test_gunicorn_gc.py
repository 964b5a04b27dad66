"""gunicorn.conf.py tunes the garbage collector in each worker once the application is
imported (its post_worker_init hook): the objects loaded by then are frozen out of later
collections, and collections start less often."""

import gc
import runpy
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture
def collector():
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def test_a_worker_freezes_what_it_imported_and_collects_less_often(collector):
    config = runpy.run_path(str(PROJECT / "gunicorn.conf.py"))
    assert gc.get_freeze_count() == 0
    config["post_worker_init"](worker=None)
    assert gc.get_freeze_count() > 10_000  # Django and the project, loaded by now
    assert gc.get_threshold() == config["GC_THRESHOLDS"]
    # Python starts a collection every 700 new objects; a worker waits far longer.
    assert config["GC_THRESHOLDS"][0] >= 10 * 700
