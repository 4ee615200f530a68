"""Sections 8-10 of bench/abuse.sh: what clients get when the server is
full. Imported by bench/abuse.py, whose helpers (the server process, the
HTTP/1.1 reader, the report lines) they use through `h`.

    8. burst: clients arriving at once, each sending its request as soon as
       it connects and keeping its connection open once answered: how many
       get a whole answer (by status) and how many are closed without one
       (--max-connections 64 with 160 clients, three rounds; the default
       cap with 2,000 clients, once)
    9. download: --max-connections 4, a client reading a 4.8 MB page slowly
       (a 64 KiB receive buffer, at most 64 KiB every 0.1 s) while 8
       newcomers arrive,
       each then holding a connection open: whether the download arrives
       whole, and what the newcomers get
   10. renders at the cap: 1,000 roles, --max-connections 256; the server
       CPU of 300 HEADs of pairs never rendered, then 300 clients each
       pipelining two distinct pairs at a time for 20 s (a separate
       process; after a 503 a client waits the second its Retry-After
       asks): answers by status, requests left unanswered on a connection
       closed without `Connection: close`, and a newcomer's stored page (a
       new connection every 0.25 s) meanwhile

Standard library only; every wait has a timeout and every loop a count.
"""

import asyncio
import multiprocessing
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time

HOST = "127.0.0.1"


def sections(h):
    """The sections, as (name for --only, function) pairs."""
    return [("burst", lambda: section_burst(h)),
            ("download", lambda: section_download(h)),
            ("renders", lambda: section_renders(h))]


# --- 8: a burst of clients beyond the cap --------------------------------------------

def burst(h, port, clients, path, cap):
    """CLIENTS connect at once, each sending GET PATH (keep-alive) at once and
    waiting up to CAP for a whole answer, then holding its connection open
    until all are done. Returns {outcome: count}."""
    outcomes = {}
    lock = threading.Lock()
    ready = threading.Barrier(clients, timeout=30)
    done = threading.Event()
    finished = [0]

    def client():
        outcome = "no answer"
        sock = None
        try:
            ready.wait()
            deadline = time.perf_counter() + cap
            sock = socket.create_connection((HOST, port), timeout=cap)
            sock.sendall(h.request_bytes(path, port))
            status, _ = h.read_response(sock, deadline)
            outcome = f"status {status}"
        except ConnectionError:
            outcome = "closed without an answer"
        except TimeoutError:
            outcome = f"no answer within {cap:.0f} s"
        except (OSError, threading.BrokenBarrierError) as error:
            outcome = f"failed to connect ({type(error).__name__})"
        with lock:
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
            finished[0] += 1
            if finished[0] == clients:
                done.set()
        done.wait(timeout=cap + 5)
        if sock:
            sock.close()

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=cap + 40)
    return outcomes


def outcome_text(outcomes):
    return ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items()))


def section_burst(h):
    h.heading("8. A burst beyond the cap (bundled content; each client sends GET / at once, keeps the connection)")
    for cap, clients, rounds in [(64, 160, 3), (1024, 2000, 1)]:
        server = h.Server(h.ARGS.content, "--max-connections", str(cap), name=f"burst{cap}")
        try:
            if server.first_answer("/healthz", cap=30) is None:
                h.say(f"cap {cap}", "not measured: the server never answered")
                continue
            for attempt in range(1, rounds + 1):
                outcomes = burst(h, server.port, clients, "/", cap=10.0)
                h.say(f"--max-connections {cap}, {clients} clients at once, round {attempt}",
                      outcome_text(outcomes))
                time.sleep(1.5)
        finally:
            server.stop()


# --- 9: a slow download while newcomers arrive ----------------------------------------

def site_with_a_large_page(h):
    """The bundled content with AWS Engineer's overview made about 4.7 MB
    long: a page larger than the kernel's socket buffers (about 3 MB on
    loopback), so that part of it waits in the server while the client
    reads."""
    site = os.path.join(h.ARGS.work, "large-page")
    shutil.copytree(h.ARGS.content, site, dirs_exist_ok=True)
    role = os.path.join(site, "roles", "aws-engineer.md")
    with open(role, "a", encoding="utf-8") as f:
        for i in range(100000):
            f.write(f"\nParagraph {i} of a very long overview.\n")
    return site


