# stages_readme_lists_the_options - the reference lists each executable's
# options as its --help does: an option is written once, in its stage's
# option table (stages/<stage>/main.c), and its reference is checked here.
#
# Under the line `<!-- options: bin/STAGE --help -->` of stages/README.md
# (pipelines/README.md for engage) a fenced block holds the options part of
# `bin/STAGE --help` (from its first line starting with "  -" to the next
# empty line), exactly. The check fails when a block differs, is missing,
# or names an executable with no such block; and when the README section
# of a stage (from its `### STAGE` heading to the next heading) or its row
# of the table of stages names an option `--NAME` the stage does not have.
#
#   tests/e2e/stages_readme_lists_the_options.sh [--update]
#
# --update rewrites the blocks from the current executables (make first).
set -u
cd "$(dirname "$0")/../.." || exit 3

/usr/bin/python3 - "${1:-}" <<'EOF'
import re
import subprocess
import sys

DOCS = {
    "stages/README.md": ["extract", "clean", "join", "compute", "render"],
    "pipelines/README.md": ["engage"],
}
update = sys.argv[1] == "--update"
problems = []


def options_part(stage):
    """The option lines of bin/STAGE --help, from the first to the next empty line."""
    out = subprocess.run([f"bin/{stage}", "--help"], capture_output=True, text=True,
                         check=True).stdout.split("\n")
    first = next(i for i, line in enumerate(out) if line.startswith("  -"))
    last = out.index("", first)
    return out[first:last]


def option_names(lines):
    """The long names in the labels of option lines."""
    names = set()
    for line in lines:
        m = re.match(r"  (?:-\w, )?--([a-z][a-z-]*)", line)
        if m:
            names.add(m.group(1))
    return names


for doc, stages in DOCS.items():
    with open(doc, encoding="utf-8") as fp:
        text = fp.read().split("\n")
    for stage in stages:
        want = options_part(stage)
        marker = f"<!-- options: bin/{stage} --help -->"
        if marker not in text:
            problems.append(f"{doc}: no line '{marker}' followed by the options block")
            continue
        at = text.index(marker) + 1
        if text[at] != "```text" or "```" not in text[at + 1:]:
            problems.append(f"{doc}:{at + 1}: a ```text block must follow '{marker}'")
            continue
        end = text.index("```", at + 1)
        if text[at + 1:end] != want:
            if update:
                text[at + 1:end] = want
                print(f"updated the options of {stage} in {doc}")
            else:
                problems.append(f"{doc}:{at + 2}: the options of {stage} differ from "
                                f"`bin/{stage} --help` (run this script with --update)")
        # Every --NAME the stage's section names is one of its options.
        known = option_names(want)
        heading = next((i for i, line in enumerate(text) if line == f"### {stage}"), None)
        lines = [] if heading is None else range(heading, next(
            (i for i in range(heading + 1, len(text)) if text[i].startswith("#")), len(text)))
        # and its row of the table of stages, "| `clean --in DIR ...` | ...".
        lines = list(lines) + [i for i, line in enumerate(text)
                               if line.startswith(f"| `{stage} ")]
        for n in lines:
            for m in re.finditer(r"(?<![\w-])--([a-z][a-z-]*)", text[n]):
                # "extract --tz auto" in compute's section is extract's option.
                before = text[n][:m.start()].split()
                owner = before[-1].strip("`") if before else ""
                if owner in DOCS["stages/README.md"] and owner != stage:
                    continue
                if m.group(1) not in known:
                    problems.append(f"{doc}:{n + 1}: {stage} has no option --{m.group(1)}")
    if update:
        with open(doc, "w", encoding="utf-8") as fp:
            fp.write("\n".join(text))

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF
