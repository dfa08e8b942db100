"""A static world map of the member cities, drawn at build time as inline SVG.

The land outlines are Natural Earth's 1:110m land (public domain), kept in `generator/pages/data/land-110m.json`:
decoded from the TopoJSON of the npm package world-atlas by `land_from_topojson` below and simplified
(`python -m generator.pages.geo path/to/countries-110m.json` rewrites the file; see generator/pages/data/README.md).
The projection is Natural Earth (Šavrič et al. 2011), computed here in Python; nothing runs in the browser.
"""

import functools
import html
import json
import math
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.pages.i18n import plain, plain_n
from generator.reading.load import Corpus, Loaded
from generator.schema.model import City

DATA = Path(__file__).parent / "data" / "land-110m.json"
SCALE = 10
"""The data file stores degrees times SCALE as integers (a tenth of a degree, about 11 km)."""

WIDTH = 960.0
LAT_TOP, LAT_BOTTOM = 84.0, -58.0
"""The map shows these latitudes: Antarctica and the far north are left out."""

Ring = list[tuple[float, float]]
Point = tuple[float, float]


# --- TopoJSON -> rings (used once, to make the data file) -------------------------------------------------


def _arcs(topology: Mapping[str, Any]) -> list[Ring]:
    """The topology's arcs in degrees: undo the quantization and the delta encoding."""
    transform = topology.get("transform")
    (sx, sy), (tx, ty) = (transform["scale"], transform["translate"]) if transform else ((1, 1), (0, 0))
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        x = y = 0.0
        points: Ring = []
        for position in arc:
            if transform:
                x, y = x + position[0], y + position[1]
            else:
                x, y = position[0], position[1]
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arcs: Sequence[Ring], indexes: Sequence[int]) -> Ring:
    """One closed ring from arc indexes; a negative index ~i is arc i reversed."""
    ring: Ring = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc[1:] if ring else arc)  # each arc starts where the previous one ended
    return ring


def land_from_topojson(topology: Mapping[str, Any], name: str = "land") -> list[list[Ring]]:
    """The polygons (each a list of rings, the outer ring first) of one object of a TopoJSON topology."""
    arcs = _arcs(topology)
    obj = topology["objects"][name]
    geometries = obj["geometries"] if obj["type"] == "GeometryCollection" else [obj]
    polygons: list[list[Ring]] = []
    for geometry in geometries:
        if geometry["type"] == "Polygon":
            polygons.append([_ring(arcs, r) for r in geometry["arcs"]])
        elif geometry["type"] == "MultiPolygon":
            polygons.extend([_ring(arcs, r) for r in polygon] for polygon in geometry["arcs"])
    return polygons


def _unwrap(ring: Ring) -> Ring:
    """Longitudes made continuous (a ring crossing the antimeridian goes past 180 instead of jumping)."""
    out: Ring = []
    for lon, lat in ring:
        if out:
            previous = out[-1][0]
            lon += 360 * round((previous - lon) / 360)
        out.append((lon, lat))
    return out


def _simplify(points: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker, iterative; keeps the first and last point."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        best, index = 0.0, first
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                distance = math.hypot(px - x1, py - y1)
            else:
                distance = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / length
            if distance > best:
                best, index = distance, i
        if best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _area(ring: Ring) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2


def compact(polygons: list[list[Ring]], tolerance: float = 0.25, min_area: float = 0.6) -> list[list[list[int]]]:
    """Rings for the data file: unwrapped, simplified, south of LAT_BOTTOM and tiny islands dropped,
    as flat lists of integers [lon, lat, lon, lat, ...] in 1/SCALE degrees."""
    out: list[list[list[int]]] = []
    for polygon in polygons:
        rings: list[list[int]] = []
        for n, ring in enumerate(polygon):
            unwrapped = _unwrap(ring)
            if max(lat for _, lat in unwrapped) < LAT_BOTTOM or _area(unwrapped) < min_area:
                if n == 0:
                    break  # the outer ring is dropped: so are its holes
                continue
            # a ring is closed (last point = first); simplify it as two halves so that both ends stay put
            half = len(unwrapped) // 2
            simple = _simplify(unwrapped[: half + 1], tolerance)[:-1] + _simplify(unwrapped[half:], tolerance)
            flat: list[int] = []
            for lon, lat in simple[:-1]:
                point = [round(lon * SCALE), round(lat * SCALE)]
                if flat[-2:] != point:
                    flat += point
            if len(flat) >= 6:
                rings.append(flat)
        if rings:
            out.append(rings)
    return out


def main(argv: Sequence[str]) -> int:
    """python -m generator.pages.geo countries-110m.json: rewrite pages/data/land-110m.json from world-atlas."""
    if len(argv) != 1:
        sys.stderr.write("usage: python -m generator.pages.geo path/to/world-atlas/countries-110m.json\n")
        return 2
    topology = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    polygons = compact(land_from_topojson(topology))
    data = {
        "about": "Natural Earth 1:110m land (public domain), from world-atlas 2 countries-110m.json; "
        "see README.md in this folder",
        "scale": SCALE,
        "polygons": polygons,
    }
    text = json.dumps(data, separators=(",", ":"))
    # one polygon per line, so that a change to the data gives a readable diff
    text = text.replace("]]],[[[", "]]],\n[[[")
    DATA.write_text(text + "\n", encoding="utf-8")
    points = sum(len(r) // 2 for p in polygons for r in p)
    sys.stdout.write(f"wrote {DATA}: {len(polygons)} polygons, {points} points\n")
    return 0


# --- the map ----------------------------------------------------------------------------------------------


def project(lon: float, lat: float) -> Point:
    """Natural Earth projection (as d3-geo's geoNaturalEarth1), in radians of the unit sphere."""
    lam, phi = math.radians(lon), math.radians(lat)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)))
    y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)))
    return x, y


