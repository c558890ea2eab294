"""The pipeline: ingest, extract, group, weigh, measure, score, as one call.

``run`` composes the stages; ``extract`` and ``score`` are its two halves, so that saved
claims can be re-scored with other weights without reading the corpus again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scorer.config import Config, load_config
from scorer.errors import InputError
from scorer.ingest import IngestStats, read_documents
from scorer.model import CLAIM_COLUMNS, Document
from scorer.parallel import cores

if TYPE_CHECKING:
    import pandas as pd

_CHUNK = 64
_PARALLEL_FROM = (
    256  # below this many documents a process pool costs more than it saves
)


@dataclass(slots=True)
class Extraction:
    """What reading and extraction produce: claims, documents, near-copies."""

    claims: pd.DataFrame
    documents: pd.DataFrame
    near_copies: dict[str, tuple[str, ...]]
    stats: IngestStats = field(default_factory=IngestStats)
    texts: dict[str, str] = field(default_factory=dict)  # cleaned, when asked for


@dataclass(slots=True)
class RunResult:
    """Everything a run produces; the renderers read only this."""

    config: Config
    claims: pd.DataFrame
    subjects: pd.DataFrame
    outlets: pd.DataFrame
    documents: pd.DataFrame
    near_copies: dict[str, tuple[str, ...]]
    stats: IngestStats


def _document_row(doc: Document, n_claims: int) -> dict[str, Any]:
    return {
        "doc_id": doc.id,
        "outlet": doc.outlet,
        "url": doc.url,
        "published": doc.published.isoformat() if doc.published else "",
        "title": doc.title,
        "path": doc.path,
        "chars": len(doc.text),
        "lines_removed": len(doc.removed),
        "encoding": doc.encoding,
        "n_claims": n_claims,
    }


_worker_resources: Any = None


def _extract_chunk(
    args: tuple[list[Document], Any],
) -> tuple[pd.DataFrame, list[tuple[Any, dict]]]:
    """Worker: the claims of a chunk of documents as one table (built here, on every
    core, rather than from rows in the parent), and each document's signature and
    row."""
    import pandas as pd

    from scorer.extract.claims import claims_to_rows, extract_claims, load_resources
    from scorer.independence import document_signature

    docs, extract_config = args
    global _worker_resources
    if _worker_resources is None or _worker_resources[0] != extract_config:
        _worker_resources = (extract_config, load_resources(extract_config))
    resources = _worker_resources[1]
    rows: list[dict] = []
    out = []
    for doc in docs:
        claims = extract_claims(doc, resources, extract_config.keep_unitless)
        rows += claims_to_rows(claims)
        out.append((document_signature(doc.text), _document_row(doc, len(claims))))
    return pd.DataFrame.from_records(rows, columns=list(CLAIM_COLUMNS)), out


def _chunks(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for doc in docs:
        chunk.append(doc)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def extract(
    paths: Sequence[str | Path],
    config: Config | None = None,
    on_warning: Callable[[str], None] | None = None,
    on_document: Callable[[int], None] | None = None,
    jobs: int | None = None,
    keep_texts: bool = False,
) -> Extraction:
    """Read a corpus and extract its claims.

    Parameters
    ----------
    paths
        Folders and files (see :func:`scorer.ingest.read_documents`).
    config
        The whole config (defaults when omitted).
    on_warning
        Called with each warning about a skipped or repaired document.
    on_document
        Called with the number of documents done so far, for progress display.
    jobs
        Worker processes; default: the machine's cores, used only for large corpora.
    keep_texts
        Keep each document's cleaned text in ``Extraction.texts`` (for evaluation,
        which finds gold quotes in them).
    """
    import pandas as pd

    from scorer.extract.claims import load_resources
    from scorer.independence import find_near_copies

    config = config or Config()
    # Load (and so check) the lexicons before reading anything; the serial path and
    # forked workers reuse them instead of loading them again.
    global _worker_resources
    _worker_resources = (config.extract, load_resources(config.extract))
    stream = read_documents(paths, config.ingest, on_warning=on_warning)
    texts: dict[str, str] = {}
    jobs = jobs or cores()
    tables: list[pd.DataFrame] = []
    doc_rows: list[dict] = []
    signatures: dict[str, Any] = {}

    def collect(results: tuple[pd.DataFrame, list[tuple[Any, dict]]]) -> None:
        table, docs = results
        if not table.empty:
            tables.append(table)
        for signature, doc_row in docs:
            signatures[doc_row["doc_id"]] = signature
            doc_rows.append(doc_row)
        if on_document:
            on_document(len(doc_rows))

    chunks = _chunks(_keeping(stream, texts) if keep_texts else stream, _CHUNK)
    first = []
    for chunk in chunks:
        first.append(chunk)
        if len(first) * _CHUNK >= _PARALLEL_FROM:
            break
    if jobs > 1 and len(first) * _CHUNK >= _PARALLEL_FROM:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            # Workers never read the text before cleaning: it is not sent to them.
            work = (
                ([replace(doc, raw_text="") for doc in chunk], config.extract)
                for group in (first, chunks)
                for chunk in group
            )
            for results in pool.map(_extract_chunk, work, chunksize=1):
                collect(results)
    else:
        for chunk in first:
            collect(_extract_chunk((chunk, config.extract)))
        for chunk in chunks:
            collect(_extract_chunk((chunk, config.extract)))

    near_copies = find_near_copies(signatures, config.credibility.near_copy_threshold)
    # A column no claim of a chunk fills (no figure of it with a lower bound) comes
    # as objects: once joined, it is read again as the numbers it holds.
    claims = (
        pd.concat(tables, ignore_index=True).infer_objects()
        if tables
        else pd.DataFrame.from_records([], columns=list(CLAIM_COLUMNS))
    )
    claims["claim_id"] = range(len(claims))
    documents = pd.DataFrame.from_records(
        doc_rows,
        columns=[
            "doc_id",
            "outlet",
            "url",
            "published",
            "title",
            "path",
            "chars",
            "lines_removed",
            "encoding",
            "n_claims",
        ],
    )
    from scorer.independence import copy_groups

    groups = copy_groups(near_copies)
    claims["copy_group"] = claims["doc_id"].map(lambda d: groups.get(d, ""))
    return Extraction(claims, documents, near_copies, stream.stats, texts)


def _keeping(docs: Iterable[Document], texts: dict[str, str]) -> Iterator[Document]:
    """The documents, each one's cleaned text recorded in ``texts`` as it passes."""
    for doc in docs:
        texts[doc.id] = doc.text
        yield doc


def score(
    extraction: Extraction, config: Config | None = None, jobs: int | None = None
) -> RunResult:
    """Group, weigh and score extracted claims (no document is read again).

    ``jobs``: worker processes for the steps of a large corpus (default: the cores).
    """
    from scorer.credibility import score_outlets
    from scorer.disagreement import measure_disagreement
    from scorer.extract.claims import load_frames
    from scorer.group import group_claims
    from scorer.independence import voice_of
    from scorer.provenance import load_outlet_priors, score_provenance

    config = config or Config()
    claims = extraction.claims
    claims = claims[~claims["relative"].astype(bool)] if not claims.empty else claims
    priors = load_outlet_priors(config.provenance)
    claims = score_provenance(claims, config.provenance, priors)
    groups = {
        d: g
        for d, g in zip(
            claims["doc_id"].tolist() if "doc_id" in claims else [],
            claims["copy_group"].tolist() if "copy_group" in claims else [],
            strict=True,
        )
        if isinstance(g, str) and g
    }
    claims["voice"] = [
        voice_of(str(c), str(k), str(d), str(o), groups)
        for c, k, d, o in zip(
            claims["chain"].tolist(),
            claims["chain_kinds"].tolist(),
            claims["doc_id"].tolist(),
            claims["outlet"].tolist(),
            strict=True,
        )
    ]
    claims = group_claims(
        claims, config.group, load_frames(config.extract.cues_file or None), jobs
    )
    subjects = measure_disagreement(claims, config.disagreement, jobs)
    if not subjects.empty:
        subjects = subjects[
            subjects["n_claims"] >= config.report.min_claims
        ].reset_index(drop=True)
        subjects["rank"] = range(1, len(subjects) + 1)
    outlets, doc_scores = score_outlets(
        claims,
        subjects,
        extraction.documents,
        extraction.near_copies,
        config.credibility,
        config.provenance,
        config.disagreement,
    )
    documents = extraction.documents.drop(columns=["n_claims"], errors="ignore").merge(
        doc_scores.drop(columns=["outlet"]), on="doc_id", how="left"
    )
    if not claims.empty:
        rank = dict(zip(subjects["subject"], subjects["rank"], strict=True))
        claims = claims.assign(subject_rank=claims["subject"].map(rank))
        claims = claims.sort_values(
            ["subject_rank", "weight", "doc_id", "start"],
            ascending=[True, False, True, True],
            kind="stable",
        ).reset_index(drop=True)
    return RunResult(
        config=config,
        claims=claims,
        subjects=subjects,
        outlets=outlets,
        documents=documents,
        near_copies=extraction.near_copies,
        stats=extraction.stats,
    )


def run(
    paths: Sequence[str | Path],
    config: Config | str | Path | None = None,
    on_warning: Callable[[str], None] | None = None,
    on_document: Callable[[int], None] | None = None,
    jobs: int | None = None,
) -> RunResult:
    """Read a corpus and produce the ranked disagreement report.

    Examples
    --------
    >>> from scorer import run  # doctest: +SKIP
    >>> result = run(["seeds/"])  # doctest: +SKIP
    >>> result.subjects.head()  # doctest: +SKIP
    """
    if not isinstance(config, Config):
        config = load_config(config)
    extraction = extract(paths, config, on_warning, on_document, jobs)
    if extraction.stats.n_read == 0:
        raise InputError(
            f"no document could be read from {', '.join(map(str, paths))} "
            f"({extraction.stats.n_skipped} skipped)"
        )
    return score(extraction, config, jobs)


def load_claims(path: str | Path) -> Extraction:
    """Read claims saved by ``scorer extract`` or ``scorer run -o`` for re-scoring."""
    import pandas as pd

    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file (write one with `scorer extract`)")
    try:
        if path.suffix == ".parquet":
            claims = pd.read_parquet(path)
        elif path.suffix == ".csv":
            claims = pd.read_csv(path, keep_default_na=False, na_values=[""])
        else:
            raise InputError(f"{path}: expected a .parquet or .csv claims file")
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - any reader failure is a bad input file
        raise InputError(f"{path}: cannot read claims: {exc}") from None
    for added in ("own_actor", "place", "cause"):  # saved before the column was added
        if added not in claims.columns:
            claims[added] = ""
    missing = [c for c in CLAIM_COLUMNS if c not in claims.columns]
    if missing:
        raise InputError(f"{path}: claims file lacks columns {', '.join(missing)}")
    claims = claims[[c for c in (*CLAIM_COLUMNS, "copy_group") if c in claims.columns]]
    for column in (
        "actors",
        "own_actor",
        "scope",
        "noun",
        "noun_surface",
        "predicate",
        "context",
        "keywords",
        "place",
        "cause",
        "published",
        "sentence",
        "hedge_cue",
        "copy_group",
        "unit",
        "doc_id",  # a CSV of numeric ids reads them as numbers
        "outlet",
    ):
        if column in claims.columns:
            claims[column] = claims[column].fillna("").astype(str)
    if "copy_group" not in claims.columns:
        claims["copy_group"] = ""
    documents = (
        claims.groupby("doc_id", sort=True)
        .agg(outlet=("outlet", "first"), n_claims=("claim_id", "size"))
        .reset_index()
    )
    near: dict[str, list[str]] = {d: [] for d in documents["doc_id"]}
    by_group: dict[str, list[str]] = {}
    for doc_id, group in (
        claims[["doc_id", "copy_group"]].drop_duplicates().itertuples(index=False)
    ):
        if group:
            by_group.setdefault(group, []).append(doc_id)
    for members in by_group.values():
        for doc_id in members:
            near[doc_id] = sorted(m for m in members if m != doc_id)
    return Extraction(
        claims.reset_index(drop=True),
        documents,
        {d: tuple(v) for d, v in near.items()},
        IngestStats(n_read=len(documents)),
    )
