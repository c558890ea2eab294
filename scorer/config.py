"""Configuration: pydantic models are the one source of truth for every knob.

A config is validated when it is loaded, before any document is read. Every problem
is reported at once, each as ``FILE:LINE: section.key must be ..., got ...``.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from scorer.errors import ConfigError

Unit = Annotated[float, Field(ge=0.0, le=1.0)]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class IngestConfig(_Section):
    """How documents are read and cleaned."""

    repeated_line_min_docs: int = Field(
        3,
        ge=2,
        description="A short line found in at least this many documents is page "
        "furniture.",
    )
    repeated_line_min_share: Unit = Field(
        0.2,
        description="... and in at least this share of the corpus's documents.",
    )
    repeated_line_max_chars: int = Field(
        100,
        ge=10,
        description="Only lines up to this length can be dropped for being repeated; "
        "longer ones are article text, even when syndicated.",
    )
    line_tracker_capacity: int = Field(
        50_000,
        ge=100,
        description="How many distinct lines the repeated-line counter keeps "
        "(memory bound).",
    )
    outlet_from_text: bool = Field(
        True,
        description="When metadata and url give no outlet, take a publisher the text "
        "itself names in its masthead or footer.",
    )
    boilerplate_file: str = Field(
        "",
        description="Extra TOML file of boilerplate line patterns (same shape as the "
        "packaged scorer/data/boilerplate.toml), added to the defaults.",
    )
    skip_names: list[str] = Field(
        default_factory=lambda: [
            "readme",
            "license",
            "licence",
            "changelog",
            "contributing",
            "notice",
            "authors",
            "copying",
        ],
        description="Names of files (less their extension; glob patterns, any case) "
        "that a folder may hold beside its articles and that are not articles: a "
        "folder's README.md is not read as news. A file named on the command line, or "
        "listed in the folder's manifest.csv, is always read.",
    )


class SourceEntry(_Section):
    """A source the user adds to the registry."""

    name: str = Field(min_length=1, description="Canonical name shown in chains.")
    aliases: list[str] = Field(default_factory=list, description="Other spellings.")
    kind: Literal[
        "outlet", "wire", "primary", "official", "person", "expert", "anonymous"
    ] = Field("primary", description="What kind of source it is.")
    reliability: Unit | None = Field(
        None, description="Reliability as an origin; empty: the kind's default."
    )
    institution: str = Field(
        "", description="For a person: the institution they speak for."
    )


class ExtractConfig(_Section):
    """How claims are found in text."""

    units_file: str = Field(
        "",
        description="Extra TOML file of unit and noun synonyms, added to the defaults.",
    )
    cues_file: str = Field(
        "",
        description="Extra TOML file of attribution and hedge cues, added to the "
        "defaults.",
    )
    sources_file: str = Field(
        "",
        description="Extra TOML source registry ([[source]] tables), added to the "
        "defaults.",
    )
    sources: list[SourceEntry] = Field(
        default_factory=list, description="Sources added to the registry inline."
    )
    fuzzy_threshold: Unit = Field(
        0.88, description="Similarity above which a name matches a registry alias."
    )
    keep_unitless: bool = Field(
        True, description="Keep numbers whose counted noun is not recognised."
    )


class GroupConfig(_Section):
    """How claims are grouped into subjects."""

    threshold: float = Field(
        0.45,
        gt=0.0,
        le=1.0,
        description="Frame distance (one minus the weighted field similarity) below "
        "which claims join one subject, by average linkage.",
    )
    noun_weight: float = Field(
        3.0, ge=0.0, description="Weight of the counted noun, and of the unit."
    )
    predicate_weight: float = Field(3.0, ge=0.0, description="Weight of the predicate.")
    actor_weight: float = Field(
        3.0,
        ge=0.0,
        description="Weight of the actors and places named near the number.",
    )
    scope_weight: float = Field(
        5.0,
        ge=0.0,
        description="Weight of the scope (extra, uninsured, March 2023).",
    )
    context_weight: float = Field(
        1.0, ge=0.0, description="Weight of the sentence words."
    )
    event_similarity: Unit = Field(
        0.1,
        description="Documents whose claim sentences are this similar cover one event; "
        "claims of different events never share a subject (0: one event).",
    )
    linkage: Literal["average", "complete", "single"] = Field(
        "average",
        description="How a cluster's distance to another is measured: the mean, the "
        "largest or the smallest distance between their claims.",
    )
    actor_conflict: bool = Field(
        False,
        description="Never join two figures that name different actors near the "
        "number.",
    )
    absent_actor_similarity: Unit = Field(
        0.5,
        description="How alike a figure naming an actor or scope is to one naming none "
        "(0: parts never join totals; 0.5: no evidence either way).",
    )
    part_penalty: Unit = Field(
        0.1,
        description="Distance added between a figure that is a part (the people of "
        "one country: '412 of the dead were Peruvians'; one name of a breakdown: "
        "'eight from the Ridge Fire') and one that names none, where the block "
        "holds two parts or more: such a figure is more likely a part than the total.",
    )
    breakdown_penalty: Unit = Field(
        0.2,
        description="Distance added, on top of part_penalty, between a figure that is "
        "one name of a breakdown its document gives ('eight from the Ridge Fire and 16 "
        "from the Creek Fire', or a later sentence about the Ridge Fire) and one that "
        "names none: an article that divides a figure by names says outright that "
        "they are parts, which a people named near a figure does not.",
    )
    subset_penalty: Unit = Field(
        0.3,
        description="Distance added between a figure introduced as a part of another "
        "('including 300 without permits') and one not so introduced, in "
        "other sentences (in its own sentence the two never join).",
    )
    place_penalty: Unit = Field(
        0.1,
        description="Distance added between figures in different places, a city "
        "against another or against none. A figure's place is the city its clause "
        "names, or else, naming no wider extent, the city its article reports from "
        "(the claims' place column).",
    )
    keyword_weight: float = Field(
        1.0,
        ge=0.0,
        description="Weight of the document's keywords (which event it covers).",
    )


class ProvenanceConfig(_Section):
    """How a claim's weight follows from its chain."""

    hop_decay: Unit = Field(
        0.7, description="Weight kept at each hop from the publisher."
    )
    unreached_penalty: float = Field(
        2.0,
        ge=0.0,
        le=20.0,
        description="Hops added to a chain that never reaches a primary source.",
    )
    hedge_factor: Unit = Field(0.8, description="Multiplier for hedged claims.")
    primary_kinds: list[str] = Field(
        default_factory=lambda: ["primary", "official"],
        description="Kinds of source that count as primary: the first such link ends "
        "the distance count.",
    )
    reliability: dict[str, Unit] = Field(
        default_factory=lambda: {
            "primary": 0.9,
            "official": 0.8,
            "wire": 0.75,
            "expert": 0.7,
            "outlet": 0.6,
            "person": 0.55,
            "publisher": 0.5,
            "anonymous": 0.4,
            "unknown": 0.4,
        },
        description="Origin reliability by kind of source.",
    )
    origin_reliability: dict[str, Unit] = Field(
        default_factory=dict,
        description="Origin reliability by source name (overrides kind).",
    )
    outlet_priors: dict[str, Unit] = Field(
        default_factory=dict, description="Prior by outlet name or domain."
    )
    default_outlet_prior: Unit = Field(
        0.7, description="Prior of an outlet not listed."
    )
    priors_csv: str = Field(
        "",
        description="CSV of domain,prior rows (public domain-quality lists have this "
        "shape).",
    )


class DisagreementConfig(_Section):
    """How disagreement inside a subject is scored."""

    dispersion_weight: float = Field(0.45, ge=0.0, description="Weight of the spread.")
    gap_weight: float = Field(
        0.45, ge=0.0, description="Weight of non-overlapping intervals."
    )
    voices_weight: float = Field(
        0.10, ge=0.0, description="Weight of the number of voices."
    )
    dispersion_scale: float = Field(
        0.2,
        gt=0.0,
        description="Weighted log10 spread at which the dispersion part reaches about "
        "0.63.",
    )
    gap_scale: float = Field(
        0.05,
        gt=0.0,
        description="Gap between intervals (log10) at which the gap part reaches "
        "about 0.63.",
    )
    voices_saturation: int = Field(
        4, ge=2, description="Independent voices at which the voices part is 1."
    )
    window_days: int = Field(
        3,
        ge=0,
        description="Claims this many days apart or less count as simultaneous.",
    )
    parts_tolerance: Unit = Field(
        0.05, description="Relative tolerance when checking that parts sum to a total."
    )
    out_of_scale: float = Field(
        1.0,
        ge=0.0,
        description="Voices more than this many orders of magnitude (log10) from the "
        "subject's weighted median are left out of its score and listed as out of "
        "scale: most likely another quantity the frame could not tell apart (0: keep "
        "every voice).",
    )
    incomparable: float = Field(
        1.5,
        ge=0.0,
        description="Two voices alone more than this many orders of magnitude (log10) "
        "apart score 0, status incomparable: neither can be called the stray, and a "
        "factor of 30 or more between just two figures is more often two quantities "
        "than a dispute (police 3,000 against organisers 30,000 still counts; 0: "
        "never).",
    )


class CredibilityConfig(_Section):
    """How outlets and documents are scored."""

    proximity_weight: float = Field(
        0.3, ge=0.0, description="Weight of closeness to primaries."
    )
    sourcing_weight: float = Field(0.2, ge=0.0, description="Weight of naming sources.")
    fidelity_weight: float = Field(
        0.2, ge=0.0, description="Weight of repeating cited figures."
    )
    independence_weight: float = Field(
        0.1, ge=0.0, description="Weight of original text."
    )
    agreement_weight: float = Field(
        0.2, ge=0.0, description="Weight of agreeing with consensus."
    )
    near_copy_threshold: Unit = Field(
        0.5, description="Shingle overlap above which two documents are near-copies."
    )


class ReportConfig(_Section):
    """What the report shows."""

    top: int = Field(10, ge=1, description="How many subjects the report details.")
    min_claims: int = Field(
        1, ge=1, description="Subjects with fewer claims are left out."
    )


class Config(_Section):
    """The whole configuration."""

    ingest: IngestConfig = Field(default_factory=IngestConfig)
    extract: ExtractConfig = Field(default_factory=ExtractConfig)
    group: GroupConfig = Field(default_factory=GroupConfig)
    provenance: ProvenanceConfig = Field(default_factory=ProvenanceConfig)
    disagreement: DisagreementConfig = Field(default_factory=DisagreementConfig)
    credibility: CredibilityConfig = Field(default_factory=CredibilityConfig)
    report: ReportConfig = Field(default_factory=ReportConfig)


def load_config(
    path: str | Path | None = None, overrides: list[str] | None = None
) -> Config:
    """Read, merge and validate a config.

    Parameters
    ----------
    path
        A TOML file; ``None`` for the defaults.
    overrides
        ``section.key=value`` strings (values parsed as TOML, else as plain strings),
        applied after the file.

    Raises
    ------
    ConfigError
        Listing every problem, each located by file and line (or by ``--set``).
    """
    data: dict[str, Any] = {}
    text = ""
    where = "<defaults>"
    if path is not None:
        where = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError([f"{where}: cannot read config: {exc}"]) from None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError([f"{where}: not valid TOML: {exc}"]) from None

    problems: list[str] = []
    set_keys: dict[tuple[str, ...], str] = {}
    for item in overrides or []:
        key, sep, raw = item.partition("=")
        key = key.strip()
        if not sep or not key or not re.fullmatch(r"[a-z_]+(\.[a-z0-9_]+)+", key):
            problems.append(f"--set {item}: expected section.key=value, got {item!r}")
            continue
        value = _parse_override_value(raw.strip())
        parts = tuple(key.split("."))
        node = data
        for part in parts[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                problems.append(f"--set {item}: {part} is not a section")
                break
            node = child
        else:
            node[parts[-1]] = value
            set_keys[parts] = item

    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(str(p) for p in err["loc"])
            dotted = ".".join(loc)
            origin = _locate(where, text, loc, set_keys)
            problems.append(f"{origin}: {dotted} {_describe(err, loc)}")
        config = None
    if config is not None:
        problems += _check_files(config, where, text, set_keys, path)
    problems.sort(key=_line_of)
    if problems:
        raise ConfigError(problems)
    assert config is not None
    return config


def _line_of(problem: str) -> tuple[int, int]:
    """Sort key: file problems by line, then --set problems in the order given."""
    match = re.match(r"^[^\n]*?:(\d+): ", problem)
    return (0, int(match.group(1))) if match else (1, 0)


_FILE_KEYS = (
    ("ingest", "boilerplate_file"),
    ("extract", "units_file"),
    ("extract", "cues_file"),
    ("extract", "sources_file"),
    ("provenance", "priors_csv"),
)


def _check_files(
    config: Config,
    where: str,
    text: str,
    set_keys: dict[tuple[str, ...], str],
    path: str | Path | None,
) -> list[str]:
    """Resolve file knobs against the config file's folder; each must exist."""
    problems = []
    base = Path(path).parent if path is not None else Path.cwd()
    for section, key in _FILE_KEYS:
        value = getattr(getattr(config, section), key)
        if not value:
            continue
        loc = (section, key)
        resolved = Path(value) if loc in set_keys else base / value
        if not resolved.is_file():
            origin = _locate(where, text, loc, set_keys)
            problems.append(
                f"{origin}: {section}.{key} must name an existing file, got {value!r}"
            )
            continue
        setattr(getattr(config, section), key, str(resolved))
    return problems


def _parse_override_value(raw: str) -> Any:
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return raw


def _locate(
    where: str, text: str, loc: tuple[str, ...], set_keys: dict[tuple[str, ...], str]
) -> str:
    """Name where a bad key came from: ``--set ...`` or ``FILE:LINE``."""
    for n in range(len(loc), 0, -1):
        if loc[:n] in set_keys:
            return f"--set {set_keys[loc[:n]]}"
    if not text:
        return where
    line = find_line(text, loc)
    return f"{where}:{line}" if line else where


def find_line(text: str, loc: tuple[str, ...]) -> int | None:
    """The line of ``loc`` in a TOML text: its ``key =`` line under the right table."""
    table: tuple[str, ...] = ()
    best: int | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.match(r"^\[\[?\s*([^\]]+?)\s*\]\]?", stripped)
        if header:
            table = tuple(p.strip().strip('"') for p in header.group(1).split("."))
            if table == loc[: len(table)] and best is None and len(table) == len(loc):
                best = number
            continue
        assign = re.match(r'^"?([A-Za-z0-9_\-]+)"?\s*=', stripped)
        if not assign:
            continue
        full = table + (assign.group(1),)
        if full == loc[: len(full)]:
            return number
        dotted = tuple(assign.group(1).split("."))
        if table + dotted == loc:
            return number
    return best


def _field_bounds(loc: tuple[str, ...]) -> tuple[Any, Any]:
    """The ge/le (or gt/lt) bounds declared on the field at ``loc``, if any."""
    model: Any = Config
    info = None
    for part in loc:
        fields = getattr(model, "model_fields", None)
        if not fields or part not in fields:
            break
        info = fields[part]
        model = info.annotation
    lo = hi = None
    if info is not None:
        for meta in info.metadata:
            lo = (
                getattr(meta, "ge", None)
                if getattr(meta, "ge", None) is not None
                else lo
            )
            lo = (
                getattr(meta, "gt", None)
                if getattr(meta, "gt", None) is not None
                else lo
            )
            hi = (
                getattr(meta, "le", None)
                if getattr(meta, "le", None) is not None
                else hi
            )
            hi = (
                getattr(meta, "lt", None)
                if getattr(meta, "lt", None) is not None
                else hi
            )
    return lo, hi


def _describe(err: dict[str, Any], loc: tuple[str, ...]) -> str:
    kind = err["type"]
    got = err.get("input")
    if kind == "extra_forbidden":
        parent: Any = Config
        for part in loc[:-1]:
            fields = getattr(parent, "model_fields", {})
            parent = fields[part].annotation if part in fields else None
        known = ", ".join(getattr(parent, "model_fields", {})) or "none"
        return f"is not a known key (known keys: {known})"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        lo, hi = _field_bounds(loc)
        if lo is None:
            lo, hi = _bound_from_ctx(err)
        if lo is not None and hi is not None:
            return f"must be between {lo} and {hi}, got {got!r}"
        if lo is not None:
            return f"must be at least {lo}, got {got!r}"
        return f"must be at most {hi}, got {got!r}"
    message = err["msg"]
    message = message[0].lower() + message[1:]
    message = message.replace("input should be", "must be")
    return f"{message}, got {got!r}"


def _bound_from_ctx(err: dict[str, Any]) -> tuple[Any, Any]:
    ctx = err.get("ctx", {})
    lo = ctx.get("ge", ctx.get("gt"))
    hi = ctx.get("le", ctx.get("lt"))
    return lo, hi


def config_toml(config: Config | None = None) -> str:
    """A config as commented TOML; the defaults are what
    ``configs/default.toml`` holds.
    """
    config = config or Config()
    lines = [
        "# scorer configuration: every knob with its default.",
        "# Generated from scorer/config.py (`scorer config show`); a test keeps",
        "# the two equal. Copy it, change what you need, and pass it with -c.",
        "",
    ]
    for section_name, section_field in Config.model_fields.items():
        model = section_field.annotation
        lines.append(f"# {model.__doc__.strip()}")  # type: ignore[union-attr]
        lines.append(f"[{section_name}]")
        instance = getattr(config, section_name)
        for name, info in model.model_fields.items():  # type: ignore[union-attr]
            lines.append(f"# {info.description}")
            lines.append(f"{name} = {_toml_value(getattr(instance, name))}")
        lines.append("")
    return "\n".join(lines)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list) and any(isinstance(v, BaseModel) for v in value):
        return "[\n" + "".join(f"  {_toml_value(v)},\n" for v in value) + "]"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(
            f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()
        )
        return "{ " + inner + " }" if inner else "{}"
    if isinstance(value, BaseModel):
        return _toml_value(value.model_dump(exclude_none=True))
    raise TypeError(f"cannot write {value!r} as TOML")


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_\-]+", key) else _toml_value(key)
