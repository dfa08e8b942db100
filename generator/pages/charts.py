"""Charts drawn at build time: each city's inventories against its own targets and an 80%-by-2050
pathway, the gap to that pathway in words and as a table, and one chart comparing the cities.

Pure: models in, text out. The SVG is inline, so it needs no request, no script and no font; its
colours are Material's CSS variables, so it follows the light and dark palettes. Every text from the
data is escaped with html.escape in SVG and HTML, and with text.md_text in Markdown.

Arithmetic is exact (fractions of the figures as written in the YAML); only what is printed is
rounded, to whole tonnes and whole percent, halves away from zero. docs/methodology.md ("Pathways and
gaps") explains the lines in words.
"""

import html
import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from markupsafe import Markup

from generator.pages import geo, paging
from generator.pages.escape import md_text
from generator.pages.i18n import plain, text_direction
from generator.pages.text import environment, label, number
from generator.reading.load import Corpus, Loaded
from generator.schema.model import City, Target

PATHWAY_YEAR = 2050
PATHWAY_CUT = 80
"""The reference pathway: a straight line from the earliest inventory, taken as the baseline,
to PATHWAY_CUT percent below it in PATHWAY_YEAR."""


def pathway_name() -> str:
    """The reference pathway's name, in the current language: "80%-by-2050 pathway"."""
    return plain("%(cut)s%%-by-%(year)s pathway", cut=PATHWAY_CUT, year=PATHWAY_YEAR)


DRAWN_STATUSES = ("adopted", "legislated")
"""Own targets drawn; revised, abandoned and aspirational ones are not."""


# --- numbers --------------------------------------------------------------------------------------------


def exact(value: float | int) -> Fraction:
    """The figure as written in the YAML (the shortest decimal of the float), as an exact fraction."""
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


def whole(value: Fraction) -> int:
    """Rounded to a whole number, halves away from zero."""
    n = math.floor(abs(value) + Fraction(1, 2))
    return n if value >= 0 else -n


def _tonnes(value: Fraction) -> str:
    return number(whole(value))


def _figure(value: float | int) -> str:
    """An inventory total as the YAML gives it, with thousands separators."""
    return number(value)


def _signed(value: Fraction) -> str:
    """A whole percent with a sign, e.g. "+4%" or "0%"; a cut has the minus sign U+2212 (read out by screen readers)."""
    n = whole(value)
    return f"−{number(-n)}%" if n < 0 else f"+{number(n)}%" if n > 0 else "0%"


# --- the data of a city's chart ------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    """A city's inventories, one per year (the first listed, if a year is given twice), oldest first."""

    points: list[tuple[int, Fraction]]
    figures: dict[int, float | int]
    """The totals as written, for printing."""


def inventories(city: City) -> Series:
    figures: dict[int, float | int] = {}
    for inventory in city.inventories:
        figures.setdefault(inventory.year, inventory.total_tco2e)
    years = sorted(figures)
    return Series([(y, exact(figures[y])) for y in years], {y: figures[y] for y in years})


def pathway_value(base_year: int, base: Fraction, year: int) -> Fraction:
    """The reference pathway in `year`: a straight line from `base` in `base_year` to PATHWAY_CUT percent
    below it in PATHWAY_YEAR, flat after PATHWAY_YEAR."""
    if base_year >= PATHWAY_YEAR:
        raise ValueError(f"the baseline year {base_year} is not before {PATHWAY_YEAR}")
    done = Fraction(min(max(year, base_year), PATHWAY_YEAR) - base_year, PATHWAY_YEAR - base_year)
    return base * (1 - Fraction(PATHWAY_CUT, 100) * done)


@dataclass(frozen=True)
class Trajectory:
    """The city's own adopted and legislated targets as one line: a start (the inventory of the targets'
    baseline year) and the value each target asks for in its year."""

    points: list[tuple[int, Fraction]]
    """Empty when no target can be drawn."""
    drawn: list[str]
    left_out: list[str]
    """Targets of the drawn statuses that could not be drawn, each with the reason."""
    others: int
    """Targets not drawn because of their status (revised, abandoned or aspirational)."""


def _kind(kind: str) -> str:
    return label(kind)


def describe_target(target: Target) -> str:
    """A target in words, e.g. "50% below 2005 by 2030 (adopted)"."""
    if target.kind == "percent-reduction" and target.percent is not None:
        if target.baseline_year is not None:
            what = plain("%(percent)s%% below %(year)s", percent=_figure(target.percent), year=target.baseline_year)
        else:
            what = f"{_figure(target.percent)}%"
    else:
        what = _kind(target.kind)
    return plain("%(what)s by %(year)s (%(status)s)", what=what, year=target.target_year, status=label(target.status))


def own_trajectory(city: City) -> Trajectory:
    """The line of the city's own targets; see docs/methodology.md, "Pathways and gaps"."""
    series = inventories(city)
    known = dict(series.points)
    active = [t for t in city.targets if t.status in DRAWN_STATUSES]
    milestones: list[tuple[int, Fraction, Target]] = []
    left_out: list[str] = []
    anchors: list[int] = []
    zero_targets: list[Target] = []
    for t in active:
        if t.kind == "percent-reduction":
            if t.percent is None:
                left_out.append(plain("%(target)s, because it states no percentage", target=describe_target(t)))
            elif t.baseline_year is None:
                left_out.append(plain("%(target)s, because it states no baseline year", target=describe_target(t)))
            elif t.baseline_year not in known:
                left_out.append(_no_inventory_for(t))
            else:
                base = known[t.baseline_year]
                milestones.append((t.target_year, base * (1 - exact(t.percent) / 100), t))
                anchors.append(t.baseline_year)
        elif t.kind in ("net-zero", "carbon-neutral"):
            if t.baseline_year is not None and t.baseline_year not in known:
                left_out.append(_no_inventory_for(t))
            else:
                zero_targets.append(t)
                milestones.append((t.target_year, Fraction(0), t))
        else:
            left_out.append(
                plain("%(target)s, because a %(kind)s target gives no amount of emissions", target=describe_target(t),
                      kind=_kind(t.kind))
            )  # fmt: skip
    others = len(city.targets) - len(active)
    # the line starts at the inventory of the percent targets' (earliest) baseline year; with none, at
    # that of a net-zero target's baseline year, or at the earliest inventory
    start_year: int | None = min(anchors) if anchors else None
    if start_year is None and zero_targets:
        stated = [t.baseline_year for t in zero_targets if t.baseline_year is not None]
        start_year = min(stated) if stated else (series.points[0][0] if series.points else None)
    if start_year is None:
        left_out += [plain("%(target)s, because no inventory is recorded here", target=describe_target(t))
                     for t in zero_targets]  # fmt: skip
        return Trajectory([], [], left_out, others)
    points: list[tuple[int, Fraction]] = [(start_year, known[start_year])]
    drawn: list[str] = []
    by_year: dict[int, tuple[Fraction, list[Target]]] = {}
    for year, value, t in sorted(milestones, key=lambda m: (m[0], m[1])):
        if year <= start_year:
            left_out.append(
                plain("%(target)s, because its year is not after the line's start in %(year)s",
                      target=describe_target(t), year=start_year)
            )  # fmt: skip
        elif year in by_year:  # two targets for one year: the line goes to the stricter
            by_year[year][1].append(t)
        else:
            by_year[year] = (value, [t])
    for year in sorted(by_year):
        value, targets = by_year[year]
        if points[-1][1] == 0 and len(points) > 1:
            # after zero, later targets are met already
            drawn += [plain("%(target)s (met by the earlier zero)", target=describe_target(t)) for t in targets]
            continue
        points.append((year, value))
        drawn += [describe_target(t) for t in targets]
    if len(points) < 2:
        return Trajectory([], [], left_out, others)
    return Trajectory(points, drawn, left_out, others)


