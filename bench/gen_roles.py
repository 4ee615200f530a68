#!/usr/bin/env python3
"""Writes a content folder with N made-up roles (default 200) for load and
scale measurements: `gen_roles.py OUT_DIR [N]`. Each role is a variation of
the bundled AWS Engineer file with its own slug, title and salary figures.
"""

import os
import re
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    os.makedirs(os.path.join(out, "roles"), exist_ok=True)
    shutil.copy(os.path.join(ROOT, "content", "site.yaml"), out)
    # The role names an official occupation, whose figures it needs.
    shutil.copy(os.path.join(ROOT, "content", "official-pay.csv"), out)
    with open(os.path.join(ROOT, "content", "roles", "aws-engineer.md"), encoding="utf-8") as f:
        template = f.read()
    for i in range(count):
        slug = f"generated-role-{i:03d}"
        text = template.replace("title: AWS Engineer", f"title: Generated Role {i:03d}", 1)
        shift = 1000 * (i % 50)
        text = re.sub(r"(min|max): (\d+)", lambda m: f"{m.group(1)}: {int(m.group(2)) + shift}", text)
        with open(os.path.join(out, "roles", f"{slug}.md"), "w", encoding="utf-8") as f:
            f.write(text)
    print(f"{count} roles in {out}")


if __name__ == "__main__":
    main()
