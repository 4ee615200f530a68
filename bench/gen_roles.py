#!/usr/bin/env python3
"""Writes a content folder with N made-up roles (default 200) for load and
scale measurements: `gen_roles.py OUT_DIR [N] [--with-bundled]`. Each role
is a variation of the bundled AWS Engineer file with its own slug, title
and salary figures, and names the official occupation that file names.

With `--with-bundled`, the folder holds the bundled content (its roles,
curated comparison and questionnaire) and N minus the bundled roles made-up
ones, N roles in all: `gen_roles.py OUT 1000 --with-bundled` is the bundled
two and 998 generated.
"""

import os
import re
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONTENT = os.path.join(ROOT, "content")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    with_bundled = "--with-bundled" in sys.argv[1:]
    out = args[0]
    count = int(args[1]) if len(args) > 1 else 200
    os.makedirs(os.path.join(out, "roles"), exist_ok=True)
    shutil.copy(os.path.join(CONTENT, "site.yaml"), out)
    # The role names an official occupation, whose figures it needs.
    shutil.copy(os.path.join(CONTENT, "official-pay.csv"), out)
    bundled = 0
    if with_bundled:
        for name in sorted(os.listdir(os.path.join(CONTENT, "roles"))):
            shutil.copy(os.path.join(CONTENT, "roles", name), os.path.join(out, "roles"))
            bundled += 1
        shutil.copytree(os.path.join(CONTENT, "comparisons"), os.path.join(out, "comparisons"),
                        dirs_exist_ok=True)
        if os.path.exists(os.path.join(CONTENT, "fit.yaml")):
            shutil.copy(os.path.join(CONTENT, "fit.yaml"), out)
    with open(os.path.join(CONTENT, "roles", "aws-engineer.md"), encoding="utf-8") as f:
        template = f.read()
    for i in range(count - bundled):
        slug = f"generated-role-{i:03d}"
        text = template.replace("title: AWS Engineer", f"title: Generated Role {i:03d}", 1)
        shift = 1000 * (i % 50)
        text = re.sub(r"(min|max): (\d+)", lambda m: f"{m.group(1)}: {int(m.group(2)) + shift}", text)
        with open(os.path.join(out, "roles", f"{slug}.md"), "w", encoding="utf-8") as f:
            f.write(text)
    print(f"{count} roles in {out}")


if __name__ == "__main__":
    main()
