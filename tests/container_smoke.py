#!/usr/bin/env python3
"""Container smoke test.

Everything is taken from the Dockerfile itself: the build stage's WORKDIR,
COPY and RUN instructions, the final stage's COPY --from, ENV, EXPOSE, USER,
WORKDIR, ENTRYPOINT, CMD and HEALTHCHECK. Nothing is overridden.

Always, with or without a Docker engine:
- the build context is filtered through .dockerignore, and every file the
  build needs must survive it and land where cargo expects it: Cargo.toml,
  Cargo.lock, build.rs, the sources under src/, every file an include_str! /
  include_bytes! in them names, askama's templates/, and whatever the build
  stage's RUN commands and the final stage's COPY --from=builder read from
  the build's working directory (derived from the repository, not listed);
- EXPOSE must be the port of ROLECOMPARE_ADDR, which must name every
  interface (a container reached through a published port).

Where a Docker engine answers, the real image is built, run and probed.
Where none does (as on these CI machines), the build stage is replayed: its
COPY instructions lay out the filtered context in a temporary root, its
cargo build is the same build on this machine (its profile from the
Dockerfile; CONTAINER_SMOKE_PROFILE=debug reuses a debug build when
iterating), and its other RUN commands (cp, rolecompare check) run there.
The final stage's COPY --from=builder then takes from that root, and the
server runs as the image's user with the image's ENV, in its WORKDIR, on
the image's own address and port. If that port is taken on this machine,
the test fails and says so rather than moving the server.

Probes only ever talk to 127.0.0.1. Exits non-zero on any failure.
"""

import fnmatch
import json
import os
import re
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
PAGE_TEXT = "AWS Engineer vs AWS Architect"


def log(message):
    print(f"container-smoke: {message}", flush=True)


def fail(message):
    raise SystemExit(f"container-smoke: FAIL: {message}")


