"""``scorer explain``: one subject of a run, its claims and the parts of its score."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from scorer.errors import InputError
from scorer.render.report import format_value


def find_subject(report: dict, key: str) -> dict:
    """A subject of a report by id, by rank, or by a unique id prefix."""
    subjects = report.get("subjects", [])
    for subject in subjects:
        if subject["subject"] == key or str(subject["rank"]) == key:
            return subject
    matches = [s for s in subjects if s["subject"].startswith(key)]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(s["subject"] for s in subjects[:5])
    raise InputError(
        f"no subject {key!r} in this run (give an id or a rank; first ids: {known})"
    )


def explain_subject(key: str, run_dir: Path, fmt: str = "table") -> None:
    """Print one subject of the run in ``run_dir`` (its report.json)."""
    path = run_dir / "report.json"
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except OSError:
        raise InputError(
            f"{path}: not found; write a run with `scorer run CORPUS -o {run_dir}`"
        ) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from None
    subject = find_subject(report, key)
    if fmt == "json":
        sys.stdout.write(json.dumps(subject, indent=2, ensure_ascii=False) + "\n")
        return
    weights = report["config"]["disagreement"]
    lines = [
        f"{subject['rank']}. {subject['label']}  [{subject['subject']}]",
        f"  score {subject['window_disagreement']:.3f} "
        f"(all-time {subject['disagreement']:.3f}), "
        f"status {subject['status']}",
        "  centre "
        f"{format_value(subject['centre'], subject['centre'], subject['unit'])}; "
        f"{subject['n_origins']} independent voices, {subject['n_claims']} claims "
        f"(amplification {subject['amplification']})",
        f"  dispersion {subject['dispersion']:.3f} log10 "
        f"-> part {subject['dispersion_part']:.3f}"
        f" (weight {weights['dispersion_weight']})",
        f"  gap        {subject['gap']:.3f} -> part {subject['gap_part']:.3f}"
        f" (weight {weights['gap_weight']})",
        f"  voices     {subject['n_origins']} -> part {subject['voices_part']:.3f}"
        f" (weight {weights['voices_weight']})",
        *_out_of_scale_line(subject, weights),
        *_vague_line(subject),
        "",
        "  claims:",
    ]
    for c in subject["claims"]:
        lines.append(
            f"  - {format_value(c['low'], c['high'], c['unit'])}  {c['outlet']} "
            f"[{c['doc_id']}:{c['start']}-{c['end']}]"
        )
        lines.append(
            f"      chain: {c['chain']}  (distance {c['distance']:g}, "
            f"weight {c['weight']:.3f}, voice {c['voice']})"
        )
        lines.append(f"      quote: {c['quote']}")
    sys.stdout.write("\n".join(lines) + "\n")


def _vague_line(subject: dict) -> list[str]:
    n = subject.get("n_vague") or 0
    if not n:
        return []
    counts = "vague count" if n == 1 else "vague counts"
    return [
        f'  vague      {n} {counts} ("thousands", "dozens") left out: the '
        "subject's more precise figures speak for it"
    ]


def _out_of_scale_line(subject: dict, weights: dict) -> list[str]:
    n = subject.get("n_out_of_scale") or 0
    if subject.get("status") == "incomparable":
        return [
            f"  incomparable: its two voices are more than "
            f"{weights.get('incomparable', 2 * weights['out_of_scale']):g} orders "
            "of magnitude apart, two "
            "quantities rather than a dispute"
        ]
    if subject.get("status") == "part":
        return [
            "  part of a total: its figures, with the others of their sentence, add "
            "up to a figure of another subject, and are left out as its parts"
        ]
    if not n:
        return []
    return [
        f"  out of scale {n} voice{'' if n == 1 else 's'} more than "
        f"{weights['out_of_scale']:g} orders of magnitude from the median, left out"
    ]
