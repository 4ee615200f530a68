#!/usr/bin/env python3
"""Starts a server command and measures the time until it first answers a
request: `first_response.py URL -- COMMAND...`. Prints `PID MILLISECONDS`
and leaves the server running. Polls with raw sockets every millisecond,
so the figure carries no client start-up cost.
"""

import socket
import subprocess
import sys
import time
from urllib.parse import urlsplit


def main():
    url = sys.argv[1]
    command = sys.argv[sys.argv.index("--") + 1:]
    parts = urlsplit(url)
    request = f"GET {parts.path or '/'} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n\r\n".encode()
    start = time.perf_counter()
    process = subprocess.Popen(command)
    while time.perf_counter() - start < 10:
        try:
            with socket.create_connection((parts.hostname, parts.port), timeout=1) as s:
                s.sendall(request)
                if s.recv(12).startswith(b"HTTP/1.1 200"):
                    elapsed = (time.perf_counter() - start) * 1000
                    print(f"{process.pid} {elapsed:.1f}")
                    return
        except OSError:
            pass
        time.sleep(0.001)
    process.kill()
    sys.exit(f"{url} never answered")


if __name__ == "__main__":
    main()
