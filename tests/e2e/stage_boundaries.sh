# stage_boundaries - the library's modules keep to their stages.
#
# Every module of stages/lib/ (a .c there and its include/engage/ header) is
# listed below as private to one stage or as shared. The check fails when
#   - a module is in no list or in two (a new module must be placed),
#   - a stage's module includes another stage's private header,
#   - a shared module includes any stage's private header (shared code does
#     not depend on a stage), or
#   - headers include each other in a cycle, or
#   - modules do: module A uses module B when A's .c or .h includes B's
#     header, and no module may use itself through others (render's sheets
#     call the cell helpers, which call nothing above them).
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
    "compute": """bgnbd bridge churn_model cohorts compute email_flows email_metrics email_periods
        email_ratings facts gamma_gamma grid_views holdout kpis loyalty_metrics model_validity
        optimize period_totals platform_check rfm rng
        segment_report spend_metrics specfun table_scan voice_metrics web_metrics""",
    "render": """bridge_table customer_columns customer_list customer_table data_table render report
        cohorts_table funnel_table holdout_table journey_table quality_table segment_lists
        segment_moves_table segments_table summary_table voice_table
        workbook workbook_bridge workbook_cells workbook_cohorts workbook_customers
        workbook_data workbook_definitions workbook_email workbook_journey_funnel
        workbook_model workbook_platform workbook_quality workbook_segment_moves
        workbook_segments workbook_sheets workbook_summary workbook_trends workbook_voice""",
    "engage": "content_hash manifest_totals pipeline run_lock run_plan runner runstate",
}
SHARED = """array atomic_file cli csv_cut csv_table datetime email_address error file_walk input integer
    loyalty manifest metrics money path pattern period personal_data progress pseudonym
    option_table rejects sha256 slot_table stage strbuf strmap table_output tables
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

def cycles(graph):
    """Each cycle met in a depth-first walk of graph (node -> the nodes it
    leads to, in the order walked), as its list of nodes."""
    found, state = [], {}
    def walk(n, trail):
        state[n] = 1
        for nxt in graph.get(n, ()):
            if state.get(nxt) == 1:
                found.append(trail[trail.index(nxt):] + [nxt])
            elif nxt not in state:
                walk(nxt, trail + [nxt])
        state[n] = 2
    for n in sorted(graph):
        if n not in state:
            walk(n, [n])
    return found

# Header cycles: header -> the headers it includes.
edges = {m: [h for _, h in includes.get(f"include/engage/{m}.h", [])]
         for p, m in files.items() if p.endswith(".h")}
for cycle in cycles(edges):
    problems.append("include cycle: " + " -> ".join(x + ".h" for x in cycle))

# Module cycles: a module (its .c and .h) uses the modules whose headers it includes.
uses = {}
for path, module in files.items():
    for _, header in includes.get(path, []):
        if header != module:
            uses.setdefault(module, set()).add(header)
for cycle in cycles({m: sorted(u) for m, u in uses.items()}):
    problems.append("module cycle: " + " -> ".join(cycle))

for p in problems:
    print("stage_boundaries: " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF
