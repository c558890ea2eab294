"""The library's errors; the CLI turns each into one line on stderr and exit code 2."""

from __future__ import annotations


class ScorerError(Exception):
    """Base class of every error the library raises on purpose."""


class ConfigError(ScorerError):
    """A config file or override is invalid. ``problems`` holds one line a problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class InputError(ScorerError):
    """A corpus path, claims file or gold file cannot be used at all."""


class DocumentError(ScorerError):
    """One document cannot be read; the run skips it with a warning."""

    def __init__(self, where: str, what: str):
        self.where = where
        self.what = what
        super().__init__(f"{where}: {what}")
