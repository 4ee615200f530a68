#!/usr/bin/env python3
"""Write the map of the states that the pay pages draw, from us-atlas.

us-atlas (https://github.com/topojson/us-atlas, ISC licence, by Mike
Bostock) is built from the U.S. Census Bureau's cartographic boundary
files. Its `states-albers-10m.json` is a TopoJSON topology already
projected (Albers USA, Alaska and Hawaii inset) to a 975 x 610 frame. This
script decodes its arcs, simplifies them (Visvalingam-Whyatt, each shared
border once, so neighbours still meet), drops islands too small to see,
rounds to whole units and writes each state as an SVG path, one line per
state, to `assets/map/us-states.txt`, which the server embeds:

    # comment lines
    viewbox <x> <y> <width> <height>
    <fips> <postal> <name> <callout x,y or -> <leader x1,y1 or -> <path>

Tab-separated. States too small to click at a phone's width get a callout:
a box at `x,y` beside the map, with a leader line from the state's
centre. Puerto Rico, Guam and the Virgin Islands, which the atlas does not
draw, get a box of their own and no path; the pages show a box only where
BLS publishes figures.

Get the atlas and run the script (Python 3, standard library only):

    npm pack us-atlas@3.0.1 && tar xzf us-atlas-3.0.1.tgz
    python3 scripts/us_map.py package/states-albers-10m.json assets/map/us-states.txt
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

# How much a point must add to its neighbours' triangle, in square units
# of the 975-unit-wide frame, to be kept.
MIN_TRIANGLE = 0.8
# Islands and other rings smaller than this (square units) are dropped,
# unless they are a state's largest.
MIN_RING_AREA = 6.0

# USPS codes by FIPS code, for the states, DC and the territories BLS
# publishes.
POSTAL = {
    "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT",
    "10": "DE", "11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL",
    "18": "IN", "19": "IA", "20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD",
    "25": "MA", "26": "MI", "27": "MN", "28": "MS", "29": "MO", "30": "MT", "31": "NE",
    "32": "NV", "33": "NH", "34": "NJ", "35": "NM", "36": "NY", "37": "NC", "38": "ND",
    "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI", "45": "SC", "46": "SD",
    "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA", "54": "WV",
    "55": "WI", "56": "WY", "66": "GU", "72": "PR", "78": "VI",
}

# States too small to point at on a phone, north to south: each gets a
# box in a column right of New England and the Mid-Atlantic.
CALLOUTS = ["VT", "NH", "MA", "RI", "CT", "NJ", "DE", "MD", "DC"]
CALLOUT_X = 968
CALLOUT_TOP = 118
CALLOUT_STEP = 30

# The territories, in a row under the callouts.
TERRITORIES = [("72", "Puerto Rico"), ("78", "Virgin Islands"), ("66", "Guam")]
TERRITORY_TOP = 470

# The frame's right edge and bottom: the atlas's 975 x 610, widened for
# the callouts. Its left edge is the westernmost point kept.
RIGHT = 1040
BOTTOM = 610


def fail(message: str) -> None:
    print(f"us_map: {message}", file=sys.stderr)
    sys.exit(1)


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs as points in the projected frame."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        points = []
        x = y = 0.0
        for dx, dy in arc:
            if transform:
                x += dx
                y += dy
                sx, sy = transform["scale"]
                tx, ty = transform["translate"]
                points.append((x * sx + tx, y * sy + ty))
            else:
                points.append((float(dx), float(dy)))
        arcs.append(points)
    return arcs


def triangle(a, b, c) -> float:
    return abs((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])) / 2


def simplify(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Visvalingam-Whyatt: drop the point of the smallest triangle while it
    is under MIN_TRIANGLE; the ends always stay."""
    kept = list(points)
    while len(kept) > 2:
        areas = [triangle(kept[i - 1], kept[i], kept[i + 1]) for i in range(1, len(kept) - 1)]
        smallest = min(range(len(areas)), key=areas.__getitem__)
        if areas[smallest] >= MIN_TRIANGLE:
            break
        # Drop every point under the threshold that is a local minimum in
        # one pass (much faster than one at a time, nearly the same result).
        drop = set()
        for i, area in enumerate(areas):
            if area < MIN_TRIANGLE and (i == 0 or areas[i - 1] >= area) and (
                i == len(areas) - 1 or areas[i + 1] > area
            ) and (i - 1) not in drop:
                drop.add(i)
        kept = [kept[0]] + [p for i, p in enumerate(kept[1:-1]) if i not in drop] + [kept[-1]]
    return kept


def ring_points(ring: list[int], arcs) -> list[tuple[int, int]]:
    """A ring of arc indices (negative: reversed) as whole-unit points."""
    points: list[tuple[int, int]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        for x, y in arc:
            point = (round(x), round(y))
            if not points or points[-1] != point:
                points.append(point)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    return points


def area(points) -> float:
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(points, points[1:] + points[:1]))) / 2