def section_download(h):
    h.heading("9. A slow download at the cap (bundled content with a 4.8 MB page, --max-connections 4)")
    server = h.Server(site_with_a_large_page(h), "--max-connections", "4", name="download")
    try:
        if server.first_answer("/healthz", cap=60) is None:
            h.say("slow download", "not measured: the server never answered")
            return
        path = "/roles/aws-engineer"
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
        sock.settimeout(10)
        sock.connect((HOST, server.port))
        sock.sendall(h.request_bytes(path, server.port))
        received = bytearray()
        newcomers = []

        def arrive():
            time.sleep(0.5)
            held = []
            for _ in range(8):
                status, seconds = h.fetch(server.port, "/healthz", 10.0)
                newcomers.append(h.answer_text(status, seconds, 10.0))
                held.append(socket.create_connection((HOST, server.port), timeout=5))
                time.sleep(0.2)
            time.sleep(1)
            for s in held:
                s.close()

        thread = threading.Thread(target=arrive, daemon=True)
        thread.start()
        start = time.perf_counter()
        ended = "whole"
        for _ in range(100000):
            if time.perf_counter() - start > 60:
                ended = "still reading after 60 s"
                break
            try:
                chunk = sock.recv(65536)
            except (ConnectionError, socket.timeout) as error:
                ended = f"cut ({type(error).__name__})"
                break
            if not chunk:
                ended = "cut (closed by the server)"
                break
            received.extend(chunk)
            if complete(received, 1):
                break
            time.sleep(0.1)
        sock.close()
        thread.join(timeout=30)
        h.say(f"GET {path} (about 4.8 MB), at most 64 KiB every 0.1 s",
              f"{ended}: {len(received)} bytes in {time.perf_counter() - start:.1f} s")
        h.say("the 8 newcomers meanwhile (each then holding a connection)", "; ".join(newcomers) or "none ran")
    finally:
        server.stop()


def complete(data, copies):
    """Whether DATA holds COPIES whole Content-Length responses."""
    view = bytes(data)
    for _ in range(copies):
        end = view.find(b"\r\n\r\n")
        if end < 0:
            return False
        head = view[:end].decode("latin-1").lower()
        length = 0
        for line in head.split("\r\n"):
            if line.startswith("content-length:"):
                length = int(line.split(":", 1)[1])
        if len(view) < end + 4 + length:
            return False
        view = view[end + 4 + length:]
    return True


# --- 10: renders at the cap ---------------------------------------------------------------

ROLES = 1000


def pair(k):
    k = (k * 7919) % (ROLES * (ROLES - 1))
    a, b = divmod(k, ROLES - 1)
    if b >= a:
        b += 1
    return f"generated-role-{a:03d}-vs-generated-role-{b:03d}"


async def pipelining_client(port, index, stop_at, counts):
    """One client: two distinct pairs pipelined at a time, on one connection
    while the server keeps it, reconnecting when it closes."""
    k = index * 100000
    reader = writer = None
    for _ in range(100000):
        if time.perf_counter() >= stop_at:
            break
        sent = answered = 0
        try:
            if writer is None:
                reader, writer = await asyncio.wait_for(
                    asyncio.open_connection(HOST, port), timeout=10)
            paths = [f"/compare/{pair(k)}", f"/compare/{pair(k + 1)}"]
            k += 2
            writer.write(b"".join(
                f"GET {p} HTTP/1.1\r\nHost: {HOST}:{port}\r\nAccept-Encoding: br, gzip\r\n\r\n".encode()
                for p in paths))
            await writer.drain()
            sent = len(paths)
            counts["sent"] += sent
            closing = False
            for _ in paths:
                head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=15)
                lines = head.decode("latin-1").split("\r\n")
                status = int(lines[0].split()[1])
                length = 0
                for line in lines[1:]:
                    name, _, value = line.partition(":")
                    if name.strip().lower() == "content-length":
                        length = int(value)
                    if name.strip().lower() == "connection" and "close" in value.lower():
                        closing = True
                await asyncio.wait_for(reader.readexactly(length), timeout=15)
                counts[f"status {status}"] = counts.get(f"status {status}", 0) + 1
                answered += 1
                if closing:
                    break
            if closing:
                counts[ANNOUNCED] += sent - answered
                writer.close()
                writer = None
                if status == 503:
                    # As asked by its Retry-After.
                    await asyncio.sleep(1.0)
        except (asyncio.IncompleteReadError, ConnectionError, OSError, asyncio.TimeoutError) as error:
            kind = TIMED_OUT if isinstance(error, asyncio.TimeoutError) else DROPPED
            counts[kind] += sent - answered
            if writer is not None:
                writer.close()
            writer = None
            await asyncio.sleep(0.05)
    if writer is not None:
        writer.close()


ANNOUNCED = "announced, not processed (after Connection: close)"
DROPPED = "dropped unanswered (closed without Connection: close)"
TIMED_OUT = "no answer within 15 s"


