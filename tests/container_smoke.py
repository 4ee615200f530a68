#!/usr/bin/env python3
"""Container smoke test.

Where a Docker engine answers, build the image, run it, and probe it. Where
none does (as on these CI machines), do the next best thing: build the
release binary, lay out exactly what the Dockerfile's final stage copies into
a temporary root, and run it as an unprivileged user with the Dockerfile's
ENV, ENTRYPOINT and CMD, from another working directory; then probe the
HEALTHCHECK command and a page.

Only loopback addresses are used. Exits non-zero on any failure.
"""

import json
import os
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGE = "/compare/aws-engineer-vs-aws-architect"


def log(message):
    print(f"container-smoke: {message}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, response.read().decode("utf-8")


def wait_for(url, seconds=15):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            return fetch(url, timeout=1)
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"container-smoke: {url} never answered")


def final_stage(path):
    """The instructions of the Dockerfile's last stage, continuation lines joined."""
    lines, current = [], ""
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if line.lstrip().startswith("#"):
                continue
            if line.endswith("\\"):
                current += line[:-1] + " "
                continue
            current += line
            if current.strip():
                lines.append(current.strip())
            current = ""
    last = max(i for i, l in enumerate(lines) if l.upper().startswith("FROM "))
    return lines[last:]


def parse_stage(instructions):
    stage = {"env": {}, "copies": [], "workdir": "/", "user": None,
             "entrypoint": [], "cmd": [], "healthcheck": []}
    for line in instructions:
        keyword, _, rest = line.partition(" ")
        keyword = keyword.upper()
        if keyword == "ENV":
            for pair in shlex.split(rest):
                key, _, value = pair.partition("=")
                stage["env"][key] = value
        elif keyword == "COPY":
            args = [a for a in shlex.split(rest) if not a.startswith("--")]
            stage["copies"].append((args[0], args[1]))
        elif keyword == "WORKDIR":
            stage["workdir"] = rest.strip()
        elif keyword == "USER":
            stage["user"] = rest.strip()
        elif keyword in ("ENTRYPOINT", "CMD"):
            stage[keyword.lower()] = json.loads(rest)
        elif keyword == "HEALTHCHECK":
            stage["healthcheck"] = json.loads(rest[rest.index("CMD") + 3:].strip())
    return stage


# Where the builder stage put what the final stage copies, in this checkout.
BUILDER_PATHS = {
    "/usr/local/bin/rolecompare": os.path.join(ROOT, "target", "release", "rolecompare"),
    "/src/content": os.path.join(ROOT, "content"),
}


def with_docker():
    tag = "rolecompare-smoke:latest"
    subprocess.run(["docker", "build", "-t", tag, ROOT], check=True)
    port = free_port()
    container = subprocess.run(
        ["docker", "run", "-d", "--rm", "--read-only", "-p", f"127.0.0.1:{port}:3000", tag],
        check=True, capture_output=True, text=True).stdout.strip()
    try:
        status, _ = wait_for(f"http://127.0.0.1:{port}/healthz")
        assert status == 200
        subprocess.run(["docker", "exec", container, "/app/rolecompare", "healthcheck"], check=True)
        status, body = fetch(f"http://127.0.0.1:{port}{PAGE}")
        assert status == 200 and "AWS Engineer vs AWS Architect" in body
    finally:
        subprocess.run(["docker", "rm", "-f", container], capture_output=True)
    log("image built, ran, and answered")


def without_docker():
    log("no Docker engine: running the final stage's layout as an unprivileged user")
    subprocess.run(["cargo", "build", "--release", "--locked", "--quiet"], cwd=ROOT, check=True)
    stage = parse_stage(final_stage(os.path.join(ROOT, "Dockerfile")))
    assert stage["user"] and stage["user"] not in ("root", "0", "0:0"), "the image must not run as root"
    assert stage["healthcheck"], "the image needs a HEALTHCHECK"

    root = tempfile.mkdtemp(prefix="rolecompare-root-")
    elsewhere = tempfile.mkdtemp(prefix="rolecompare-cwd-")
    try:
        os.chmod(root, 0o755)
        os.chmod(elsewhere, 0o755)
        for source, target in stage["copies"]:
            origin = BUILDER_PATHS.get(source)
            assert origin, f"COPY {source}: unknown builder path; teach BUILDER_PATHS"
            destination = os.path.join(root, target.lstrip("/"))
            os.makedirs(os.path.dirname(destination), exist_ok=True)
            if os.path.isdir(origin):
                shutil.copytree(origin, destination)
            else:
                shutil.copy2(origin, destination)
        for dirpath, dirnames, filenames in os.walk(root):
            for name in dirnames:
                os.chmod(os.path.join(dirpath, name), 0o755)
            for name in filenames:
                path = os.path.join(dirpath, name)
                os.chmod(path, 0o755 if os.access(path, os.X_OK) else 0o644)

        def rooted(value):
            return os.path.join(root, value.lstrip("/")) if value.startswith("/") else value

        port = free_port()
        env = {"PATH": "/usr/bin:/bin", "RUST_LOG": "info"}
        env.update({k: rooted(v) for k, v in stage["env"].items()})
        # Loopback only, on a free port; the image listens on 0.0.0.0:3000.
        env["ROLECOMPARE_ADDR"] = f"127.0.0.1:{port}"
        command = [rooted(a) for a in stage["entrypoint"] + stage["cmd"]]
        health = [rooted(a) for a in stage["healthcheck"]]
        uid = "65534"
        as_user = (["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups"]
                   if os.geteuid() == 0 else [])
        log("running " + " ".join(command) + f" as uid {uid if as_user else os.geteuid()} in {elsewhere}")
        server = subprocess.Popen(as_user + command, cwd=elsewhere, env=env)
        try:
            status, body = wait_for(f"http://127.0.0.1:{port}/healthz")
            assert status == 200 and body == "ok", (status, body)
            subprocess.run(as_user + health, cwd=elsewhere, env=env, check=True, timeout=5)
            status, body = fetch(f"http://127.0.0.1:{port}{PAGE}")
            assert status == 200 and "AWS Engineer vs AWS Architect" in body, status
            log(f"healthcheck passed and {PAGE} answered {status}")
        finally:
            server.terminate()
            code = server.wait(timeout=10)
            assert code == 0, f"the server exited {code} on SIGTERM"
        # With the server gone, the health check must fail.
        down = subprocess.run(as_user + health, cwd=elsewhere, env=env, timeout=5, capture_output=True)
        assert down.returncode == 1, down
    finally:
        shutil.rmtree(root, ignore_errors=True)
        shutil.rmtree(elsewhere, ignore_errors=True)
    log("ok")


def docker_available():
    if not shutil.which("docker"):
        return False
    return subprocess.run(["docker", "info"], capture_output=True).returncode == 0


if __name__ == "__main__":
    os.chdir(ROOT)
    if docker_available():
        with_docker()
    else:
        without_docker()
    sys.exit(0)