_X_MAX = project(180, 0)[0]
_K = WIDTH / (2 * _X_MAX)
_Y_TOP = project(0, LAT_TOP)[1]
HEIGHT = round((_Y_TOP - project(0, LAT_BOTTOM)[1]) * _K, 1)


def _xy(lon: float, lat: float) -> Point:
    x, y = project(lon, lat)
    return (x + _X_MAX) * _K, (_Y_TOP - y) * _K


def _f(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


@functools.cache
def _land_path() -> str:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    scale = float(data["scale"])
    parts: list[str] = []
    for polygon in data["polygons"]:
        rings = [[(r[i] / scale, r[i + 1] / scale) for i in range(0, len(r), 2)] for r in polygon]
        lons = [lon for lon, _ in rings[0]]
        # a polygon unwrapped past the antimeridian is drawn twice, 360 degrees apart; the sphere clips both
        shifts = [0.0] + ([-360.0] if max(lons) > 180 else []) + ([360.0] if min(lons) < -180 else [])
        for shift in shifts:
            for ring in rings:
                points = [_xy(lon + shift, max(min(lat, 90.0), -90.0)) for lon, lat in ring]
                parts.append("M" + "L".join(f"{_f(x)} {_f(y)}" for x, y in points) + "Z")
    return "".join(parts)


def _sphere_path() -> str:
    """The outline of the projected world between LAT_BOTTOM and LAT_TOP."""
    lats = [LAT_BOTTOM + (LAT_TOP - LAT_BOTTOM) * i / 40 for i in range(41)]
    east = [_xy(180, lat) for lat in reversed(lats)]
    west = [_xy(-180, lat) for lat in lats]
    return "M" + "L".join(f"{_f(x)} {_f(y)}" for x, y in east + west) + "Z"


MARKER = 5.0
"""Radius of a city marker, in the map's units (the map is WIDTH units wide)."""


def _declutter(points: list[Point], gap: float = 2 * MARKER + 2, rounds: int = 200) -> list[Point]:
    """Markers nudged apart until none overlap (cities a few hundred km apart would); deterministic."""
    moved = [list(p) for p in points]
    for _ in range(rounds):
        clash = False
        for i in range(len(moved)):
            for j in range(i + 1, len(moved)):
                dx, dy = moved[j][0] - moved[i][0], moved[j][1] - moved[i][1]
                distance = math.hypot(dx, dy)
                if distance >= gap:
                    continue
                clash = True
                if distance == 0:
                    dx, dy, distance = 1.0, 0.0, 1.0
                push = (gap - distance) / 2 + 0.01
                ux, uy = dx / distance, dy / distance
                moved[i][0] -= ux * push
                moved[i][1] -= uy * push
                moved[j][0] += ux * push
                moved[j][1] += uy * push
        if not clash:
            break
    return [(p[0], p[1]) for p in moved]


_LABEL_SIZE = 13.0


Box = tuple[float, float, float, float]
SIDES = ("right", "left", "above", "below", "upper right", "upper left", "lower right", "lower left")


def _label_box(x: float, y: float, text: str, side: str) -> tuple[Box, str, float, float]:
    """The box (left, top, right, bottom) of a label on one side of a marker at (x, y), its text-anchor
    and the position of its text."""
    width = len(text) * _LABEL_SIZE * 0.56
    offset = MARKER + 3
    if side in ("right", "left"):
        sign = 1 if side == "right" else -1
        edge = x + sign * offset
        box = (edge, y - 8, edge + width, y + 6) if sign > 0 else (edge - width, y - 8, edge, y + 6)
        return box, "start" if sign > 0 else "end", edge, y + 4.5
    if side in ("above", "below"):
        top = y - offset - 14 if side == "above" else y + offset
        return (x - width / 2, top, x + width / 2, top + 14), "middle", x, top + 11
    vertical, horizontal = side.split()
    top = y - MARKER - 14 if vertical == "upper" else y + MARKER
    if horizontal == "right":
        return (x + MARKER, top, x + MARKER + width, top + 14), "start", x + MARKER, top + 11
    return (x - MARKER - width, top, x - MARKER, top + 14), "end", x - MARKER, top + 11


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


CALLOUT_DISTANCES = (22.0, 34.0, 48.0, 64.0, 84.0, 110.0)
"""How far from its marker a label may go, nearest first, when no place beside the marker is free."""
CALLOUT_DIRECTIONS = 16


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    anchor: str
    box: Box
    leader: tuple[float, float] | None = None
    """Where the line from the marker to a label placed away from it ends; None beside the marker."""


def _callout(x: float, y: float, text: str, distance: float, angle: float) -> Label:
    """A label `distance` away from the marker at (x, y) in the direction `angle`, joined to it by a line."""
    width = len(text) * _LABEL_SIZE * 0.56
    cx, cy = x + distance * math.cos(angle), y + distance * math.sin(angle)
    if math.cos(angle) >= 0:
        box: Box = (cx + 2, cy - 8, cx + 2 + width, cy + 6)
        return Label(cx + 2, cy + 4.5, "start", box, (cx, cy))
    return Label(cx - 2, cy + 4.5, "end", (cx - 2 - width, cy - 8, cx - 2, cy + 6), (cx, cy))


def label_layout(points: Sequence[Point], names: Sequence[str]) -> list[Label | None]:
    """Where each label goes: beside its marker where a side is free (the cities with most neighbours placed
    first), otherwise farther away with a line to the marker, overlapping no marker and no other label and
    inside the map; None only where no place is free at all (the link's title still names the city)."""
    taken: list[Box] = [(x - MARKER, y - MARKER, x + MARKER, y + MARKER) for x, y in points]

    def crowd(i: int) -> int:
        return sum(math.dist(points[i], p) < 80 for p in points)

    def free(box: Box, i: int) -> bool:
        inside = box[0] >= 0 and box[2] <= WIDTH and box[1] >= 0 and box[3] <= HEIGHT
        return inside and not any(_overlaps(box, other) for n, other in enumerate(taken) if n != i)

    labels: list[Label | None] = [None] * len(points)
    order = sorted(range(len(points)), key=lambda i: (-crowd(i), i))
    for i in order:
        x, y = points[i]
        for side in SIDES:
            box, anchor, tx, ty = _label_box(x, y, names[i], side)
            if free(box, i):
                taken.append(box)
                labels[i] = Label(tx, ty, anchor, box)
                break
    for i in order:
        if labels[i] is not None:
            continue
        x, y = points[i]
        candidates = (
            _callout(x, y, names[i], distance, 2 * math.pi * k / CALLOUT_DIRECTIONS)
            for distance in CALLOUT_DISTANCES
            for k in range(CALLOUT_DIRECTIONS)
        )
        found = next((label for label in candidates if free(label.box, i)), None)
        if found is not None:
            taken.append(found.box)
            labels[i] = found
    return labels


def city_map(cities: Mapping[str, Loaded[City]], prefix: str = "") -> str:
    """The map as inline SVG: land, and a link to each city's page around its marker."""
    if not re.fullmatch(r"(\.\./)*", prefix):
        raise ValueError(f"prefix must be a relative path to the site root such as '' or '../', not {prefix!r}")
    ordered = sorted(cities.items(), key=lambda item: (item[1].data.name.casefold(), item[0]))
    true = [_xy(c.data.coordinates.lon, c.data.coordinates.lat) for _, c in ordered]
    shown = _declutter(true)
    labels = label_layout(shown, [c.data.name for _, c in ordered])

    title = plain("Map of the member cities")  # (outside the f-string below: `make messages` reads calls only)
    names = ", ".join(c.data.name for _, c in ordered)
    desc = plain_n(
        "World map with %(num)s city, each a link to its page: %(names)s.",
        "World map with %(num)s cities, each a link to its page: %(names)s.",
        len(ordered),
        names=names,
    )
    out = [
        # laid out left to right whatever the page's direction (a map is not mirrored), so that anchors keep sides
        f'<svg class="ccp-map" direction="ltr" viewBox="0 0 {_f(WIDTH)} {_f(HEIGHT)}" role="group" '
        'aria-labelledby="ccp-map-title" aria-describedby="ccp-map-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="ccp-map-title">{html.escape(title)}</title>',
        f'<desc id="ccp-map-desc">{html.escape(desc)}</desc>',
        f"<style>{_MAP_STYLE}</style>",
        f'<defs><clipPath id="ccp-map-clip"><path d="{_sphere_path()}"/></clipPath></defs>',
        f'<path class="ccp-map-sea" d="{_sphere_path()}"/>',
        f'<path class="ccp-map-land" clip-path="url(#ccp-map-clip)" fill-rule="evenodd" d="{_land_path()}"/>',
    ]
    for (cid, city), (x0, y0), (x, y), label in zip(ordered, true, shown, labels, strict=True):
        name = html.escape(city.data.name)
        href = html.escape(f"{prefix}cities/{cid}/")
        out.append(f'<a href="{href}" aria-label="{name}" data-city="{html.escape(cid)}"><title>{name}</title>')
        if math.hypot(x - x0, y - y0) > 1:
            out.append(f'<line class="ccp-map-leader" x1="{_f(x0)}" y1="{_f(y0)}" x2="{_f(x)}" y2="{_f(y)}"/>')
            out.append(f'<circle class="ccp-map-spot" cx="{_f(x0)}" cy="{_f(y0)}" r="1.5"/>')
        out.append(f'<circle class="ccp-map-hit" cx="{_f(x)}" cy="{_f(y)}" r="{_f(MARKER * 2)}"/>')
        out.append(f'<circle class="ccp-map-marker" cx="{_f(x)}" cy="{_f(y)}" r="{_f(MARKER)}"/>')
        if label:
            if label.leader:
                lx, ly = label.leader
                out.append(f'<line class="ccp-map-callout" x1="{_f(x)}" y1="{_f(y)}" x2="{_f(lx)}" y2="{_f(ly)}"/>')
            where = f'x="{_f(label.x)}" y="{_f(label.y)}" text-anchor="{label.anchor}"'
            out.append(f'<text {where} aria-hidden="true">{name}</text>')
        out.append("</a>")
    out.append("</svg>")
    return "".join(out)


def map_svg(corpus: Corpus, prefix: str) -> str:
    """The map of every city in the corpus; prefix leads from the page to the site root ("" on the home page)."""
    return city_map(corpus.cities, prefix)


_MAP_STYLE = (
    ".ccp-map{display:block;width:100%;height:auto;margin:1em 0}"
    ".ccp-map-sea{fill:var(--md-code-bg-color,none);stroke:var(--md-default-fg-color--lighter,currentColor);"
    "stroke-width:.5}"
    ".ccp-map-land{fill:var(--md-default-fg-color--lighter,currentColor);fill-opacity:.45;"
    "stroke:var(--md-default-bg-color,#fff);stroke-width:.4}"
    ".ccp-map-leader,.ccp-map-callout{stroke:var(--md-default-fg-color--light,currentColor);stroke-width:1}"
    ".ccp-map-spot{fill:var(--md-default-fg-color,currentColor)}"
    ".ccp-map-hit{fill:transparent}"
    ".ccp-map-marker{fill:var(--md-typeset-a-color,currentColor);"
    "stroke:var(--md-default-bg-color,#fff);stroke-width:1.5}"
    ".ccp-map text{font-family:inherit;font-size:13px;fill:var(--md-default-fg-color,currentColor);"
    "paint-order:stroke;stroke:var(--md-default-bg-color,#fff);stroke-width:3px;stroke-linejoin:round}"
    ".ccp-map a:hover .ccp-map-marker,.ccp-map a:focus .ccp-map-marker{fill:var(--md-accent-fg-color,currentColor)}"
    ".ccp-map a:focus{outline:none}"
    ".ccp-map a:focus-visible .ccp-map-marker{r:8px;stroke:var(--md-default-fg-color,currentColor);stroke-width:3}"
    ".ccp-map a:hover text,.ccp-map a:focus text{text-decoration:underline}"
    "@media (max-width:44.9375em){.ccp-map text{display:none}.ccp-map-marker{r:14px}.ccp-map-hit{r:20px}"
    ".ccp-map-spot{display:none}}"
)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
