# stage_boundaries - the library's modules keep to their stages.
#
# Every module of stages/lib/ (a .c there and its include/engage/ header) is
# listed below as private to one stage or as shared. The check fails when
#   - a module is in no list or in two (a new module must be placed),
#   - a stage's module includes another stage's private header,
#   - a shared module includes any stage's private header (shared code does
#     not depend on a stage), or
#   - headers include each other in a cycle.
# Tests, fuzz harnesses and the stages' main.c files are not checked: a
# stage's main.c is the stage, and tests may reach any module.
set -u
cd "$(dirname "$0")/../.." || exit 3

/usr/bin/python3 - <<'EOF'
import os
import re
import sys

STAGES = {
    "extract": """extract extract_ga4 extract_line_items extract_orders
        extract_records extract_row extract_value offset_log phone
        relay_domains source_map zone_finder
        extract_packed_items""",
    "clean": "clean exchange_rates order_copies",
    "join": "join",
    "compute": """bgnbd bridge churn_model cohorts compute email_metrics email_periods
        email_ratings facts gamma_gamma grid_views holdout kpis loyalty_metrics model_validity
        optimize platform_check rfm rng
        segment_report spend_metrics specfun table_scan voice_metrics web_metrics""",
    "render": """customer_list data_table render report segment_lists workbook
        workbook_cohorts workbook_customers workbook_platform workbook_quality workbook_sales
        workbook_summary workbook_voice workbook_sheets""",
    "engage": "content_hash manifest_totals pipeline run_lock run_plan runner runstate",
}
SHARED = """array atomic_file cli csv_cut csv_table datetime email_address error file_walk input integer
    loyalty manifest metrics money path pattern period personal_data progress pseudonym
    rejects sha256 slot_table stage strbuf strmap table_output tables
    text_bytes timezone version"""

owner = {}
problems = []
for stage, names in list(STAGES.items()) + [("shared", SHARED)]:
    for name in names.split():
        if name in owner:
            problems.append(f"{name} is listed for {owner[name]} and {stage}")
        owner[name] = stage

files = {}
for folder, ext in (("stages/lib", ".c"), ("include/engage", ".h")):
    for f in sorted(os.listdir(folder)):
        if f.endswith(ext):
            files[os.path.join(folder, f)] = f[: -len(ext)]

includes = {}
for path, module in files.items():
    if module not in owner:
        problems.append(f"{path}: module {module} is in no list of this script")
    with open(path, encoding="utf-8") as fp:
        for n, line in enumerate(fp, 1):
            m = re.match(r'\s*#\s*include\s+"engage/(\w+)\.h"', line)
            if m:
                includes.setdefault(path, []).append((n, m.group(1)))

for path, module in files.items():
    mine = owner.get(module)
    for n, header in includes.get(path, []):
        theirs = owner.get(header)
        if header == module or theirs in (None, "shared") or theirs == mine:
            continue
        who = "shared module" if mine == "shared" else f"{mine} module"
        problems.append(f"{path}:{n}: {who} {module} includes {header}.h, "
                        f"private to {theirs}")

# Header cycles: a depth-first walk over header -> header includes.
edges = {m: [h for _, h in includes.get(f"include/engage/{m}.h", [])]
         for p, m in files.items() if p.endswith(".h")}
state = {}
def walk(h, trail):
    state[h] = 1
    for nxt in edges.get(h, []):
        if state.get(nxt) == 1:
            cycle = trail[trail.index(nxt):] + [nxt]
            problems.append("include cycle: " + " -> ".join(x + ".h" for x in cycle))
        elif nxt not in state:
            walk(nxt, trail + [nxt])
    state[h] = 2
for h in sorted(edges):
    if h not in state:
        walk(h, [h])

for p in problems:
    print("stage_boundaries: " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF
