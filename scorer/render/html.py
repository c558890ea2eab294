"""HTML renderer: the report as one self-contained page with plots and tables.

The page fetches nothing: the style sheet is inline, the plots are matplotlib SVG
embedded in the markup, and there is no script. Every string that comes from the
corpus or the config is escaped where it lands: HTML text and attributes here, SVG
text by matplotlib (with mathtext parsing off, so "$4bn-$9bn" stays text).
"""

from __future__ import annotations

import html
import io
import json
import math
import re
from typing import Any

from scorer.model import SOURCE_KINDS
from scorer.render.report import format_value

_COMPONENTS = ("proximity", "sourcing", "fidelity", "independence", "agreement")
_STATUSES = ("contested", "agreed", "uncontested", "incomparable", "part")
_MIN_DETAILED = 3  # plot at least this many subjects, even with a smaller ``top``
_MAX_BARS = 25  # claims per plot (the heaviest); the table under it lists more
_MAX_TABLE_ROWS = 200  # claims per subject table (the heaviest); claims.csv has all
_MAX_OUTLETS = 30  # outlets in the credibility chart; the table lists them all
_LOG_SPAN = 1.5  # orders of magnitude beyond which the value axis is logarithmic
_FIG_WIDTH = 10.0  # inches; every plot has the same width, so text scales alike

_COMPONENT_COLOURS = {
    "credibility": "#1f2937",
    "proximity": "#2563eb",
    "sourcing": "#0891b2",
    "fidelity": "#16a34a",
    "independence": "#ca8a04",
    "agreement": "#db2777",
}

_RC = {
    # Fixed ids and no timestamp: the same report renders byte-identical HTML.
    "svg.hashsalt": "scorer",
    # Text stays text in the SVG: smaller, selectable, and escaped by matplotlib.
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Helvetica Neue", "Helvetica", "Arial"],
    "font.size": 9.5,
    "axes.edgecolor": "#9ca3af",
    "axes.labelcolor": "#374151",
    "xtick.color": "#4b5563",
    "ytick.color": "#1f2937",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.spines.left": False,
    "legend.frameon": False,
}

_CSS = """
:root{--fg:#1f2937;--muted:#6b7280;--line:#e5e7eb;--soft:#f9fafb;--accent:#2563eb}
*{box-sizing:border-box}
body{margin:0;color:var(--fg);background:#fff;font:15px/1.5 system-ui,-apple-system,
"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1200px;margin:0 auto;padding:28px 24px 56px}
h1{font-size:1.7rem;margin:0 0 4px}
h2{font-size:1.3rem;margin:44px 0 12px;padding-bottom:6px;
border-bottom:2px solid var(--line)}
h3{font-size:1.1rem;margin:36px 0 4px}
a{color:var(--accent);text-decoration:none}
a:hover{text-decoration:underline}
code{font:.85em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.muted{color:var(--muted)}
.small{font-size:.82rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(120px,1fr));gap:10px;
margin:18px 0}
.card{border:1px solid var(--line);border-radius:10px;padding:10px 14px;
background:var(--soft)}
.card b{display:block;font-size:1.6rem;font-variant-numeric:tabular-nums;
line-height:1.2}
.card span{color:var(--muted);font-size:.85rem}
details{margin:10px 0;border:1px solid var(--line);border-radius:10px;padding:8px 14px}
summary{cursor:pointer;font-weight:600}
pre{overflow:auto;font-size:.82rem;margin:8px 0 4px;line-height:1.4}
ul.warnings{margin:8px 0;padding-left:20px;font-size:.9rem}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:left;
vertical-align:top}
th{font-weight:600;color:var(--muted);font-size:.78rem;text-transform:uppercase;
letter-spacing:.03em;white-space:nowrap;vertical-align:bottom}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.value{white-space:nowrap;font-variant-numeric:tabular-nums}
td.date{white-space:nowrap}
tbody tr:hover{background:var(--soft)}
table.subjects td:nth-child(2){min-width:14rem}
.meter{display:inline-block;width:56px;height:7px;background:var(--line);border-radius:4px;
vertical-align:middle;margin-right:6px;overflow:hidden}
.meter i{display:block;height:100%;background:var(--accent)}
.chain{display:flex;flex-wrap:wrap;align-items:center;gap:3px 4px;min-width:15rem}
.chip{display:inline-block;padding:0 8px;border-radius:999px;border:1px solid #d1d5db;
background:#fff;font-size:.8rem;white-space:nowrap}
.chip.publisher{background:#f3f4f6}
.chip.primary,.chip.official{background:#dcfce7;border-color:#86efac}
.chip.wire,.chip.outlet{background:#dbeafe;border-color:#93c5fd}
.chip.expert,.chip.person{background:#ede9fe;border-color:#c4b5fd}
.chip.anonymous,.chip.unknown{background:#fef3c7;border-color:#fcd34d}
.arrow{color:var(--muted);font-size:.8rem}
.badge{display:inline-block;padding:0 7px;border-radius:6px;font-size:.75rem;
background:#f3f4f6;color:#374151;white-space:nowrap}
.badge.contested{background:#fee2e2;color:#991b1b}
.badge.agreed{background:#dcfce7;color:#166534}
.badge.incomparable{background:#e0e7ff;color:#3730a3}
.badge.part{background:#f3e8ff;color:#6b21a8}
.badge.hedged{background:#fef3c7;color:#92400e}
.rank{display:inline-block;min-width:1.8em;padding:0 6px;margin-right:6px;
border-radius:6px;background:var(--fg);color:#fff;text-align:center;font-size:.9rem}
.meta{margin:2px 0 8px;color:#374151;font-size:.9rem}
.quote{color:#374151;min-width:20ch;max-width:52ch}
figure{margin:10px 0 14px}
figure svg{display:block;width:100%;height:auto}
svg.plot *{stroke-linejoin:round;stroke-linecap:butt}
figcaption{color:var(--muted);font-size:.82rem;margin-top:2px}
footer{margin-top:48px;color:var(--muted);font-size:.8rem}
@media (max-width:720px){body{font-size:14px}main{padding:16px 10px 40px}
.quote{min-width:14ch}}
"""


def _esc(value: Any) -> str:
    """Escape for HTML text and double-quoted attributes."""
    return "" if value is None else html.escape(str(value), quote=True)


def _num(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _score(value: Any) -> str:
    number = _num(value)
    return "–" if number is None else f"{number:.2f}"


def _short(text: Any, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _date(claim: dict[str, Any]) -> str:
    value = claim.get("published")
    return str(value)[:10] if value else ""


def _links(claim: dict[str, Any]) -> list[str]:
    return [
        link.strip()
        for link in str(claim.get("chain") or "").split(" > ")
        if link.strip()
    ]


def _kind(value: Any) -> str:
    """A source kind safe to use as a CSS class."""
    return value if value in SOURCE_KINDS else "unknown"


def _meter(value: Any) -> str:
    number = _num(value)
    if number is None:
        return '<span class="muted" title="not measurable">–</span>'
    width = max(0.0, min(1.0, number)) * 100
    return f'<span class="meter"><i style="width:{width:.0f}%"></i></span>{number:.2f}'


def _compact(x: float) -> str:
    """Axis tick text: 25k, 1.5M, 20bn."""
    magnitude = abs(x)
    for divisor, suffix in ((1e12, "T"), (1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if magnitude >= divisor:
            return f"{x / divisor:.3g}{suffix}"
    return f"{x:.3g}"


def _ordered_claims(claims: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], bool]:
    """Claims by publication date (undated last) when any is dated, else as given."""
    if not any(_date(c) for c in claims):
        return list(claims), False
    return sorted(claims, key=lambda c: (not _date(c), _date(c))), True


def _heaviest(claims: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """The ``count`` heaviest claims, in their given order."""
    chosen = sorted(
        range(len(claims)), key=lambda i: (-(_num(claims[i].get("weight")) or 0.0), i)
    )[:count]
    return [claims[i] for i in sorted(chosen)]


def _detailed(report: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    """(position in the ranking, subject) for the subjects shown in detail."""
    count = max(int(report.get("top") or 0), _MIN_DETAILED)
    return [
        (i, s) for i, s in enumerate(report["subjects"], start=1) if s.get("claims")
    ][:count]


# --------------------------------------------------------------------------- plots


def _svg(fig: Any, key: str, label: str) -> str:
    """The figure as inline SVG markup, with ids made unique within the page."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]  # no XML prologue or DOCTYPE inside HTML
    # The RDF block names matplotlib's site and version: not needed, not wanted.
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, count=1, flags=re.S)
    # Its <style> would apply to the whole page; the page's CSS carries it, scoped.
    text = re.sub(
        r"\s*<defs>\s*<style[^>]*>.*?</style>\s*</defs>", "", text, count=1, flags=re.S
    )

    def scope(tag: re.Match[str]) -> str:
        # Several SVGs share one document, so their ids (and the references to them)
        # get a per-figure prefix. Only tags are touched, never text content.
        out = re.sub(r'\bid="([^"]+)"', rf'id="{key}-\1"', tag.group(0))
        out = re.sub(r"url\(#([^)]+)\)", rf"url(#{key}-\1)", out)
        return re.sub(r'\b((?:xlink:)?href)="#([^"]+)"', rf'\1="#{key}-\2"', out)

    text = re.sub(r"<[^<>]+>", scope, text)
    head, rest = text.split(">", 1)
    head = re.sub(r'\s(?:width|height)="[^"]*"', "", head)
    head += f' class="plot" role="img" aria-label="{_esc(label)}"'
    return (head + ">" + rest).strip()


def _distance_colour(vmax: float) -> Any:
    from matplotlib import colormaps
    from matplotlib.colors import Normalize

    cmap = colormaps["plasma"]
    norm = Normalize(0.0, vmax)

    def colour(distance: float | None) -> Any:
        # plasma is cut at 0.85: its last yellows vanish on a white page
        return "#9ca3af" if distance is None else cmap(0.85 * min(1.0, norm(distance)))

    return colour


def _open_bar(ax, y: float, bound: float, tip: float, arrow: str, colour) -> None:  # noqa: ANN001
    """A pale bar from the known bound to the axis edge, ending in an arrow."""
    left, right = sorted((bound, tip))
    ax.barh(
        y,
        right - left,
        left=left,
        height=0.52,
        color=colour,
        alpha=0.45,
        zorder=3,
        lw=0,
    )
    ax.plot([bound], [y], "|", ms=13, mew=2.6, color=colour, zorder=4)
    ax.plot([tip], [y], arrow, ms=9, color=colour, zorder=4)


def _subject_plot(subject: dict[str, Any], key: str, vmax: float) -> tuple[str, str]:
    """One subject's claims as bars on a shared value axis: (SVG, caption notes)."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullLocator

    valued = [
        c
        for c in subject["claims"]
        if _num(c.get("low")) is not None or _num(c.get("high")) is not None
    ]
    notes = []
    if len(valued) < len(subject["claims"]):
        missing = len(subject["claims"]) - len(valued)
        notes.append(
            f"{missing} claim{'' if missing == 1 else 's'} without a value left out"
        )
    if len(valued) > _MAX_BARS:
        valued = _heaviest(valued, _MAX_BARS)
        notes.append(
            f"the {_MAX_BARS} heaviest of {len(subject['claims'])} claims shown"
        )
    claims, dated = _ordered_claims(valued)
    if dated:
        notes.insert(0, "bars in order of publication")

    bounds = [
        v
        for c in claims
        for v in (_num(c.get("low")), _num(c.get("high")))
        if v is not None
    ]
    centre = _num(subject.get("centre"))
    dispersion = _num(subject.get("dispersion")) or 0.0
    points = bounds + ([centre] if centre is not None else [])
    positive = min(points) > 0
    log = positive and math.log10(max(points) / min(points)) > _LOG_SPAN
    forward = math.log10 if log else (lambda x: x)
    backward = (lambda x: 10**x) if log else (lambda x: x)
    t_low, t_high = forward(min(points)), forward(max(points))
    span = t_high - t_low or (0.5 if log else abs(t_high) * 0.4 or 1.0)
    open_low = any(_num(c.get("low")) is None for c in claims)
    open_high = any(_num(c.get("high")) is None for c in claims)
    left = t_low - 0.08 * span - (0.14 * span if open_low else 0.0)
    right = t_high + 0.08 * span + (0.14 * span if open_high else 0.0)
    x_left, x_right = backward(left), backward(right)
    tip_left = backward(left + 0.015 * (right - left))
    tip_right = backward(right - 0.015 * (right - left))
    colour = _distance_colour(vmax)

    with matplotlib.rc_context(_RC):
        fig = Figure(
            figsize=(_FIG_WIDTH, 1.35 + 0.34 * len(claims)), layout="constrained"
        )
        ax = fig.add_subplot()
        if log:
            ax.set_xscale("log")
        if centre is not None:
            if positive and dispersion > 0:
                ax.axvspan(
                    centre * 10**-dispersion,
                    centre * 10**dispersion,
                    color="#eef2f7",
                    zorder=0,
                )
            ax.axvline(centre, color="#111827", lw=1.1, ls=(0, (4, 3)), zorder=1)
        labels = []
        for y, claim in enumerate(claims):
            low, high = _num(claim.get("low")), _num(claim.get("high"))
            if low is not None and high is not None and low > high:
                low, high = high, low
            c = colour(_num(claim.get("distance")))
            if low is not None and low == high:
                ax.plot([low], [y], "o", ms=9, color=c, mec="white", mew=1.2, zorder=4)
                start = end = low
            elif low is not None and high is not None:
                ax.barh(y, high - low, left=low, height=0.52, color=c, zorder=3)
                start, end = low, high
            elif low is not None:  # "more than": open to the right
                _open_bar(ax, y, low, tip_right, ">", c)
                start, end = low, tip_right
            else:  # "up to": open to the left
                _open_bar(ax, y, high, tip_left, "<", c)
                start, end = tip_left, high
            text = format_value(claim.get("low"), claim.get("high"))
            at_end = (forward(end) - left) / (right - left)
            at_start = (forward(start) - left) / (right - left)
            if at_end < 0.8:
                place = {"xy": (end, y), "xytext": (7, 0), "ha": "left"}
            elif at_start > 0.2:
                place = {"xy": (start, y), "xytext": (-7, 0), "ha": "right"}
            else:
                place = {
                    "xy": (backward((forward(start) + forward(end)) / 2), y),
                    "xytext": (0, 0),
                    "ha": "center",
                }
            ax.annotate(
                text,
                textcoords="offset points",
                va="center",
                fontsize=8.5,
                color="#111827",
                zorder=5,
                parse_math=False,
                bbox={
                    "boxstyle": "round,pad=0.15",
                    "fc": "white",
                    "ec": "none",
                    "alpha": 0.85,
                },
                **place,
            )
            labels.append(_bar_label(claim, dated))
        ax.set_xlim(x_left, x_right)
        ax.set_ylim(len(claims) - 0.5, -0.5)
        ax.set_yticks(range(len(claims)), labels=labels, parse_math=False)
        ax.tick_params(axis="y", length=0, labelsize=9)
        if log:
            subs = (1.0,) if span > 4 else (1.0, 2.0, 5.0)
            ax.xaxis.set_major_locator(LogLocator(base=10, subs=subs))
            ax.xaxis.set_minor_locator(NullLocator())
        else:
            ax.xaxis.set_major_locator(MaxNLocator(8))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: _compact(x)))
        unit = str(subject.get("unit") or "value")
        ax.set_xlabel(unit + (" (log scale)" if log else ""), parse_math=False)
        ax.grid(axis="x", color="#e5e7eb", lw=0.8)
        ax.set_axisbelow(True)

        distances = sorted(
            {d for c in claims if (d := _num(c.get("distance"))) is not None}
        )
        handles = [
            Patch(color=colour(d), label=f"{d:g} hop" + ("" if d == 1 else "s"))
            for d in distances
        ]
        if any(_num(c.get("distance")) is None for c in claims):
            handles.append(Patch(color=colour(None), label="unknown"))
        if centre is not None:
            handles.append(
                Line2D(
                    [],
                    [],
                    color="#111827",
                    lw=1.1,
                    ls=(0, (4, 3)),
                    label="weighted centre",
                )
            )
            if positive and dispersion > 0:
                handles.append(Patch(color="#eef2f7", label="centre ± dispersion"))
        ax.legend(
            handles=handles,
            loc="lower left",
            bbox_to_anchor=(0.0, 1.0),
            ncols=min(len(handles), 8),
            fontsize=8.5,
            handlelength=1.4,
            columnspacing=1.2,
            title="colour: hops to a primary source",
            title_fontsize=8.5,
            alignment="left",
            borderaxespad=0.2,
        )
        svg = _svg(fig, key, f"Claimed values for {subject.get('label', '')}")
    fig.clear()
    return svg, "; ".join(notes)


def _bar_label(claim: dict[str, Any], dated: bool) -> str:
    """ "2023-03-14  Gazette → … → NEO": outlet and origin, with the date if any."""
    links = _links(claim)
    outlet = str(claim.get("outlet") or (links[0] if links else "?"))
    origin = str(claim.get("origin") or (links[-1] if links else ""))
    text = _short(outlet, 34)
    if len(links) > 1 and origin and origin != outlet:
        text += (" → … → " if len(links) > 2 else " → ") + _short(origin, 30)
    if dated:
        text = f"{_date(claim) or 'undated'}  {text}"
    return text


def _outlet_plot(outlets: list[dict[str, Any]], key: str) -> str:
    """Grouped horizontal bars: each outlet's credibility and its components."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    names = ("credibility", *_COMPONENTS)
    band = 0.84 / len(names)
    rows = outlets[:_MAX_OUTLETS]
    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(_FIG_WIDTH, 1.7 + 0.58 * len(rows)), layout="constrained")
        ax = fig.add_subplot()
        for i, outlet in enumerate(rows):
            for j, name in enumerate(names):
                y = i - 0.42 + band * (j + 0.5)
                value = _num(outlet.get(name))
                if value is None:
                    ax.text(
                        0.006,
                        y,
                        "– not measurable",
                        va="center",
                        fontsize=7,
                        color="#9ca3af",
                        parse_math=False,
                    )
                    continue
                ax.barh(
                    y,
                    value,
                    height=band * 0.86,
                    color=_COMPONENT_COLOURS[name],
                    zorder=3,
                )
                if value == 0:  # a zero-length bar is invisible: say it
                    ax.text(
                        0.006,
                        y,
                        "0",
                        va="center",
                        fontsize=7,
                        color="#4b5563",
                        parse_math=False,
                    )
                elif name == "credibility":
                    ax.text(
                        value + 0.008,
                        y,
                        f"{value:.2f}",
                        va="center",
                        fontsize=8,
                        color="#111827",
                        parse_math=False,
                    )
        ax.set_yticks(
            range(len(rows)),
            labels=[_short(o.get("outlet", ""), 34) for o in rows],
            parse_math=False,
        )
        ax.tick_params(axis="y", length=0, labelsize=9.5)
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_xlim(0, 1.04)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
        ax.grid(axis="x", color="#e5e7eb", lw=0.8)
        ax.set_axisbelow(True)
        for i in range(1, len(rows)):
            ax.axhline(i - 0.5, color="#e5e7eb", lw=0.8)
        ax.set_xlabel("score (0 = worst, 1 = best)")
        ax.legend(
            handles=[Patch(color=_COMPONENT_COLOURS[n], label=n) for n in names],
            loc="lower left",
            bbox_to_anchor=(0.0, 1.0),
            ncols=len(names),
            fontsize=8.5,
            handlelength=1.4,
            borderaxespad=0.2,
        )
        svg = _svg(fig, key, "Outlet credibility and its components")
    fig.clear()
    return svg


# ---------------------------------------------------------------------------- page


def _toml_key(key: Any) -> str:
    key = str(key)
    return (
        key
        if re.fullmatch(r"[A-Za-z0-9_-]+", key)
        else json.dumps(key, ensure_ascii=False)
    )


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return '""  # unset'
    return json.dumps(value, ensure_ascii=False, default=str)


def _config_lines(table: dict[str, Any], path: tuple[str, ...] = ()) -> list[str]:
    """The config as TOML-like text, one [section] per nested table."""
    scalars = [(k, v) for k, v in table.items() if not isinstance(v, dict)]
    nested = [(k, v) for k, v in table.items() if isinstance(v, dict)]
    lines = []
    if path and (scalars or not nested):
        lines.append("[" + ".".join(_toml_key(p) for p in path) + "]")
    lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in scalars]
    for key, value in nested:
        if lines:
            lines.append("")
        lines += _config_lines(value, (*path, str(key)))
    return lines


def _table(headers: list[tuple[str, str]], rows: list[list[str]], css: str = "") -> str:
    """A table from already escaped cells; headers are (text, class) pairs."""
    head = "".join(
        f'<th class="{cls}">{text}</th>' if cls else f"<th>{text}</th>"
        for text, cls in headers
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="{cls}">{cell}</td>' if cls else f"<td>{cell}</td>"
            for cell, (_, cls) in zip(row, headers, strict=True)
        )
        + "</tr>"
        for row in rows
    )
    table_class = f' class="{css}"' if css else ""
    return (
        f'<div class="scroll"><table{table_class}><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def _chain(claim: dict[str, Any]) -> str:
    """Chips from the publisher out to the origin: outlet → AP → origin."""
    links = _links(claim) or [str(claim.get("outlet") or "?")]
    chips = []
    for i, link in enumerate(links):
        if i == 0:
            kind, title = "publisher", "publisher"
        elif i == len(links) - 1:
            kind = _kind(claim.get("origin_kind"))
            title = f"origin ({kind})"
        else:
            kind, title = "", "cited by the previous link"
        css = f"chip {kind}" if kind else "chip"
        chips.append(f'<span class="{css}" title="{_esc(title)}">{_esc(link)}</span>')
    return (
        '<span class="chain">'
        + '<span class="arrow" aria-label="citing">→</span>'.join(chips)
        + "</span>"
    )


def _summary(report: dict[str, Any]) -> str:
    summary = report.get("summary", {})
    cards = [
        ("documents read", summary.get("documents_read")),
        ("skipped", summary.get("documents_skipped")),
        ("claims", summary.get("claims")),
        ("subjects", summary.get("subjects")),
        ("contested", summary.get("contested")),
        ("outlets", summary.get("outlets")),
    ]
    parts = ['<section id="summary"><div class="cards">']
    parts += [
        f'<div class="card"><b>{_esc(v if v is not None else "–")}</b>'
        f"<span>{_esc(k)}</span></div>"
        for k, v in cards
    ]
    parts.append("</div>")
    removed = summary.get("lines_removed")
    if removed:
        parts.append(
            f'<p class="muted small">Cleaning removed {_esc(removed)} lines of '
            "boilerplate (menus, bylines, repeated lines).</p>"
        )
    warnings = summary.get("warnings") or []
    if warnings:
        items = "".join(f"<li>{_esc(w)}</li>" for w in warnings)
        parts.append(
            f"<details><summary>{len(warnings)} warning"
            f"{'' if len(warnings) == 1 else 's'}</summary>"
            f'<ul class="warnings">{items}</ul></details>'
        )
    config = report.get("config")
    if config:
        text = (
            "\n".join(_config_lines(config))
            if isinstance(config, dict)
            else str(config)
        )
        parts.append(
            "<details><summary>Configuration of this run</summary>"
            f"<pre>{_esc(text)}</pre></details>"
        )
    parts.append("</section>")
    return "".join(parts)


def _subjects_table(report: dict[str, Any], anchors: dict[int, str]) -> str:
    rows = []
    for i, s in enumerate(report["subjects"], start=1):
        label = _esc(s.get("label"))
        if i in anchors:
            label = f'<a href="#{anchors[i]}">{label}</a>'
        status = s.get("status")
        badge = (
            f'<span class="badge {status}">{_esc(status)}</span>'
            if status in _STATUSES
            else _esc(status)
        )
        rows.append(
            [
                _esc(s.get("rank", i)),
                label,
                _meter(s.get("window_disagreement")),
                _score(s.get("disagreement")),
                _esc(format_value(s.get("low"), s.get("high"), s.get("unit") or "")),
                _esc(s.get("n_origins")),
                _esc(s.get("n_claims")),
                badge,
            ]
        )
    return _table(
        [
            ("rank", "num"),
            ("subject", ""),
            ("score", "num"),
            ("all-time", "num"),
            ("values", "value"),
            ("voices", "num"),
            ("claims", "num"),
            ("status", ""),
        ],
        rows,
        "subjects",
    )


def _subject_section(
    position: int, subject: dict[str, Any], anchor: str, vmax: float
) -> str:
    unit = subject.get("unit") or ""
    centre = _num(subject.get("centre"))
    meta = [
        f"score <b>{_score(subject.get('window_disagreement'))}</b> "
        f"(all-time {_score(subject.get('disagreement'))})",
        f"dispersion {_score(subject.get('dispersion_part'))}, "
        f"gap {_score(subject.get('gap_part'))}, "
        f"voices {_score(subject.get('voices_part'))}",
    ]
    if centre is not None:
        meta.append(f"centre {_esc(format_value(centre, centre, unit))}")
    meta.append(
        f"{_esc(subject.get('n_origins'))} voices, {_esc(subject.get('n_claims'))} "
        f"claims, {_esc(subject.get('n_docs'))} documents"
    )
    if subject.get("n_out_of_scale"):
        meta.append(
            f"{_esc(subject['n_out_of_scale'])} out of scale, left out of the score"
        )
    if subject.get("n_vague"):
        meta.append(
            f"{_esc(subject['n_vague'])} vague, left out: more precise figures speak"
        )
    amplification = _num(subject.get("amplification"))
    if amplification is not None and amplification > 1:
        meta.append(f"amplification {amplification:.1f}×")
    svg, notes = _subject_plot(subject, f"fig{position}", vmax)
    caption = (
        "Bar: a claimed range · dot: a single value · arrow: an open bound "
        "(“more than”, “up to”) · colour: hops from the outlet to a primary source."
    )
    if notes:
        caption += " " + _esc(notes[0].upper() + notes[1:]) + "."
    shown = subject["claims"]
    if len(shown) > _MAX_TABLE_ROWS:
        shown = _heaviest(shown, _MAX_TABLE_ROWS)
        caption += (
            f" The table lists the {_MAX_TABLE_ROWS} heaviest of "
            f"{len(subject['claims'])} claims; the JSON report and claims.csv "
            "(scorer run -o) have them all."
        )
    claims, dated = _ordered_claims(shown)
    headers = [("date", "date")] if dated else []
    headers += [
        ("outlet", ""),
        ("value", "value"),
        ("attribution chain", ""),
        ("distance", "num"),
        ("weight", "num"),
        ("quote", ""),
    ]
    rows = []
    for c in claims:
        hedged = ' <span class="badge hedged">hedged</span>' if c.get("hedged") else ""
        distance = _num(c.get("distance"))
        row = [_esc(_date(c) or "–")] if dated else []
        row += [
            f"{_esc(c.get('outlet'))}<br>"
            f'<code class="muted">{_esc(c.get("doc_id"))}</code>',
            _esc(format_value(c.get("low"), c.get("high"), c.get("unit") or ""))
            + hedged,
            _chain(c),
            "–" if distance is None else f"{distance:g}",
            _score(c.get("weight")),
            f'<span class="quote">“{_esc(c.get("quote"))}”</span>',
        ]
        rows.append(row)
    return (
        f'<section class="subject" id="{anchor}">'
        f'<h3><span class="rank">{_esc(subject.get("rank", position))}</span>'
        f"{_esc(subject.get('label'))}</h3>"
        f'<p class="meta">{" · ".join(meta)} · <code class="muted">'
        f"{_esc(subject.get('subject'))}</code></p>"
        f"<figure>{svg}<figcaption>{caption}</figcaption></figure>"
        f"{_table(headers, rows, 'claims')}</section>"
    )


def _outlets_section(outlets: list[dict[str, Any]]) -> str:
    if not outlets:
        return ""
    parts = [
        '<section id="outlets"><h2>Outlet credibility</h2>',
        '<p class="muted small">Credibility is the weighted mean of the components '
        "that can be measured; “–” marks a component with nothing to measure "
        "(e.g. fidelity when no cited source is in the corpus).</p>",
    ]
    caption = ""
    if len(outlets) > _MAX_OUTLETS:
        caption = (
            f"<figcaption>The first {_MAX_OUTLETS} of {len(outlets)} outlets; "
            "the table lists them all.</figcaption>"
        )
    parts.append(f"<figure>{_outlet_plot(outlets, 'outlets')}{caption}</figure>")
    rows = [
        [
            _esc(o.get("outlet")),
            _esc(o.get("n_docs")),
            _esc(o.get("n_claims")),
            _meter(o.get("credibility")),
            *(_meter(o.get(c)) for c in _COMPONENTS),
        ]
        for o in outlets
    ]
    parts.append(
        _table(
            [
                ("outlet", ""),
                ("docs", "num"),
                ("claims", "num"),
                ("credibility", "num"),
                *((c, "num") for c in _COMPONENTS),
            ],
            rows,
            "outlets",
        )
    )
    parts.append("</section>")
    return "".join(parts)


def _documents_section(documents: list[dict[str, Any]]) -> str:
    if not documents:
        return ""
    rows = []
    for d in documents:
        title = _esc(d.get("title"))
        url = d.get("url")
        # URLs are shown as text, never links: the page must not reach the network.
        source = f'<br><code class="muted">{_esc(url)}</code>' if url else ""
        rows.append(
            [
                f"<code>{_esc(d.get('doc_id'))}</code>",
                _esc(d.get("outlet")),
                _esc(d.get("published") or "–"),
                f"{title}{source}",
                _esc(d.get("n_claims")),
                _score(d.get("distance")),
                _score(d.get("deviation")),
                _score(d.get("credibility")),
                _esc(d.get("near_copies") or ""),
            ]
        )
    table = _table(
        [
            ("document", ""),
            ("outlet", ""),
            ("date", "date"),
            ("title / url", ""),
            ("claims", "num"),
            ("distance", "num"),
            ("deviation", "num"),
            ("credibility", "num"),
            ("near-copies", ""),
        ],
        rows,
        "documents",
    )
    return (
        f'<section id="documents"><h2>Documents</h2><details><summary>'
        f"{len(documents)} documents</summary>{table}</details></section>"
    )


def render_html(report: dict[str, Any]) -> str:
    """The report as one self-contained HTML page.

    Parameters
    ----------
    report
        A report built by :func:`scorer.render.report.build_report`.

    Returns
    -------
    str
        The page: inline CSS, inline SVG plots (matplotlib), no script and no
        reference to anything outside the file. The same report gives the same bytes.
    """
    detailed = _detailed(report)
    anchors = {i: f"subject-{i}" for i, _ in detailed}
    distances = [
        d
        for _, s in detailed
        for c in s["claims"]
        if (d := _num(c.get("distance"))) is not None
    ]
    vmax = max([3.0, *distances])  # one colour scale for every plot on the page
    summary = report.get("summary", {})
    parts = [
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Disagreement report</title>"
        f"<style>{_CSS}</style></head><body><main>",
        "<header><h1>Disagreement report</h1>"
        '<p class="muted">Where independent sources disagree on the numbers, and how '
        "close each outlet comes to a primary source.</p></header>",
        _summary(report),
        '<section id="subjects"><h2>Subjects, most disputed first</h2>',
    ]
    if report["subjects"]:
        parts.append(
            '<p class="muted small">Score: disagreement among sources speaking at the '
            "same time (0–1); all-time: over the whole corpus. Voices: independent "
            "origins.</p>"
        )
        parts.append(_subjects_table(report, anchors))
    else:
        parts.append(
            f"<p>No numeric claims were found in {_esc(summary.get('documents_read'))}"
            " documents.</p>"
        )
    parts.append("</section>")
    if detailed:
        parts.append('<section id="details"><h2>The most disputed subjects</h2>')
        parts += [_subject_section(i, s, anchors[i], vmax) for i, s in detailed]
        parts.append("</section>")
    parts.append(_outlets_section(report.get("outlets") or []))
    parts.append(_documents_section(report.get("documents") or []))
    parts.append(
        "<footer>Generated by scorer. This page is self-contained: it loads "
        "nothing from the network.</footer></main></body></html>\n"
    )
    return "".join(parts)