def on_line(points: Sequence[tuple[int, Fraction]], year: int) -> Fraction | None:
    """The value of a polyline in `year`, or None outside its years."""
    if not points or year < points[0][0] or year > points[-1][0]:
        return None
    for (y1, v1), (y2, v2) in itertools.pairwise(points):
        if y1 <= year <= y2:
            return v1 + (v2 - v1) * Fraction(year - y1, y2 - y1)
    return points[0][1] if year == points[0][0] else None


# --- words and table ----------------------------------------------------------------------------------


def esc(text: str) -> str:
    """Text for an SVG or HTML element: &, <, > and double quotes escaped (apostrophes read as they are)."""
    return html.escape(text, quote=False).replace('"', "&quot;")


def _no_inventory_for(t: Target) -> str:
    return plain("%(target)s, because no inventory for %(year)s is recorded here", target=describe_target(t),
                 year=t.baseline_year)  # fmt: skip


def _mirror(width: float) -> tuple[Callable[[float], float], Callable[[str], str]]:
    """In a right-to-left language a chart reads from right to left, as the page does (time runs leftwards, bars
    grow from the right): a function mirroring x positions, and one swapping the start and end of text. The SVG is
    laid out left to right (`direction="ltr"`), so that anchors name the same sides whatever the page's direction."""
    if text_direction() != "rtl":
        return (lambda v: v), (lambda a: a)
    swap = {"start": "end", "end": "start"}
    return (lambda v: width - v), (lambda a: swap.get(a, a))


def _no_chart(city: City) -> str:
    series = inventories(city)
    if not series.points:
        return plain(
            "No chart: no city-wide inventory of %(city)s is recorded here yet, "
            "and a chart needs inventories of at least two years.",
            city=city.name,
        )
    return plain(
        "No chart: only one inventory of %(city)s is recorded here (%(year)s), "
        "and a chart needs inventories of at least two years to show a change.",
        city=city.name,
        year=series.points[0][0],
    )


def _gap(actual: Fraction, expected: Fraction, what: str) -> str:
    """'N tCO2e (P%) above/below <what>', exact to the tonne; 'less than 1%' for a gap under 1%."""
    tonnes = whole(actual - expected)
    if tonnes == 0:
        return plain("on %(what)s", what=what)
    amount = number(abs(tonnes))
    if expected == 0:
        if tonnes > 0:
            return plain("%(amount)s tCO2e above %(what)s, which is zero, so no percentage", amount=amount, what=what)
        return plain("%(amount)s tCO2e below %(what)s, which is zero, so no percentage", amount=amount, what=what)
    raw = abs(actual - expected) / expected * 100
    share = plain("less than 1%%") if raw < 1 else f"{number(whole(raw))}%"
    if tonnes > 0:
        return plain("%(amount)s tCO2e (%(share)s) above %(what)s", amount=amount, share=share, what=what)
    return plain("%(amount)s tCO2e (%(share)s) below %(what)s", amount=amount, share=share, what=what)


def gap_sentence(city: City) -> str:
    """The gap to the reference pathway in the latest inventory year, and to the city's own targets where
    they can be drawn, in words (plain text: escape it)."""
    series = inventories(city)
    if len(series.points) < 2:
        return _no_chart(city)
    (base_year, base), (year, latest) = series.points[0], series.points[-1]
    emitted = dict(year=year, city=city.name, total=_figure(series.figures[year]))
    if base_year >= PATHWAY_YEAR:
        return plain(
            "In %(year)s %(city)s emitted %(total)s tCO2e; its earliest inventory is from %(base)s, too late for a "
            "pathway to %(end)s.",
            **emitted, base=base_year, end=PATHWAY_YEAR,
        )  # fmt: skip
    pathway = plain("the %(pathway)s from its %(year)s baseline", pathway=pathway_name(), year=base_year)
    gap = _gap(latest, pathway_value(base_year, base, year), pathway)
    sentence = plain("In %(year)s %(city)s emitted %(total)s tCO2e, %(gap)s.", **emitted, gap=gap)
    own = on_line(own_trajectory(city).points, year)
    if own is not None:
        gap = _gap(latest, own, plain("the line of its own targets"))
        sentence += " " + plain("That is %(gap)s (%(tonnes)s tCO2e that year).", gap=gap, tonnes=_tonnes(own))
    return sentence


