#!/usr/bin/env python3
"""Hostile-client measurements of one rolecompare binary; run by
bench/abuse.sh, which says what is measured and how to run it.

    abuse.py --bin BIN --site DIR --content DIR --work DIR --clk-tck N

Starts the server itself for each section, on loopback only, and prints one
labelled line per figure, sections headed with `== `. Progress goes to
stderr. Standard library only; the flood of section 5 is driven by wrk.
Every wait has a timeout and every loop a count.
"""

import argparse
import os
import re
import selectors
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time

HOST = "127.0.0.1"
SLUGS = [f"generated-role-{i:03d}" for i in range(200)]
SECTIONS = ["overview", "responsibilities", "skills", "day-to-day",
            "career-path", "job-market", "salaries", "levels"]
PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
IDLE_RATE = 0.02  # "idle": under 2% of one CPU over a 1 s window

ARGS = None
CLK_TCK = 100


def say(label, value):
    print(f"{label}: {value}", flush=True)


def heading(text):
    print(f"\n== {text}", flush=True)


def progress(text):
    print(f"   ... {text}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def ms(seconds):
    return f"{seconds * 1000:.1f} ms"


# --- the server process -----------------------------------------------------

class Server:
    """One `rolecompare serve` on a free loopback port, its log in a file."""

    def __init__(self, content, *flags, name="server"):
        self.port = free_port()
        self.log_path = os.path.join(ARGS.work, f"{name}-{self.port}.log")
        self.log = open(self.log_path, "wb")
        command = [ARGS.bin, "serve", "--addr", f"{HOST}:{self.port}",
                   "--content", content, *flags]
        self.spawned = time.perf_counter()
        self.process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=self.log, env=dict(os.environ, RUST_LOG="info"))
        self.pid = self.process.pid

    def first_answer(self, path="/", cap=60.0):
        """Seconds from spawn to the first 200 for PATH (polled every ms with
        raw sockets, as bench/first_response.py does), or None."""
        request = (f"GET {path} HTTP/1.1\r\nHost: {HOST}:{self.port}\r\n"
                   "Connection: close\r\n\r\n").encode()
        for _ in range(int(cap * 1000)):
            if time.perf_counter() - self.spawned > cap or self.process.poll() is not None:
                break
            try:
                with socket.create_connection((HOST, self.port), timeout=2) as s:
                    s.sendall(request)
                    if s.recv(12).startswith(b"HTTP/1.1 200"):
                        return time.perf_counter() - self.spawned
            except OSError:
                pass
            time.sleep(0.001)
        return None

    def cpu(self):
        """utime + stime of the process, in seconds."""
        with open(f"/proc/{self.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK

    def rss_mib(self):
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def memory_files_mib(self):
        """Bytes in the large pages' files the process holds open (see
        src/store/mapped.rs): sealed memory files, or unlinked files in the
        temporary directory; VmRSS counts their pages only once they are
        read through the mapping."""
        total = 0
        fd_dir = f"/proc/{self.pid}/fd"
        for name in os.listdir(fd_dir):
            try:
                target = os.readlink(f"{fd_dir}/{name}")
                if "memfd:rolecompare-form" in target or re.search(r"/#\d+ \(deleted\)$", target):
                    total += os.stat(f"{fd_dir}/{name}").st_size
            except OSError:
                pass
        return total / (1024 * 1024)

    def log_count(self, text):
        with open(self.log_path, "rb") as f:
            return f.read().count(text.encode())

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        self.log.close()


def wait_idle(server, cap):
    """Waits for the first 1 s window in which the server uses under 2% of a
    CPU. Returns (seconds until that window began, or None if not within
    CAP; CPU seconds used until then)."""
    t0, c0 = time.perf_counter(), server.cpu()
    previous_t, previous_c = t0, c0
    for k in range(1, int(cap) + 2):
        time.sleep(max(0.0, t0 + k - time.perf_counter()))
        now, c = time.perf_counter(), server.cpu()
        if (c - previous_c) / (now - previous_t) < IDLE_RATE:
            return previous_t - t0, previous_c - c0
        if now - t0 >= cap:
            break
        previous_t, previous_c = now, c
    return None, server.cpu() - c0


# --- HTTP/1.1 by hand ---------------------------------------------------------

def request_bytes(path, port, headers=()):
    lines = [f"GET {path} HTTP/1.1", f"Host: {HOST}:{port}", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def read_response(sock, deadline, buf=b""):
    """Reads one response (by Content-Length, chunked, or to the close).
    Returns (status, bytes left over). Raises TimeoutError past DEADLINE and
    ConnectionError when the server closes first."""
    buf = bytearray(buf)

    def more():
        left = deadline - time.perf_counter()
        if left <= 0:
            raise TimeoutError
        sock.settimeout(left)
        try:
            chunk = sock.recv(262144)
        except socket.timeout:
            raise TimeoutError from None
        if not chunk:
            raise ConnectionError("closed by the server")
        buf.extend(chunk)

    while b"\r\n\r\n" not in buf:
        more()
    end = buf.index(b"\r\n\r\n")
    lines = bytes(buf[:end]).decode("latin-1").split("\r\n")
    del buf[:end + 4]
    status = int(lines[0].split()[1])
    fields = {}
    for line in lines[1:]:
        key, _, value = line.partition(":")
        fields[key.strip().lower()] = value.strip()
    if "content-length" in fields:
        length = int(fields["content-length"])
        while len(buf) < length:
            more()
        return status, bytes(buf[length:])
    if "chunked" in fields.get("transfer-encoding", "").lower():
        while True:
            while b"\r\n" not in buf:
                more()
            end = buf.index(b"\r\n")
            size = int(bytes(buf[:end]).split(b";")[0], 16)
            del buf[:end + 2]
            while len(buf) < size + 2:
                more()
            del buf[:size + 2]
            if size == 0:
                return status, bytes(buf)
    try:
        while True:
            more()
    except ConnectionError:
        return status, b""


def fetch(port, path, cap, headers=()):
    """A new connection, one GET; returns (status, seconds) or (None, cap)."""
    start = time.perf_counter()
    deadline = start + cap
    try:
        with socket.create_connection((HOST, port), timeout=cap) as s:
            s.sendall(request_bytes(path, port, ["Connection: close", *headers]))
            status, _ = read_response(s, deadline)
            return status, time.perf_counter() - start
    except (OSError, TimeoutError, ConnectionError):
        return None, time.perf_counter() - start


def answer_text(status, seconds, cap):
    if status is None:
        return f"no answer within {cap:.0f} s" if seconds >= cap - 0.05 else \
            f"connection failed after {ms(seconds)}"
    return f"{ms(seconds)} (status {status})"


def spread(values):
    values = sorted(values)
    return (f"min {values[0]:.2f} s, median {statistics.median(values):.2f} s, "
            f"max {values[-1]:.2f} s")


# --- 1 and 2: connections that never send a request ------------------------------

def hold_open(port, count, payload, cap, client_cap=None):
    """Opens COUNT connections that send PAYLOAD (maybe nothing), then wait.
    Returns (seconds until each was closed, or None if still open at CAP;
    bytes the server sent; the new client's (status, seconds) or None)."""
    socks = []
    for _ in range(count):
        s = socket.create_connection((HOST, port), timeout=5)
        if payload:
            s.sendall(payload)
        s.setblocking(False)
        socks.append(s)
    opened = time.perf_counter()
    client = {}
    thread = None
    if client_cap:
        def new_client():
            time.sleep(0.2)  # let the server take the silent ones first
            client["result"] = fetch(port, "/healthz", client_cap)
        thread = threading.Thread(target=new_client, daemon=True)
        thread.start()
    closed = {}
    received = 0
    selector = selectors.DefaultSelector()
    for i, s in enumerate(socks):
        selector.register(s, selectors.EVENT_READ, i)
    for _ in range(100000):
        left = opened + cap - time.perf_counter()
        if left <= 0 or len(closed) == count:
            break
        for key, _ in selector.select(timeout=min(left, 0.5)):
            try:
                data = key.fileobj.recv(65536)
            except (ConnectionResetError, BrokenPipeError):
                data = b""
            except BlockingIOError:
                continue
            if data:
                received += len(data)
                continue
            closed[key.data] = time.perf_counter() - opened
            selector.unregister(key.fileobj)
    selector.close()
    for s in socks:
        s.close()
    if thread:
        thread.join(timeout=client_cap + 1)
    return [closed.get(i) for i in range(count)], received, client.get("result")


def report_closed(label, times, cap):
    done = [t for t in times if t is not None]
    if done:
        say(f"{label} closed by the server", f"{len(done)} of {len(times)}, after {spread(done)}")
    else:
        say(f"{label} closed by the server", f"0 of {len(times)}")
    still = len(times) - len(done)
    say(f"{label} still open after {cap:.0f} s", f"{still} of {len(times)}")


def section_silent():
    heading("1. Silent sockets (bundled content, --max-connections 50 --header-timeout 2)")
    server = Server(ARGS.content, "--max-connections", "50", "--header-timeout", "2", name="silent")
    try:
        if server.first_answer("/healthz", cap=30) is None:
            say("silent sockets", "not measured: the server never answered")
            return
        times, received, client = hold_open(server.port, 50, b"", cap=15, client_cap=10)
        report_closed("50 silent connections", times, 15)
        say("bytes the server sent on them", received)
        say("new client GET /healthz while they were open", answer_text(*client, 10))
    finally:
        server.stop()


def section_preface():
    heading("2. Preface-only HTTP/2 (bundled content, --max-connections 50 --header-timeout 2)")
    server = Server(ARGS.content, "--max-connections", "50", "--header-timeout", "2", name="preface")
    try:
        if server.first_answer("/healthz", cap=30) is None:
            say("preface-only connections", "not measured: the server never answered")
            return
        times, received, _ = hold_open(server.port, 50, PREFACE, cap=15)
        report_closed("50 preface-only connections", times, 15)
        say("bytes the server sent on them", received)
    finally:
        server.stop()


# --- 3: keep-alive clients holding every slot ------------------------------------

def section_keepalive():
    heading("3. Keep-alive pressure (bundled content, --max-connections 50)")
    server = Server(ARGS.content, "--max-connections", "50", name="keepalive")
    clients, cap = 50, 10.0
    stop = threading.Event()
    lock = threading.Lock()
    counts = {"answers": 0, "closed": 0, "unanswered": 0, "first": 0}
    all_in = threading.Event()
    request = request_bytes("/", server.port, ["Accept-Encoding: br, gzip"])

    def client(i):
        time.sleep(i / clients)  # spread over the second
        sock, buf, first = None, b"", True
        next_send = time.perf_counter()
        for _ in range(120):
            if stop.is_set():
                break
            try:
                if sock is None:
                    sock, buf = socket.create_connection((HOST, server.port), timeout=cap), b""
                sock.sendall(request)
                _, buf = read_response(sock, time.perf_counter() + cap, buf)
                with lock:
                    counts["answers"] += 1
                    if first:
                        first = False
                        counts["first"] += 1
                        if counts["first"] == clients:
                            all_in.set()
            except (OSError, ConnectionError, TimeoutError) as error:
                with lock:
                    counts["closed" if isinstance(error, ConnectionError) else "unanswered"] += 1
                if sock:
                    sock.close()
                sock = None
            next_send += 1.0
            stop.wait(max(0.0, next_send - time.perf_counter()))
        if sock:
            sock.close()

    threads = []
    try:
        if server.first_answer("/healthz", cap=30) is None:
            say("keep-alive pressure", "not measured: the server never answered")
            return
        started = time.perf_counter()
        for i in range(clients):
            thread = threading.Thread(target=client, args=(i,), daemon=True)
            thread.start()
            threads.append(thread)
        all_in.wait(timeout=cap + 1)
        say("keep-alive clients with an answer on their own connection",
            f"{counts['first']} of {clients} after {time.perf_counter() - started:.1f} s")
        for attempt in range(1, 4):
            status, seconds = fetch(server.port, "/healthz", cap)
            say(f"new client GET /healthz, try {attempt}", answer_text(status, seconds, cap))
            stop.wait(1.0)
        stop.set()
        for thread in threads:
            thread.join(timeout=cap + 2)
        say("keep-alive clients' answers / connections closed by the server / requests unanswered "
            f"within {cap:.0f} s", f"{counts['answers']} / {counts['closed']} / {counts['unanswered']}")
    finally:
        stop.set()
        server.stop()


# --- 4: what --watch costs when nothing changes ---------------------------------

def watch_idle(content, label, idle_cap, window=8.0):
    server = Server(content, "--watch", name="watch")
    try:
        first = server.first_answer("/", cap=60)
        if first is None:
            say(f"{label}: --watch", "not measured: the server never answered")
            return
        progress(f"{label}: waiting until idle, up to {idle_cap} s")
        idle, _ = wait_idle(server, idle_cap)
        say(f"{label}: start-up work done (idle) after the first answer",
            f"{idle:.0f} s" if idle is not None else f"not idle after {idle_cap} s; measuring anyway")
        reloads0, c0, t0 = server.log_count("content reloaded"), server.cpu(), time.perf_counter()
        time.sleep(window)
        c1, t1 = server.cpu(), time.perf_counter()
        reloads = server.log_count("content reloaded") - reloads0
        say(f"{label}: CPU over {window:.0f} s with no edits",
            f"{c1 - c0:.2f} s ({100 * (c1 - c0) / (t1 - t0):.0f}% of one core)")
        say(f"{label}: 'content reloaded' log lines in those {window:.0f} s",
            f"{reloads} ({reloads / (t1 - t0):.1f}/s)")
        say(f"{label}: resident memory at the end", f"{server.rss_mib():.1f} MiB")
    finally:
        server.stop()


def section_watch():
    heading("4. --watch idle cost")
    watch_idle(ARGS.site, "200 roles", idle_cap=120)
    watch_idle(ARGS.content, "bundled content", idle_cap=10)


# --- 5, 6 and 7: one 200-role server -----------------------------------------------

FLOOD_LUA = r"""
-- Distinct pages, as a crawler or an attacker walks them: one request in ten
-- of each kind, pairs in an order that visits all 39,800 ordered pairs.
local slugs = {}
for i = 0, 199 do slugs[i] = string.format("generated-role-%03d", i) end
local sections = {"overview", "responsibilities", "skills", "day-to-day",
                  "career-path", "job-market", "salaries", "levels"}
local threads = {}
local counter = 0
statuses = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  nthreads = tonumber(args[1]) or 1
  math.randomseed(7 + id)
  wrk.headers["Accept-Encoding"] = "br, gzip"
end

local function pair(k)
  k = (k * 7919) % (200 * 199)
  local a = math.floor(k / 199)
  local b = k % 199
  if b >= a then b = b + 1 end
  return slugs[a] .. "-vs-" .. slugs[b]
end

local function several(count)
  local seen, out = {}, {}
  while #out < count do
    local r = math.random(0, 199)
    if not seen[r] then seen[r] = true; table.insert(out, slugs[r]) end
  end
  return table.concat(out, "-vs-")
end

function request()
  counter = counter + 1
  local n = counter * nthreads + id
  local kind, k = n % 10, math.floor(n / 10)
  local p = pair(k)
  local path
  if kind == 0 then path = "/compare/" .. p
  elseif kind == 1 then path = "/compare/" .. p .. "?view=differences"
  elseif kind == 2 then path = "/compare/" .. several(3)
  elseif kind == 3 then path = "/compare/" .. several(4)
  elseif kind == 4 then path = "/compare/" .. p .. "/" .. sections[k % 8 + 1]
  elseif kind == 5 then path = "/compare/" .. p .. "/day-in-the-life"
  elseif kind == 6 then path = "/cards/compare/" .. p .. ".png"
  elseif kind == 7 then path = "/cards/compare/" .. p .. "/" .. sections[k % 8 + 1] .. ".png"
  elseif kind == 8 then path = "/api/compare/" .. p
  else path = "/compare/" .. p .. "?x=" .. n end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for status, count in pairs(t:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  for status, count in pairs(total) do
    io.write(string.format("status %d %d\n", status, count))
  end
end
"""


def probe(port, duration, rate, out):
    """A low-rate client: one new connection per request, alternating two
    stored pages, each request timed on its own."""
    paths = ["/", "/roles/generated-role-007"]
    start = time.perf_counter()
    for k in range(int(duration * rate)):
        time.sleep(max(0.0, start + k / rate - time.perf_counter()))
        if time.perf_counter() - start > duration:
            break
        status, seconds = fetch(port, paths[k % 2], 10.0, ["Accept-Encoding: br"])
        out.append((status, seconds))


def flood(server, lines, duration=20):
    wrk = shutil.which("wrk")
    if not wrk:
        lines.append(("flood", "not measured: wrk is not installed"))
        return
    script = os.path.join(ARGS.work, "flood.lua")
    with open(script, "w") as f:
        f.write(FLOOD_LUA)
    rss_before = server.rss_mib()
    samples = []
    probed = []
    stop = threading.Event()

    def sample_rss():
        for _ in range(int((duration + 40) * 4)):
            samples.append(server.rss_mib())
            if stop.wait(0.25):
                break

    sampler = threading.Thread(target=sample_rss, daemon=True)
    prober = threading.Thread(target=probe, args=(server.port, duration, 20, probed), daemon=True)
    progress(f"flooding for {duration} s")
    command = [wrk, "-t2", "-c32", f"-d{duration}s", "--timeout", "10s", "-s", script,
               f"http://{HOST}:{server.port}", "--", "2"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, text=True)
    sampler.start()
    prober.start()
    try:
        output, _ = process.communicate(timeout=duration + 30)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate(timeout=10)
    ended = time.perf_counter()
    stop.set()
    sampler.join(timeout=5)
    prober.join(timeout=15)
    rss_after = server.rss_mib()

    # After the flood: CPU each second, for at least 20 s and until idle (60 s at most).
    cpu = [server.cpu()]
    idle_after = None
    rss_20 = None
    for k in range(1, 61):
        time.sleep(max(0.0, ended + k - time.perf_counter()))
        cpu.append(server.cpu())
        if k == 20:
            rss_20 = server.rss_mib()
        if idle_after is None and cpu[k] - cpu[k - 1] < IDLE_RATE:
            idle_after = k - 1
        if k >= 20 and idle_after is not None:
            break

    lines.append(("resident memory before the flood", f"{rss_before:.1f} MiB"))
    lines.append(("resident memory peak during the flood (sampled every 0.25 s)",
                  f"{max(samples + [rss_after]):.1f} MiB"))
    lines.append(("resident memory right after the flood", f"{rss_after:.1f} MiB"))
    lines.append(("resident memory 20 s after the flood",
                  f"{rss_20:.1f} MiB" if rss_20 is not None else "not measured"))
    windows = [f"{cpu[i + 5] - cpu[i]:.2f}" for i in range(0, 20, 5) if i + 5 < len(cpu)]
    lines.append(("CPU seconds after the flood, 0-5 / 5-10 / 10-15 / 15-20 s", " / ".join(windows)))
    lines.append(("idle after the flood (CPU under 2% over 1 s)",
                  f"after {idle_after} s" if idle_after is not None else "not idle after 60 s"))

    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in ([\d.]+\w+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    statuses = {int(a): int(b) for a, b in re.findall(r"^status (\d+) (\d+)$", output, re.M)}
    if not rps:
        lines.append(("flood", "wrk gave no figures: " + " ".join(output.split())[:300]))
    else:
        lines.append(("flood throughput (wrk -t2 -c32, distinct pages)",
                      f"{float(rps.group(1)):.0f} req/s ({total.group(1)} requests in {total.group(2)})"))
        other = {s: c for s, c in sorted(statuses.items()) if not 200 <= s < 300}
        lines.append(("flood answers not 2xx",
                      f"{sum(other.values())}" + (" (" + ", ".join(f"{s}: {c}" for s, c in other.items()) + ")"
                                                  if other else "")))
        lines.append(("flood socket errors", errors.group(1) if errors else "none"))
    times = sorted(s for status, s in probed if status is not None)
    failed = sum(1 for status, _ in probed if status is None or status != 200)
    if times:
        p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
        lines.append(("stored pages during the flood (/ and /roles/generated-role-007, br, 20/s, new connection each)",
                      f"p50 {ms(statistics.median(times))}, p95 {ms(p95)}, max {ms(times[-1])} "
                      f"({len(probed)} requests, {failed} not 200)"))
    else:
        lines.append(("stored pages during the flood", f"no answers ({len(probed)} tried)"))


def error_cases():
    x = "x" * 4000
    sides = "-vs-".join(f"zz{j}" for j in range(1, 300))
    value = ("".join(SLUGS) * 2)[:1000]
    return [
        ("/roles/ + 4,000 x", lambda i: f"/roles/{i:06d}{x[6:]}"),
        ("/compare/ with 300 unknown sides", lambda i: f"/compare/zz{i:05d}-vs-{sides}"),
        ("/compare?a=&b=&c=&d= with 1,000-character values",
         lambda i: "/compare?" + "&".join(f"{k}={i:06d}{value[6:]}" for k in "abcd")),
        ("/compare/nope-vs-generated-role-0x7 (near miss)",
         lambda i: f"/compare/nope{i:05d}-vs-generated-role-0x7"),
        ("/compare/ with four unknown slugs as long as the roles'",
         lambda i: "/compare/" + "-vs-".join(f"qzxjqzxjqzxjq{i % 100:02d}-{j:03d}" for j in range(4))),
        ("unknown plain path (404)", lambda i: f"/no-such-page-{i:05d}"),
        ("stored page / (for comparison)", lambda i: "/"),
    ]


def error_case(server, make_path, n=50, at_least=1.0, cap=10.0):
    """Sequential GETs on one keep-alive connection (a new one if the server
    closes it): at least N requests and AT_LEAST seconds, CAP at most.
    Returns (requests answered, server CPU s, wall s, statuses, capped)."""
    headers = ["Accept-Encoding: br, gzip"]
    sock, buf = None, b""
    statuses = set()
    done, capped = 0, False
    start, c0 = time.perf_counter(), server.cpu()
    for i in range(20000):
        elapsed = time.perf_counter() - start
        if done >= n and elapsed >= at_least:
            break
        if elapsed >= cap:
            capped = True
            break
        try:
            if sock is None:
                sock, buf = socket.create_connection((HOST, server.port), timeout=cap), b""
            sock.sendall(request_bytes(make_path(i), server.port, headers))
            status, buf = read_response(sock, start + cap, buf)
            statuses.add(status)
            done += 1
        except (ConnectionError, OSError):
            if sock:
                sock.close()
            sock = None
        except TimeoutError:
            capped = True
            break
    wall, cpu = time.perf_counter() - start, server.cpu() - c0
    if sock:
        sock.close()
    return done, cpu, wall, statuses, capped


def section_site():
    """Sections 5, 6 and 7 share one server on the 200-role site: its start
    is section 6, the error pages of 7 are measured once it is idle, then
    the flood of 5 runs. Printed in section order at the end."""
    out5, out6, out7 = [], [], []
    progress("starting the 200-role site (sections 5, 6 and 7 share this server)")
    server = Server(ARGS.site, *ARGS.flag, name="site")
    try:
        first = server.first_answer("/", cap=60)
        if first is None:
            out6.append(("start", "not measured: the server never answered / within 60 s"))
        else:
            cpu_first = server.cpu()
            out6.append(("spawn to first 200 for /", ms(first)))
            out6.append(("CPU seconds before that first answer", f"{cpu_first:.2f}"))
            progress("waiting until idle after start, up to 180 s")
            idle, cpu = wait_idle(server, 180)
            out6.append(("first answer to idle (CPU under 2% over 1 s)",
                         f"{idle:.0f} s" if idle is not None else "not idle after 180 s"))
            out6.append(("CPU seconds in that time", f"{cpu:.2f}"))
            out6.append(("resident memory then", f"{server.rss_mib():.1f} MiB"))

            for label, make_path in error_cases():
                progress(f"error page: {label}")
                done, cpu, wall, statuses, capped = error_case(server, make_path)
                status = "/".join(str(s) for s in sorted(statuses)) or "none"
                if done:
                    text = (f"CPU {1000 * cpu / done:.2f} ms, wall {1000 * wall / done:.2f} ms per request "
                            f"(status {status}, {done} requests)")
                else:
                    text = "no answer"
                if capped:
                    text += f"; the rest skipped after {wall:.0f} s"
                out7.append((label, text))
            progress("waiting until idle again before the flood, up to 30 s")
            wait_idle(server, 30)
            flood(server, out5)
    finally:
        server.stop()
    heading("5. Distinct-page flood (200 roles, default flags, 20 s, after idle)")
    for line in out5:
        say(*line)
    heading("6. Idle after start (200 roles, default flags)")
    for line in out6:
        say(*line)
    heading("7. Worst error page (200 roles; server CPU from /proc and wall time, per request)")
    for line in out7:
        say(*line)


def main():
    global ARGS, CLK_TCK
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--site", required=True, help="the 200-role content folder")
    parser.add_argument("--content", required=True, help="the bundled content folder")
    parser.add_argument("--work", required=True, help="a scratch folder")
    parser.add_argument("--clk-tck", type=int, default=os.sysconf("SC_CLK_TCK"))
    parser.add_argument("--only", default="silent,preface,keepalive,watch,site,burst,download,renders",
                        help="sections to run, comma-separated: silent (1), preface (2), "
                             "keepalive (3), watch (4), site (5-7), burst (8), download (9), "
                             "renders (10)")
    parser.add_argument("--flag", action="append", default=[],
                        help="an extra server flag for sections 5-7, e.g. --flag=--cache-size=16")
    ARGS = parser.parse_args()
    CLK_TCK = ARGS.clk_tck
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    only = set(ARGS.only.split(","))
    import abuse_cap  # sections 8-10, with this module's helpers
    for name, section in [("silent", section_silent), ("preface", section_preface),
                          ("keepalive", section_keepalive), ("watch", section_watch),
                          ("site", section_site), *abuse_cap.sections(sys.modules[__name__])]:
        if name in only:
            section()


if __name__ == "__main__":
    main()