def fetch(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, response.read().decode("utf-8")


def wait_for(url, seconds=30, server=None):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if server is not None and server.poll() is not None:
            fail(f"the server exited {server.returncode} before {url} answered")
        try:
            return fetch(url, timeout=1)
        except OSError:
            time.sleep(0.1)
    fail(f"{url} never answered")


# --- The Dockerfile ---------------------------------------------------------

def instructions(path):
    """Every instruction, comments dropped and continuation lines joined."""
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
    return lines


def stages(lines):
    """The stages, each {"name", "from", "lines"}."""
    result = []
    for line in lines:
        keyword, _, rest = line.partition(" ")
        if keyword.upper() == "FROM":
            words = rest.split()
            words = [w for w in words if not w.startswith("--")]
            name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else None
            result.append({"name": name, "from": words[0], "lines": []})
        elif result:
            result[-1]["lines"].append(line)
    if not result:
        fail("the Dockerfile has no FROM")
    return result


def options_and_args(rest):
    words = shlex.split(rest)
    options = {}
    args = []
    for word in words:
        if word.startswith("--") and not args:
            key, _, value = word[2:].partition("=")
            options.setdefault(key, []).append(value)
        else:
            args.append(word)
    return options, args


def parse_stage(stage):
    parsed = {"env": {}, "copies": [], "runs": [], "workdir": "/", "user": None,
              "entrypoint": [], "cmd": [], "healthcheck": [], "expose": []}
    for line in stage["lines"]:
        keyword, _, rest = line.partition(" ")
        keyword = keyword.upper()
        rest = rest.strip()
        if keyword == "ENV":
            pairs = shlex.split(rest)
            if pairs and "=" not in pairs[0]:
                parsed["env"][pairs[0]] = " ".join(pairs[1:])
            else:
                for pair in pairs:
                    key, _, value = pair.partition("=")
                    parsed["env"][key] = value
        elif keyword == "COPY":
            options, args = options_and_args(rest)
            if rest.startswith("["):
                args = json.loads(rest)
            parsed["copies"].append({"from": (options.get("from") or [None])[0],
                                     "sources": args[:-1], "dest": args[-1]})
        elif keyword == "RUN":
            options, args = options_and_args(rest)
            parsed["runs"].append({"mounts": options.get("mount", []), "args": args})
        elif keyword == "WORKDIR":
            parsed["workdir"] = os.path.join(parsed["workdir"], rest)
        elif keyword == "USER":
            parsed["user"] = rest
        elif keyword in ("ENTRYPOINT", "CMD"):
            parsed[keyword.lower()] = json.loads(rest)
        elif keyword == "HEALTHCHECK":
            parsed["healthcheck"] = json.loads(rest[rest.index("CMD") + 3:].strip())
        elif keyword == "EXPOSE":
            parsed["expose"] += [int(p.split("/")[0]) for p in rest.split()]
    return parsed


def check_address(final):
    addr = final["env"].get("ROLECOMPARE_ADDR")
    if not addr:
        fail("the final stage sets no ROLECOMPARE_ADDR, so the server would listen on "
             "127.0.0.1 inside the container, unreachable through a published port")
    host, _, port = addr.rpartition(":")
    if host not in ("0.0.0.0", "[::]"):
        fail(f"ROLECOMPARE_ADDR={addr} does not listen on every interface")
    if not port.isdigit():
        fail(f"ROLECOMPARE_ADDR={addr} has no port")
    port = int(port)
    if final["expose"] != [port]:
        fail(f"EXPOSE {final['expose']} is not the port of ROLECOMPARE_ADDR={addr}")
    return host, port


# --- The build context ------------------------------------------------------

def dockerignore_patterns():
    path = os.path.join(ROOT, ".dockerignore")
    if not os.path.exists(path):
        return []
    patterns = []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            negated = line.startswith("!")
            pattern = line[1:].strip() if negated else line
            pattern = os.path.normpath(pattern.strip("/")).replace(os.sep, "/")
            patterns.append((negated, re.compile(glob_regex(pattern))))
    return patterns


def glob_regex(pattern):
    """Docker's .dockerignore patterns (Go's filepath.Match, plus **)."""
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            out, i = out + ".*", i + 2
        elif pattern[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pattern[i] == "?":
            out, i = out + "[^/]", i + 1
        elif pattern[i] == "[":
            end = pattern.index("]", i)
            body = pattern[i + 1:end].replace("\\", "\\\\")
            if body.startswith("!") or body.startswith("^"):
                body = "^" + body[1:]
            out, i = out + "[" + body + "]", end + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    return "^" + out + "$"


def ignored(path, patterns):
    """Whether Docker leaves `path` out of the context: the last pattern that
    matches the path or one of its parent folders decides."""
    parts = path.split("/")
    candidates = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    result = False
    for negated, regex in patterns:
        if any(regex.match(c) for c in candidates):
            result = not negated
    return result


def tracked_files():
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True,
                            capture_output=True).stdout.decode("utf-8")
    return sorted(f for f in listed.split("\0") if f and os.path.exists(os.path.join(ROOT, f)))


def needed_by_the_build(files, builder, final):
    """The files the build reads, derived from the repository and the Dockerfile."""
    needed = {}
    for name in ("Cargo.toml", "Cargo.lock", "build.rs", "rust-toolchain.toml", "rust-toolchain"):
        if name in files:
            needed[name] = "cargo"
    for source in [f for f in files if f.startswith("src/")]:
        needed[source] = "cargo"
        if not source.endswith(".rs"):
            continue
        with open(os.path.join(ROOT, source), encoding="utf-8") as f:
            text = f.read()
        for included in re.findall(r'include_(?:str|bytes)!\(\s*"([^"]+)"', text):
            target = os.path.normpath(os.path.join(os.path.dirname(source), included))
            needed[target.replace(os.sep, "/")] = f"include in {source}"
        if "askama" in text:
            for template in [f for f in files if f.startswith("templates/")]:
                needed[template] = "askama"
    # What the build stage's commands and the final stage's COPY --from read
    # from the build's working folder.
    workdir = builder["workdir"].rstrip("/") + "/"
    mentioned = [word for run in builder["runs"] for word in run["args"]]
    mentioned += [s for copy in final["copies"] if copy["from"] for s in copy["sources"]]
    for word in mentioned:
        if word.startswith(workdir):
            relative = word[len(workdir):].strip("/")
            if relative.startswith("target"):
                continue
            inside = [f for f in files if f == relative or f.startswith(relative + "/")]
            if not inside:
                fail(f"the Dockerfile reads {word}, which is not in the repository")
            for f in inside:
                needed[f] = f"read as {word}"
    return needed


def lay_out_context(files, patterns, builder, root):
    """Copies the context as the build stage's COPY instructions do into
    `root`. Returns where each context file landed."""
    context = [f for f in files if not ignored(f, patterns)]
    landed = {}
    for copy in builder["copies"]:
        if copy["from"]:
            continue
        dest = copy["dest"]
        if not dest.startswith("/"):
            dest = os.path.join(builder["workdir"], dest)
        for source in copy["sources"]:
            source = os.path.normpath(source).replace(os.sep, "/")
            for f in context:
                if source == ".":
                    target = os.path.join(dest, f)
                elif f == source or fnmatch.fnmatchcase(f, source):
                    is_dir_dest = copy["dest"].endswith("/") or len(copy["sources"]) > 1
                    target = os.path.join(dest, os.path.basename(f)) if is_dir_dest else dest
                elif f.startswith(source + "/"):
                    target = os.path.join(dest, f[len(source) + 1:])
                else:
                    continue
                target = os.path.normpath(target)
                landed[f] = target
                staged = os.path.join(root, target.lstrip("/"))
                os.makedirs(os.path.dirname(staged), exist_ok=True)
                shutil.copy2(os.path.join(ROOT, f), staged)
    return landed


def check_context(builder, final):
    files = tracked_files()
    patterns = dockerignore_patterns()
    needed = needed_by_the_build(files, builder, final)
    dropped = sorted(f for f in needed if ignored(f, patterns))
    if dropped:
        fail(".dockerignore leaves out what the build needs: "
             + ", ".join(f"{f} ({needed[f]})" for f in dropped))
    missing = sorted(f for f in needed if f not in files)
    if missing:
        fail("the build needs files the repository does not have: " + ", ".join(missing))
    return files, patterns, needed


# --- Without a Docker engine: replay the build stage ------------------------

def rooted(root, path, workdir="/"):
    return os.path.join(root, os.path.join(workdir, path).lstrip("/"))


def replay_build(builder, files, patterns, needed, root):
    landed = lay_out_context(files, patterns, builder, root)
    workdir = builder["workdir"]
    misplaced = sorted(f for f in needed
                       if landed.get(f) != os.path.normpath(os.path.join(workdir, f)))
    if misplaced:
        fail(f"the build stage's COPY does not put these where cargo reads them "
             f"({workdir}/…): " + ", ".join(misplaced[:10]))
    os.makedirs(rooted(root, workdir), exist_ok=True)
    for run in builder["runs"]:
        command = []
        for word in run["args"] + ["&&"]:
            if word == "&&":
                replay(command, root, workdir)
                command = []
            else:
                command.append(word)


def replay(argv, root, workdir):
    program = argv[0]
    if program == "cargo":
        if argv[1:2] != ["build"]:
            fail(f"the build stage runs {argv}; teach the smoke test what it makes")
        if "--locked" not in argv:
            fail("the image's cargo build must be --locked")
        profile = os.environ.get("CONTAINER_SMOKE_PROFILE") or (
            "release" if "--release" in argv else "debug")
        log(f"cargo build ({profile}) stands for the build stage's {' '.join(argv)}")
        build = ["cargo", "build", "--locked", "--quiet"]
        if profile == "release":
            build.append("--release")
        subprocess.run(build, cwd=ROOT, check=True)
        # Where the image's build writes it, as the build stage names it.
        made = os.path.join(ROOT, "target", profile, "rolecompare")
        target = rooted(root, os.path.join("target", "release" if "--release" in argv else "debug",
                                           "rolecompare"), workdir)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(made, target)
    elif program == "cp":
        source, dest = argv[-2], argv[-1]
        dest = rooted(root, dest, workdir)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        shutil.copy2(rooted(root, source, workdir), dest)
    elif program.startswith("/"):
        log("build stage runs " + " ".join(argv))
        local = [rooted(root, a) if a.startswith("/") else a for a in argv]
        result = subprocess.run(local, cwd=rooted(root, workdir), env={"PATH": "/usr/bin:/bin"},
                                capture_output=True, text=True)
        if result.returncode != 0:
            fail(f"the build stage's {' '.join(argv)} failed ({result.returncode}): "
                 f"{result.stdout}{result.stderr}")
    else:
        fail(f"the build stage runs {program}; teach the smoke test to replay it")


def user_ids(user):
    uid, _, gid = user.partition(":")
    if not uid.isdigit() or (gid and not gid.isdigit()):
        fail(f"USER {user}: use numeric ids, so the runtime needs no /etc/passwd entry")
    return uid, gid or uid


def port_free(host, port):
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def without_docker(stage_list, builder, final, context):
    log("no Docker engine: replaying the build stage, then running the final stage's layout")
    host, port = check_address(final)
    if not final["user"] or final["user"].split(":")[0] in ("root", "0"):
        fail("the image must not run as root")
    if not final["healthcheck"]:
        fail("the image needs a HEALTHCHECK")
    uid, gid = user_ids(final["user"])
    bind_host = "0.0.0.0" if host == "0.0.0.0" else "::"
    if not port_free(bind_host, port):
        fail(f"port {port} (EXPOSE and ROLECOMPARE_ADDR={final['env']['ROLECOMPARE_ADDR']}) "
             f"is in use on this machine; stop what holds it and rerun. The test runs "
             f"the image's own address rather than another one")

    build_root = tempfile.mkdtemp(prefix="rolecompare-build-")
    root = tempfile.mkdtemp(prefix="rolecompare-root-")
    try:
        replay_build(builder, *context, build_root)
        os.chmod(root, 0o755)
        for copy in final["copies"]:
            if copy["from"] != builder["name"]:
                fail(f"COPY {copy}: the smoke test knows only the build stage {builder['name']}")
            for source in copy["sources"]:
                origin = rooted(build_root, source)
                if not os.path.exists(origin):
                    fail(f"COPY --from={copy['from']} {source}: the build stage made no such file")
                destination = rooted(root, copy["dest"], final["workdir"])
                os.makedirs(os.path.dirname(destination), exist_ok=True)
                if os.path.isdir(origin):
                    shutil.copytree(origin, destination)
                else:
                    shutil.copy2(origin, destination)
        workdir = rooted(root, final["workdir"])
        os.makedirs(workdir, exist_ok=True)
        for dirpath, dirnames, filenames in os.walk(root):
            os.chmod(dirpath, 0o755)
            for name in filenames:
                path = os.path.join(dirpath, name)
                os.chmod(path, 0o755 if os.access(path, os.X_OK) else 0o644)

        def in_root(value):
            return rooted(root, value) if value.startswith("/") else value

        env = {"PATH": "/usr/bin:/bin"}
        env.update({k: in_root(v) for k, v in final["env"].items()})
        command = [in_root(a) for a in final["entrypoint"] + final["cmd"]]
        health = [in_root(a) for a in final["healthcheck"]]
        as_user = (["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups"]
                   if os.geteuid() == 0 else [])
        who = f"uid {uid}:{gid}" if as_user else f"uid {os.geteuid()} (not root: cannot switch)"
        log(f"running {' '.join(final['entrypoint'] + final['cmd'])} as {who} in "
            f"{final['workdir']} with ROLECOMPARE_ADDR={final['env']['ROLECOMPARE_ADDR']}")
        server_log = tempfile.TemporaryFile(mode="w+")
        server = subprocess.Popen(as_user + command, cwd=workdir, env=env,
                                  stdout=server_log, stderr=subprocess.STDOUT)
        try:
            status, body = wait_for(f"http://127.0.0.1:{port}/healthz", server=server)
            assert status == 200 and body == "ok", (status, body)
            healthy = subprocess.run(as_user + health, cwd=workdir, env=env, timeout=5,
                                     capture_output=True, text=True)
            if healthy.returncode != 0:
                fail(f"HEALTHCHECK {final['healthcheck']} failed against a live server: "
                     f"{healthy.stderr}")
            status, body = fetch(f"http://127.0.0.1:{port}{PAGE}")
            assert status == 200 and PAGE_TEXT in body, status
            log(f"healthcheck passed and {PAGE} answered {status} on port {port}")
        except BaseException:
            server_log.seek(0)
            print(server_log.read(), file=sys.stderr)
            raise
        finally:
            server.terminate()
            code = server.wait(timeout=15)
            if code != 0:
                fail(f"the server exited {code} on SIGTERM")
        # With the server gone, the health check must fail.
        down = subprocess.run(as_user + health, cwd=workdir, env=env, timeout=5,
                              capture_output=True)
        if down.returncode != 1:
            fail(f"HEALTHCHECK with no server exited {down.returncode}")
    finally:
        shutil.rmtree(build_root, ignore_errors=True)
        shutil.rmtree(root, ignore_errors=True)
    log("ok")


# --- With a Docker engine ---------------------------------------------------

def with_docker(final):
    _, port = check_address(final)
    tag = "rolecompare-smoke:latest"
    subprocess.run(["docker", "build", "-t", tag, ROOT], check=True)
    container = subprocess.run(
        ["docker", "run", "-d", "--rm", "--read-only", "--cap-drop", "ALL",
         "--security-opt", "no-new-privileges:true", "-p", f"127.0.0.1::{port}", tag],
        check=True, capture_output=True, text=True).stdout.strip()
    try:
        published = subprocess.run(["docker", "port", container, f"{port}/tcp"], check=True,
                                   capture_output=True, text=True).stdout.split()[0]
        host_port = published.rpartition(":")[2]
        status, _ = wait_for(f"http://127.0.0.1:{host_port}/healthz")
        assert status == 200
        subprocess.run(["docker", "exec", container, *final["healthcheck"]], check=True)
        status, body = fetch(f"http://127.0.0.1:{host_port}{PAGE}")
        assert status == 200 and PAGE_TEXT in body
    finally:
        subprocess.run(["docker", "rm", "-f", container], capture_output=True)
    log("image built, ran, and answered")


def docker_available():
    if not shutil.which("docker"):
        return False
    return subprocess.run(["docker", "info"], capture_output=True).returncode == 0


def main():
    os.chdir(ROOT)
    stage_list = [dict(parse_stage(s), name=s["name"]) for s in stages(
        instructions(os.path.join(ROOT, "Dockerfile")))]
    final = stage_list[-1]
    builders = [s for s in stage_list[:-1] if any(c["from"] is None for c in s["copies"])]
    if len(builders) != 1:
        fail("expected one build stage that copies the build context")
    builder = builders[0]
    check_address(final)
    context = check_context(builder, final)
    log(f".dockerignore keeps the {len(context[2])} files the build reads")
    if docker_available():
        with_docker(final)
    else:
        without_docker(stage_list, builder, final, context)


if __name__ == "__main__":
    main()
    sys.exit(0)
