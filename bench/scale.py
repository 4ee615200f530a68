#!/usr/bin/env python3
"""Scale check: what a site of many roles costs one rolecompare binary.

    bench/scale.py --bin target/release/rolecompare [--roles 200,1000] [--edits 5]

For each size, a content folder of the bundled content plus generated roles
(bench/gen_roles.py --with-bundled) is served with `--watch` on a free
loopback port, and the script prints:

  1. start: spawn to the first 200 for `/`, then spawn to idle (the first
     1 s window under 2% of a CPU) and the CPU used until then; resident
     memory at rest
  2. edits: EDITS one-line edits of one role file (its summary), each
     timed from the write to the first answer of its page that shows it;
     resident memory once idle after each, and after the last against
     memory at rest
  3. sitemap: HEAD (no Accept-Encoding) and GET with `Accept-Encoding: br`
     of every child sitemap the index lists, once each, and the server CPU
     they cost until it is idle again (capped); if it was idle by then, a
     second GET with brotli of each and its CPU; then each child's URLs
     and bytes, and how many URLs the sitemap lists in all

CPU figures count the server process only (utime + stime, from /proc).
The Python client shares the machine with the server. Reuses the process
and idle helpers of bench/abuse.py.
"""

import argparse
import http.client
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import abuse  # noqa: E402  (bench/abuse.py: Server, wait_idle, say, heading)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EDITED = "generated-role-007"


def request(port, method, path, headers=None, cap=120.0):
    """One request on a new connection: (status, headers, body)."""
    connection = http.client.HTTPConnection(abuse.HOST, port, timeout=cap)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        return response.status, dict(response.getheaders()), body
    finally:
        connection.close()


def edit(path, marker):
    """Rewrites the role file in place with MARKER as its summary."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"^summary: .*$", f"summary: {marker}", text, count=1, flags=re.M)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def visible_after(port, page, marker, cap):
    """Seconds until PAGE shows MARKER (polled every 20 ms), or None."""
    start = time.perf_counter()
    while time.perf_counter() - start < cap:
        try:
            status, _, body = request(port, "GET", page, cap=cap)
            if status == 200 and marker.encode() in body:
                return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.02)
    return None


def since_spawn_to_idle(server, cap):
    """Seconds from spawn to idle and CPU used until then (None if not idle
    within CAP)."""
    called = time.perf_counter() - server.spawned
    idle, _ = abuse.wait_idle(server, cap)
    return (None if idle is None else called + idle), server.cpu()


def section_start(server, cap):
    first = server.first_answer(cap=cap)
    abuse.say("first answer after start", "never" if first is None else f"{first:.2f} s")
    idle, cpu = since_spawn_to_idle(server, cap)
    abuse.say("idle after start", f"not within {cap:.0f} s ({cpu:.1f} s of CPU so far)"
              if idle is None else f"{idle:.1f} s ({cpu:.1f} s of CPU)")
    rest = server.rss_mib()
    abuse.say("resident memory at rest", f"{rest:.1f} MiB")
    abuse.say("large pages' files (VmRSS counts what was read through the mapping)",
              f"{server.memory_files_mib():.1f} MiB")
    return rest


def section_edits(server, content, edits, rest, cap):
    path = os.path.join(content, "roles", f"{EDITED}.md")
    latencies, memory = [], []
    for k in range(1, edits + 1):
        marker = f"Edit {k} of the scale check, {time.time():.0f}."
        edit(path, marker)
        seen = visible_after(server.port, f"/roles/{EDITED}", marker, cap)
        latencies.append(seen)
        idle, _ = abuse.wait_idle(server, cap)
        memory.append(server.rss_mib())
        abuse.say(f"edit {k}", ("not visible within {cap:.0f} s" if seen is None
                                else f"visible after {seen:.2f} s")
                  + f", then {memory[-1]:.1f} MiB resident"
                  + ("" if idle is not None else f" (still busy after {cap:.0f} s)"))
    shown = [s for s in latencies if s is not None]
    if shown:
        abuse.say("edits, slowest", f"{max(shown):.2f} s ({len(shown)} of {edits} visible)")
    abuse.say("resident memory after the edits",
              f"{memory[-1]:.1f} MiB, {100 * (memory[-1] / rest - 1):+.0f}% against at rest")


def children(port):
    status, _, body = request(port, "GET", "/sitemap.xml")
    if status != 200:
        return None
    if b"<sitemapindex" not in body:
        return []
    locs = re.findall(rb"<loc>([^<]+)</loc>", body)
    return [re.sub(r"^https?://[^/]+", "", loc.decode()) for loc in locs]


def section_sitemap(server, cap):
    parts = children(server.port)
    if parts is None:
        abuse.say("sitemap", "no /sitemap.xml")
        return
    abuse.say("child sitemaps", len(parts))
    if parts:
        before = server.cpu()
        start = time.perf_counter()
        for part in parts:
            request(server.port, "HEAD", part)
            request(server.port, "GET", part, {"Accept-Encoding": "br"})
        sent = time.perf_counter() - start
        idle, _ = abuse.wait_idle(server, cap)
        used = server.cpu() - before
        abuse.say("HEAD and GET (br) of each child, server CPU",
                  f"{used:.1f} s ({sent:.1f} s to send them"
                  + (f"; still busy {cap:.0f} s later)" if idle is None else ", then idle)"))
        if idle is not None:
            # Asked for in brotli twice: now its brotli form is made.
            before = server.cpu()
            for part in parts:
                request(server.port, "GET", part, {"Accept-Encoding": "br"})
            idle, _ = abuse.wait_idle(server, cap)
            abuse.say("a second GET (br) of each child, which makes its brotli form, server CPU",
                      f"{server.cpu() - before:.1f} s"
                      + (f" (still busy {cap:.0f} s later)" if idle is None else ""))
    urls, total, largest, most = 0, 0, 0, 0
    for part in parts or ["/sitemap.xml"]:
        _, _, body = request(server.port, "GET", part)
        count = body.count(b"<url>")
        urls += count
        total += len(body)
        largest, most = max(largest, len(body)), max(most, count)
    abuse.say("URLs listed", f"{urls:,} in {max(1, len(parts))} file(s) of {total / 1e6:.1f} MB; "
              f"the largest {largest / 1e6:.1f} MB, the most URLs in one {most:,}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--roles", default="200,1000")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--cap", type=float, default=120.0,
                        help="seconds to wait for an answer, an edit or idle")
    parser.add_argument("--skip", default="", help="sections to skip: edits, sitemap")
    args = parser.parse_args()
    skip = set(args.skip.split(","))
    with tempfile.TemporaryDirectory() as work:
        abuse.ARGS = argparse.Namespace(bin=args.bin, work=work)
        abuse.CLK_TCK = os.sysconf("SC_CLK_TCK")
        print(f"binary: {args.bin}; machine: {os.cpu_count()} cores, load average "
              f"{open('/proc/loadavg').read().split()[:3]}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
        for roles in [int(n) for n in args.roles.split(",")]:
            content = os.path.join(work, f"roles-{roles}")
            subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen_roles.py"),
                            content, str(roles), "--with-bundled"], check=True,
                           stdout=subprocess.DEVNULL)
            abuse.heading(f"{roles} roles (serve --watch)")
            server = abuse.Server(content, "--watch", name=f"scale-{roles}")
            try:
                rest = section_start(server, args.cap)
                if "edits" not in skip:
                    section_edits(server, content, args.edits, rest, args.cap)
                if "sitemap" not in skip:
                    section_sitemap(server, args.cap)
            finally:
                server.stop()


if __name__ == "__main__":
    main()