def pipelining_load(port, clients, duration, queue):
    """Runs in a child process: CLIENTS pipelining clients for DURATION s;
    puts their counts on QUEUE."""
    async def run():
        stop_at = time.perf_counter() + duration
        all_counts = []
        tasks = []
        for i in range(clients):
            counts = {"sent": 0, ANNOUNCED: 0, DROPPED: 0, TIMED_OUT: 0}
            all_counts.append(counts)
            tasks.append(asyncio.create_task(pipelining_client(port, i, stop_at, counts)))
        await asyncio.wait(tasks, timeout=duration + 40)
        total = {}
        for counts in all_counts:
            for key, value in counts.items():
                total[key] = total.get(key, 0) + value
        return total
    queue.put(asyncio.run(run()))


def section_renders(h):
    h.heading(f"10. Renders at the cap ({ROLES} roles, --max-connections 256)")
    site = os.path.join(h.ARGS.work, f"site{ROLES}")
    subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "gen_roles.py"),
                    site, str(ROLES)], check=True, stdout=subprocess.DEVNULL)
    server = h.Server(site, "--max-connections", "256", name="renders")
    try:
        first = server.first_answer("/", cap=120)
        if first is None:
            h.say("renders at the cap", "not measured: the server never answered / within 120 s")
            return
        h.say("spawn to first 200 for /", h.ms(first))
        h.progress("waiting until idle, up to 60 s")
        h.wait_idle(server, 60)
        h.say("resident memory at rest", f"{server.rss_mib():.1f} MiB")

        # HEADs of pairs never rendered, one keep-alive connection.
        c0, statuses, done = server.cpu(), {}, 0
        sock, buf = None, b""
        deadline = time.perf_counter() + 60
        for i in range(300):
            try:
                if sock is None:
                    sock, buf = socket.create_connection((HOST, server.port), timeout=10), b""
                sock.sendall(f"HEAD /compare/{pair(500000 + i)} HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
                status, buf = read_head(sock, deadline, buf)
                statuses[status] = statuses.get(status, 0) + 1
                done += 1
            except (OSError, ConnectionError, TimeoutError):
                if sock:
                    sock.close()
                sock = None
        if sock:
            sock.close()
        cpu = server.cpu() - c0
        h.say("300 HEADs of pairs never rendered: server CPU",
              f"{cpu:.2f} s ({1000 * cpu / max(done, 1):.2f} ms each; statuses "
              + ", ".join(f"{s}: {c}" for s, c in sorted(statuses.items())) + ")")

        queue = multiprocessing.Queue()
        load = multiprocessing.Process(target=pipelining_load, args=(server.port, 300, 20, queue))
        h.progress("300 pipelining clients for 20 s")
        load.start()
        time.sleep(2)  # let the clients fill the cap
        probes = []
        start = time.perf_counter()
        for k in range(int(16 / 0.25)):
            time.sleep(max(0.0, start + k * 0.25 - time.perf_counter()))
            probes.append(h.fetch(server.port, "/", 10.0, ["Accept-Encoding: br"]))
        load.join(timeout=80)
        try:
            counts = queue.get(timeout=10)
        except Exception:  # the queue's own Empty
            counts = None
        if load.is_alive():
            load.kill()
        if counts is None:
            h.say("pipelining clients", "no figures (the load process did not finish)")
        else:
            sent = counts.pop("sent")
            h.say(f"300 pipelining clients, 20 s: {sent} requests sent", outcome_text(counts))
        times = sorted(s for status, s in probes if status == 200)
        other = [status for status, _ in probes if status != 200]
        if times:
            p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
            slow = sum(1 for t in times if t > 0.25)
            h.say("newcomer GET / meanwhile (new connection every 0.25 s)",
                  f"p50 {h.ms(statistics.median(times))}, p95 {h.ms(p95)}, max {h.ms(times[-1])}; "
                  f"{slow} over 250 ms; {len(probes)} tried, {len(other)} not 200 {sorted(set(map(str, other)))}")
        else:
            h.say("newcomer GET / meanwhile", f"no 200 in {len(probes)} tries: {other[:5]}")
    finally:
        server.stop()


def read_head(sock, deadline, buf=b""):
    """Reads one response head (a HEAD's answer has no body). Returns
    (status, bytes left over)."""
    buf = bytearray(buf)
    while b"\r\n\r\n" not in buf:
        left = deadline - time.perf_counter()
        if left <= 0:
            raise TimeoutError
        sock.settimeout(left)
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed by the server")
        buf.extend(chunk)
    end = buf.index(b"\r\n\r\n")
    status = int(bytes(buf[:end]).split(b" ")[1])
    return status, bytes(buf[end + 4:])
