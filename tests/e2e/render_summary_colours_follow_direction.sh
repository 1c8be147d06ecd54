# Every metric of the catalogue (stages/lib/metrics.c, read here as it is
# declared) rises from one month to the next in a kpis.csv made for the
# test; render's Summary colours each change by the metric's declared
# direction: green when higher is better, red when lower is better (a rise
# of refunds, churn or NPS detractors is bad news), no colour when neutral.
# Then every metric falls, and the colours swap.
set -u
cd "$ENGAGE_ROOT"
dir="$TMPDIR/render_summary_colours"
mkdir -p "$dir/up" "$dir/down"
/usr/bin/python3 - stages/lib/metrics.c "$dir" <<'PY' || exit 1
import re, sys, subprocess, openpyxl
src, dir = open(sys.argv[1]).read(), sys.argv[2]
entries = re.findall(r'\[EG_M_\w+\] = \{\s*"(\w+)",\s*"([^"]*)",\s*EG_METRIC_(\w+),\s*(NULL|"[^"]*"),.*?EG_DIR_(\w+) \}', src, re.S)
assert len(entries) == len(re.findall(r'\t\[EG_M_\w+\] = \{', src)), "a catalogue entry without a direction"
unit = lambda kind, u: {"COUNT": "count", "MONEY": "USD", "RATIO": "ratio"}.get(kind, u.strip('"'))
green, red = "1E7B34", "C0392B"
for way, before, now in (("up", 1, 2), ("down", 2, 1)):
    with open("%s/%s/kpis.csv" % (dir, way), "w") as f:
        f.write("month,metric,value,unit,note\n")
        for month, v in (("2026-02", before), ("2026-03", now)):
            for mid, name, kind, u, d in entries:
                value = "%.6f" % (v / 10) if kind == "RATIO" else str(v)
                f.write("%s,%s,%s,%s,\n" % (month, mid, value, unit(kind, u)))
    subprocess.run(["bin/render", "--in", "%s/%s" % (dir, way), "--out", "%s/%s/report.xlsx" % (dir, way),
                    "--month", "2026-03"], check=True)
    ws = openpyxl.load_workbook("%s/%s/report.xlsx" % (dir, way))["Summary"]
    rows = {ws.cell(r, 1).value: r for r in range(5, ws.max_row + 1)}
    for mid, name, kind, u, d in entries:
        assert name in rows, "Summary has no row %r (%s)" % (name, mid)
        cell = ws.cell(rows[name], 4)
        rgb = cell.font.color.rgb[-6:] if cell.font and cell.font.color and isinstance(cell.font.color.rgb, str) else None
        good = {"HIGHER_BETTER": way == "up", "LOWER_BETTER": way == "down", "NEUTRAL": None}[d]
        want = None if good is None else green if good else red
        assert cell.value not in (None, "n/a"), "%s: no change shown" % mid
        assert rgb == want, "%s (%s, %s): change coloured %s, not %s" % (mid, d, way, rgb, want)
    print(way, len(entries), "metrics")
PY
exit 0