def table(city: City) -> str:
    """The chart's numbers as a Markdown table: every inventory year, and the years the lines reach."""
    series = inventories(city)
    if len(series.points) < 2:
        return ""
    base_year, base = series.points[0]
    own = own_trajectory(city)
    years = sorted({y for y, _ in series.points} | {y for y, _ in own.points[1:]} | {PATHWAY_YEAR})
    has_pathway = base_year < PATHWAY_YEAR
    lines = [
        "| "
        + " | ".join(
            md_text(h)
            for h in (
                plain("Year"),
                plain("Inventory (tCO2e)"),
                plain("%(pathway)s (tCO2e)", pathway=pathway_name()),
                plain("Own targets (tCO2e)"),
            )
        )
        + " |",
        "|---|--:|--:|--:|",
    ]
    for year in years:
        inventory = _figure(series.figures[year]) if year in series.figures else "-"
        path = _tonnes(pathway_value(base_year, base, year)) if has_pathway and year >= base_year else "-"
        value = on_line(own.points, year)
        target = _tonnes(value) if value is not None else "-"
        lines.append(f"| {year} | {inventory} | {path} | {target} |")
    return "\n".join(lines)


# --- SVG ----------------------------------------------------------------------------------------------


def _f(value: float) -> str:
    text = f"{value:.1f}"
    return "0" if text == "-0.0" else text[:-2] if text.endswith(".0") else text


def _unit(top: float) -> tuple[str, float]:
    if top >= 1e6:
        return "MtCO2e", 1e6
    if top >= 1e3:
        return "ktCO2e", 1e3
    return "tCO2e", 1.0


def _step(span: float, count: int) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving at most about `count` intervals."""
    raw = span / count
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def _tick(value: float) -> str:
    rounded = round(value, 2)
    return number(rounded) if rounded != 0 else "0"


_CHART_STYLE = (
    ".ccp-figure{display:block;width:100%;max-width:46rem;margin:1.5em 0}"
    ".ccp-chart{display:block;width:100%;height:auto;overflow:visible}"
    ".ccp-chart text{font-family:inherit;font-size:13px;fill:var(--md-default-fg-color--light,currentColor)}"
    ".ccp-grid{stroke:var(--md-default-fg-color--lightest,currentColor);stroke-width:1}"
    ".ccp-axis{stroke:var(--md-default-fg-color--lighter,currentColor);stroke-width:1}"
    ".ccp-inv{stroke:var(--md-default-fg-color,currentColor);stroke-width:2.5;fill:none;stroke-linejoin:round}"
    ".ccp-pt{fill:var(--md-default-fg-color,currentColor);stroke:var(--md-default-bg-color,#fff);stroke-width:1.5}"
    ".ccp-pathway{stroke:var(--md-code-hl-keyword-color,currentColor);stroke-width:2.5;stroke-dasharray:9 5;"
    "fill:none}"
    ".ccp-own{stroke:var(--md-code-hl-number-color,currentColor);stroke-width:2.5;stroke-dasharray:1 5;"
    "stroke-linecap:round;fill:none;stroke-linejoin:round}"
    ".ccp-bar{fill:var(--md-default-fg-color--light,currentColor)}"
    ".ccp-mark{fill:var(--md-code-hl-keyword-color,currentColor);stroke:var(--md-default-bg-color,#fff);"
    "stroke-width:1.5}"
    ".ccp-zero{stroke:var(--md-default-fg-color,currentColor);stroke-width:1.5}"
    ".ccp-chart .ccp-name{fill:var(--md-default-fg-color,currentColor)}"
    ".md-typeset .ccp-figure figcaption{max-width:none;margin:.6em 0 0;font-style:normal;text-align:left}"
    ".ccp-keys{display:flex;flex-wrap:wrap;gap:.3em 1.4em}"
    ".ccp-key{display:inline-flex;align-items:center;gap:.45em}"
    ".ccp-swatch{flex:none;overflow:visible}"
    "@media (max-width:44.9375em){.ccp-chart text{font-size:22px}.ccp-minor{display:none}}"
)


def _key(swatch: str, label: str) -> str:
    return (
        '<span class="ccp-key"><svg class="ccp-swatch" aria-hidden="true" focusable="false" width="30" height="12" '
        f'viewBox="0 0 30 12">{swatch}</svg>{label}</span>'
    )


W, H = 640.0, 340.0
LEFT, RIGHT, TOP, BOTTOM = 58.0, 14.0, 30.0, 34.0


def city_chart(city_id: str, city: City) -> str:
    """The city's chart as an HTML figure holding an inline SVG, or a paragraph saying why there is none."""
    series = inventories(city)
    if len(series.points) < 2:
        return f'<p class="ccp-nochart">{html.escape(_no_chart(city))}</p>'
    ident = html.escape(f"ccp-chart-{city_id}")
    (base_year, base) = series.points[0]
    own = own_trajectory(city)
    has_pathway = base_year < PATHWAY_YEAR
    pathway: list[tuple[int, Fraction]] = []
    if has_pathway:
        pathway = [(base_year, base), (PATHWAY_YEAR, pathway_value(base_year, base, PATHWAY_YEAR))]
    years = [y for y, _ in series.points + own.points + pathway]
    x0, x1 = min(years), max(years)
    top_value = max(float(max(v for _, v in series.points + own.points + pathway)), 1.0)
    unit, divisor = _unit(top_value)
    y_step = _step(top_value, 5)
    y_max = math.ceil(top_value / y_step - 1e-9) * y_step
    plot_w, plot_h = W - LEFT - RIGHT, H - TOP - BOTTOM

    m, side = _mirror(W)

    def x(year: float) -> float:
        return m(LEFT + (year - x0) / (x1 - x0) * plot_w)

    def y(value: float | Fraction) -> float:
        return TOP + plot_h * (1 - float(value) / y_max)

    def poly(points: Sequence[tuple[int, Fraction]], cls: str) -> str:
        coords = " ".join(f"{_f(x(a))},{_f(y(b))}" for a, b in points)
        return f'<polyline class="{cls}" points="{coords}"/>'

    out: list[str] = []
    # horizontal grid and the emissions axis
    ticks = [i * y_step for i in range(round(y_max / y_step) + 1)]
    for value in ticks:
        cls = "ccp-axis" if value == 0 else "ccp-grid"
        out.append(
            f'<line class="{cls}" x1="{_f(m(LEFT))}" x2="{_f(m(W - RIGHT))}" y1="{_f(y(value))}" y2="{_f(y(value))}"/>'
        )
        out.append(
            f'<text x="{_f(m(LEFT - 8))}" y="{_f(y(value) + 4.5)}" text-anchor="{side("end")}">'
            f"{_tick(value / divisor)}</text>"
        )
    out.append(f'<text x="{_f(m(0))}" y="{_f(TOP - 14)}" text-anchor="{side("start")}">{unit}</text>')
    # the years
    x_step = max(1, int(_step(x1 - x0, 9)))
    first = math.ceil(x0 / x_step) * x_step
    for n, year in enumerate(range(first, x1 + 1, x_step)):
        minor = ' class="ccp-minor"' if (year // x_step) % 2 and year != x1 else ""
        out.append(
            f'<line class="ccp-axis" x1="{_f(x(year))}" x2="{_f(x(year))}" y1="{_f(TOP + plot_h)}" '
            f'y2="{_f(TOP + plot_h + 5)}"/>'
        )
        anchor = side("end") if year == x1 and n else "middle"
        out.append(f'<text{minor} x="{_f(x(year))}" y="{_f(H - 10)}" text-anchor="{anchor}">{year}</text>')
    if pathway:
        out.append(poly(pathway, "ccp-pathway"))
    if own.points:
        out.append(poly(own.points, "ccp-own"))
    out.append(poly(series.points, "ccp-inv"))
    for year, total in series.points:
        figure = _figure(series.figures[year])
        out.append(
            f'<circle class="ccp-pt" data-year="{year}" cx="{_f(x(year))}" cy="{_f(y(total))}" r="5">'
            f"<title>{year}: {figure} tCO2e</title></circle>"
        )

    # words for the title, the description and the key
    listed = "; ".join(f"{year}: {_figure(series.figures[year])}" for year, _ in series.points)
    desc = [esc(plain("Line chart of %(city)s's emissions in tonnes CO2e. Inventories, solid line: %(listed)s.",
                      city=city.name, listed=listed))]  # fmt: skip
    keys = [_key('<line class="ccp-inv" x1="1" y1="6" x2="29" y2="6"/><circle class="ccp-pt" cx="15" cy="6" r="4"/>',
                 esc(plain("Inventories")))]  # fmt: skip
    notes: list[str] = []
    if pathway:
        end = _tonnes(pathway[1][1])
        desc.append(esc(plain(
            "Dashed line: the %(pathway)s, from %(start)s in %(base)s to %(end)s in %(year)s.",
            pathway=pathway_name(), start=_figure(series.figures[base_year]), base=base_year, end=end,
            year=PATHWAY_YEAR,
        )))  # fmt: skip
        keys.append(_key(
            '<line class="ccp-pathway" x1="1" y1="6" x2="29" y2="6"/>',
            esc(plain("%(pathway)s from the %(year)s inventory", pathway=pathway_name(), year=base_year)),
        ))  # fmt: skip
    else:
        notes.append(esc(plain("No %(pathway)s: the earliest inventory is from %(year)s.", pathway=pathway_name(),
                               year=base_year)))  # fmt: skip
    if own.points:
        steps = ", ".join(plain("%(tonnes)s in %(year)s", tonnes=_tonnes(v), year=yr) for yr, v in own.points[1:])
        start = own.points[0][0]
        desc.append(esc(plain("Dotted line: own targets, from %(value)s in %(start)s to %(steps)s.",
                              value=_figure(series.figures[start]), start=start, steps=steps)))  # fmt: skip
        keys.append(_key('<line class="ccp-own" x1="2" y1="6" x2="29" y2="6"/>', esc(plain("Own targets"))))
        notes.append(esc(plain("Own targets drawn, from the %(year)s inventory: %(drawn)s.", year=own.points[0][0],
                               drawn="; ".join(own.drawn))))  # fmt: skip
    else:
        notes.append(esc(plain("No own-target line: no adopted or legislated target of the city can be drawn.")))
    if own.left_out:
        notes.append(esc(plain("Not drawn: %(targets)s.", targets="; ".join(own.left_out))))
    if own.others:
        notes.append(esc(plain("Revised, abandoned and aspirational targets are not drawn.")))
    desc.append(esc(plain("The table below the chart gives the values.")))
    title = esc(plain("%(city)s: emissions against its own targets and the %(pathway)s", city=city.name,
                      pathway=pathway_name()))  # fmt: skip
    svg = (
        f'<svg class="ccp-chart" direction="ltr" viewBox="0 0 {_f(W)} {_f(H)}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-title">{title}</title>'
        f'<desc id="{ident}-desc">{" ".join(desc)}</desc>'
        f"<style>{_CHART_STYLE}</style>{''.join(out)}</svg>"
    )
    caption = f'<figcaption><span class="ccp-keys">{"".join(keys)}</span><br>{" ".join(notes)}</figcaption>'
    return f'<figure class="ccp-figure" id="{ident}">\n{svg}\n{caption}\n</figure>'


# --- comparison --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    id: str
    name: str
    first_year: int
    last_year: int
    first: float | int
    last: float | int
    change: Fraction
    """Change from the earliest to the latest inventory, percent of the earliest."""
    pathway: Fraction
    """The change the reference pathway asks for over the same years, percent."""

    @property
    def change_text(self) -> str:
        return _signed(self.change)

    @property
    def pathway_text(self) -> str:
        return _signed(self.pathway)


@dataclass(frozen=True)
class Missing:
    id: str
    name: str
    reason: str


def changes(cities: Mapping[str, City]) -> tuple[list[Change], list[Missing]]:
    """Each city's change between its earliest and latest inventory, largest cut first; and the cities
    that have none, with the reason."""
    rows: list[Change] = []
    missing: list[Missing] = []
    for cid, city in cities.items():
        series = inventories(city)
        if len(series.points) < 2:
            n = len(series.points)
            reason = (
                plain("no inventory recorded")
                if n == 0
                else plain("one inventory (%(year)s)", year=series.points[0][0])
            )
            missing.append(Missing(cid, city.name, reason))
            continue
        (first_year, first), (last_year, last) = series.points[0], series.points[-1]
        if first == 0:
            zero = plain("the %(year)s inventory is zero, so no change in percent", year=first_year)
            missing.append(Missing(cid, city.name, zero))
            continue
        if first_year >= PATHWAY_YEAR:
            missing.append(Missing(cid, city.name, plain("the earliest inventory is from %(year)s", year=first_year)))
            continue
        change = (last - first) / first * 100
        expected = (pathway_value(first_year, first, last_year) - first) / first * 100
        rows.append(
            Change(
                cid,
                city.name,
                first_year,
                last_year,
                series.figures[first_year],
                series.figures[last_year],
                change,
                expected,
            )
        )
    rows.sort(key=lambda r: (r.change, r.name.casefold(), r.id))
    missing.sort(key=lambda m: (m.name.casefold(), m.id))
    return rows, missing


MAX_DRAWN = 100
"""Bars of increases larger than this many percent are drawn cut at it; the figure beside them is exact."""


def _drawn(value: float | Fraction) -> float:
    return float(min(value, MAX_DRAWN))


def _short(name: str, limit: int = 22) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def comparison_chart(cities: Mapping[str, City]) -> str:
    """One horizontal bar per city with two inventories: the change between them, with the pathway's
    change over the same years as a mark. An HTML figure with an inline SVG; empty without such cities."""
    return comparison_figure(changes(cities)[0])


def comparison_figure(rows: Sequence[Change]) -> str:
    """The comparison chart of these rows (changes() gives them, largest cut first)."""
    if not rows:
        return ""
    row_h, top, bottom = 34.0, 34.0, 12.0
    label_w = 190.0
    value_w = 150.0
    width = 640.0
    height = top + row_h * len(rows) + bottom
    values = [_drawn(v) for r in rows for v in (r.change, r.pathway)]
    lo = min(0.0, math.floor(min(values) / 10) * 10)
    hi = max(0.0, math.ceil(max(values) / 10) * 10)
    if hi - lo < 10:
        lo, hi = (lo - 10, hi) if lo < 0 else (lo, hi + 10)
    left, right = label_w, width - value_w
    m, side = _mirror(width)

    def x(value: float | Fraction) -> float:
        return m(left + (_drawn(value) - lo) / (hi - lo) * (right - left))

    out: list[str] = []
    step = _step(hi - lo, 5)
    tick = math.ceil(lo / step) * step
    while tick <= hi + 1e-9:
        cls = "ccp-zero" if tick == 0 else "ccp-grid"
        out.append(f'<line class="{cls}" x1="{_f(x(tick))}" x2="{_f(x(tick))}" y1="{_f(top - 6)}" '
                   f'y2="{_f(height - bottom)}"/>')  # fmt: skip
        label = _signed(Fraction(tick).limit_denominator(10))
        out.append(f'<text x="{_f(x(tick))}" y="{_f(top - 12)}" text-anchor="middle">{label}</text>')
        tick += step
    for n, r in enumerate(rows):
        mid = top + row_h * n + row_h / 2
        start, end = sorted((x(0), x(r.change)))
        out.append(
            f'<text class="ccp-name" x="{_f(m(left - 10))}" y="{_f(mid + 4.5)}" text-anchor="{side("end")}">'
            f"{html.escape(_short(r.name))}</text>"
        )
        out.append(
            f'<rect class="ccp-bar" x="{_f(start)}" y="{_f(mid - 9)}" width="{_f(max(end - start, 1))}" height="18"/>'
        )
        px = x(r.pathway)
        out.append(f'<path class="ccp-mark" d="M{_f(px)} {_f(mid - 12)}l6 12l-6 12l-6 -12z"/>')
        out.append(
            f'<text x="{_f(m(right + 12))}" y="{_f(mid + 4.5)}" text-anchor="{side("start")}">'
            f'<tspan class="ccp-name">{r.change_text}</tspan> ({r.pathway_text})</text>'
        )
    listed = "; ".join(
        plain("%(city)s %(change)s from %(first)s to %(last)s (pathway %(pathway)s)", city=r.name,
              change=r.change_text, first=r.first_year, last=r.last_year, pathway=r.pathway_text)
        for r in rows
    )  # fmt: skip
    title = plain("Change in emissions between each city's earliest and latest inventory, against the %(pathway)s",
                  pathway=pathway_name())  # fmt: skip
    desc = plain("Bar chart, largest cut first: %(listed)s. The table below gives the values.", listed=listed)
    svg = (
        f'<svg class="ccp-chart" direction="ltr" viewBox="0 0 {_f(width)} {_f(height)}" role="img" '
        'aria-labelledby="ccp-compare-title ccp-compare-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="ccp-compare-title">{esc(title)}</title>'
        f'<desc id="ccp-compare-desc">{esc(desc)}</desc>'
        f"<style>{_CHART_STYLE}</style>{''.join(out)}</svg>"
    )
    keys = "".join(
        [
            _key('<rect class="ccp-bar" x="1" y="1" width="28" height="10"/>',
                 esc(plain("Change from the earliest to the latest inventory (figure at the right)"))),
            _key('<path class="ccp-mark" d="M15 0l6 6l-6 6l-6 -6z"/>',
                 esc(plain("Change the %(pathway)s asks for over the same years (in brackets)",
                           pathway=pathway_name()))),
        ]
    )  # fmt: skip
    caption = f'<figcaption><span class="ccp-keys">{keys}</span></figcaption>'
    return f'<figure class="ccp-figure" id="ccp-compare">\n{svg}\n{caption}\n</figure>'


PER_PAGE = 100
"""Cities per page of the progress comparison: its chart and table grow with the number of cities."""


def progress_pages(corpus: Corpus) -> dict[str, str]:
    """docs/progress.md (and progress/pages/<n>.md past PER_PAGE cities): the comparison chart, largest cut
    first, its table, and the cities left out."""
    cities = {
        cid: loaded.data
        for cid, loaded in sorted(corpus.cities.items(), key=lambda item: (item[1].data.name.casefold(), item[0]))
    }
    rows, missing = changes(cities)
    template = environment().get_template("progress.md.j2")
    pages = {}
    for part in paging.paged(rows, "progress", PER_PAGE, first="progress.md"):
        chart = Markup(comparison_figure(part.items))
        text = template.render(chart=chart, p=part, missing=missing, pathway_name=pathway_name())
        pages[part.path] = text
    return pages


# --- template globals -----------------------------------------------------------------------------------


def _chart_markup(city_id: str, city: City) -> Markup:
    return Markup(city_chart(city_id, city))


def _gap_markup(city: City) -> Markup:
    return Markup(md_text(gap_sentence(city)))


def _table_markup(city: City) -> Markup:
    return Markup(table(city))


def _map_markup(cities: Mapping[str, Loaded[City]], prefix: str = "") -> Markup:
    # inside a block-level element, so that Markdown passes it through untouched (an <svg> at the start
    # of a line is not an HTML block to Python-Markdown: the text in it would be read as Markdown)
    return Markup(f'<div class="ccp-map-box">\n{geo.city_map(cities, prefix)}\n</div>')


GLOBALS: dict[str, Callable[..., Markup]] = {
    "progress_chart": _chart_markup,
    "progress_gap": _gap_markup,
    "progress_table": _table_markup,
    "city_map": _map_markup,
}
"""Functions the templates call (pages/practices.py gives them to the page templates); each returns Markup."""