def numbers(values: list[int]) -> str:
    """Numbers as SVG writes them shortest: a minus sign separates too."""
    out = ""
    for value in values:
        if out and value >= 0:
            out += " "
        out += str(value)
    return out


def path(polygons: list[list[list[tuple[int, int]]]]) -> str:
    """SVG path data: an absolute move per ring, then relative lines."""
    out = []
    for polygon in polygons:
        for ring in polygon:
            steps = []
            for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
                steps += [x1 - x0, y1 - y0]
            out.append(f"M{numbers(list(ring[0]))}l{numbers(steps)}z")
    return "".join(out)


def moves(d: str):
    """Every point of path data written by `path`."""
    for ring in d.split("M")[1:]:
        start, _, steps = ring.rstrip("z").partition("l")
        x, y = (int(v) for v in start.split())
        yield (x, y)
        values = [int(v) for v in steps.replace("-", " -").split()]
        for dx, dy in zip(values[::2], values[1::2]):
            x, y = x + dx, y + dy
            yield (x, y)


def centre(polygons) -> tuple[int, int]:
    """The centre of a state's largest ring's bounding box."""
    ring = max((ring for polygon in polygons for ring in polygon[:1]), key=area)
    xs = [p[0] for p in ring]
    ys = [p[1] for p in ring]
    return (round((min(xs) + max(xs)) / 2), round((min(ys) + max(ys)) / 2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("atlas", type=Path, help="us-atlas's states-albers-10m.json")
    parser.add_argument("out", type=Path, help="where to write the map (assets/map/us-states.txt)")
    args = parser.parse_args()
    try:
        topology = json.loads(args.atlas.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        fail(f"{args.atlas}: {error}")
    if topology.get("type") != "Topology" or "states" not in topology.get("objects", {}):
        fail(f"{args.atlas}: not us-atlas's states topology")
    arcs = [simplify(arc) for arc in decode_arcs(topology)]

    lines = []
    seen = set()
    for geometry in topology["objects"]["states"]["geometries"]:
        fips = geometry["id"]
        name = geometry["properties"]["name"]
        if fips not in POSTAL:
            fail(f"{args.atlas}: unknown state {fips} {name}")
        seen.add(fips)
        polygons_in = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        polygons = []
        for polygon in polygons_in:
            rings = [ring_points(ring, arcs) for ring in polygon]
            rings = [ring for ring in rings if len(ring) >= 3]
            if rings:
                polygons.append(rings)
        if not polygons:
            fail(f"{args.atlas}: {name} has no shape left")
        polygons.sort(key=lambda p: area(p[0]), reverse=True)
        polygons = [polygons[0]] + [p for p in polygons[1:] if area(p[0]) >= MIN_RING_AREA]
        postal = POSTAL[fips]
        callout = leader = "-"
        if postal in CALLOUTS:
            y = CALLOUT_TOP + CALLOUT_STEP * CALLOUTS.index(postal)
            callout = f"{CALLOUT_X},{y}"
            cx, cy = centre(polygons)
            leader = f"{cx},{cy}"
        lines.append((fips, postal, name, callout, leader, path(polygons)))
    for n, (fips, name) in enumerate(TERRITORIES):
        y = TERRITORY_TOP + CALLOUT_STEP * n
        lines.append((fips, POSTAL[fips], name, f"{CALLOUT_X - 48},{y}", "-", ""))
    missing = sorted(set(POSTAL) - seen - {fips for fips, _ in TERRITORIES})
    if missing:
        fail(f"{args.atlas}: no shape for {', '.join(missing)}")
    lines.sort()
    west = min(
        point[0]
        for line in lines
        for point in moves(line[5])
    )
    left = min(0, west - 2)
    header = [
        "# The states and DC as SVG paths, for the pay pages' maps. Written by scripts/us_map.py:",
        "# run it again rather than editing this file.",
        "# Shapes: us-atlas 3.0.1, states-albers-10m.json (ISC licence, Copyright 2013-2019 Michael Bostock;",
        "# see LICENSE-us-atlas.txt), from the U.S. Census Bureau's cartographic boundary files;",
        "# simplified and rounded to whole units of the Albers USA frame.",
        "# fips, postal code, name, callout box (x,y) or -, leader line start (x,y) or -, path",
        f"viewbox {left} 0 {RIGHT - left} {BOTTOM}",
    ]
    text = "\n".join(header + ["\t".join(line) for line in lines]) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    size = sum(len(line[5]) for line in lines)
    print(f"wrote {args.out}: {len(lines)} areas, {size:,} bytes of path data")


if __name__ == "__main__":
    main()
