"""Find numeric claims in news, follow who said them, score where sources disagree."""

from scorer.config import Config, load_config

__all__ = ["Config", "load_config", "run"]
__version__ = "0.1.0"


def run(*args, **kwargs):  # noqa: ANN002, ANN003 - thin re-export, imported lazily
    """Run the whole pipeline; see :func:`scorer.pipeline.run`."""
    from scorer.pipeline import run as _run

    return _run(*args, **kwargs)
