#!/usr/bin/env bash
# pseudonymize_guarantee - under a key no personal value leaves extract, in
# any table, rejects file, manifest, log, segment list or the workbook.
# Every fixture export gets invented personal values planted: names,
# phones, addresses, companies, IPs, requesters in its personal columns,
# emails in its email columns and inside its free text (comments, tags,
# URLs), and three extra rows: a ragged one with a phone and a street past
# the header's end, a truncated one, and one with a byte that is not UTF-8
# (rejected whole, its cells judged by column). The demo pipeline runs on
# the planted copy with a key, and extract on every other export; then
# every file written, and the workbook's XML, is searched for each planted
# value. The same run without a key shows the planted values do reach the
# outputs, so the search can find them.
set -u
root=$ENGAGE_ROOT
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
scratch_dir pseudonymize_guarantee
trap '[ -n "${KEEP:-}" ] || rm -rf "$dir"' EXIT
printf 'a shop key of thirty-two bytes!!\n' >"$dir/key"
cp -r "$root/fixtures" "$dir/raw" || fail "cannot copy the fixtures"
rm -rf "$dir/raw/bad" "$dir/raw/canonical" "$dir/raw/rates"

python3 - "$dir/raw" <<'PY' || fail "cannot plant the values"
import csv, glob, io, re, sys
# Personal columns of the field notes' exports; ids, countries, tax and
# product names are not personal.
personal = re.compile(r"name|phone|street|address|company|city|zip|postcode|requester$|"
                      r"submitter|assignee$|organization|ip_address|user agent", re.I)
not_personal = re.compile(r"^name$|lineitem|item name|campaign|flow name|message name|site_name|tax \d|"
                          r"terms|province|country", re.I)
email_col = re.compile(r"e-?mail", re.I)
free_text = re.compile(r"comment|feedback|tags|note|url|subject|reason|answer|message", re.I)
n = 0
def plant(header, kind):
    global n
    n += 1
    h = header.lower()
    if kind == "email":
        return "zyx.leakplant%d@example.org" % n
    if "phone" in h:
        return "+1-555-7777-%d" % n
    if "ip" in h:
        return "203.0.113.77"
    if "street" in h or "address" in h:
        return "%d Zyxplant Street" % n
    return "Zyxplant Person%d" % n
for path in sorted(glob.glob(sys.argv[1] + "/**/*.csv", recursive=True)):
    raw = open(path, "rb").read()
    text = raw.decode("utf-8-sig")
    bom = raw.startswith(b"\xef\xbb\xbf")
    if text.startswith("#"):
        continue  # GA4 reports: traffic figures, nothing personal
    body = text
    first = body.splitlines()[0]
    delim = ";" if first.count(";") > first.count(",") else ","
    rows = list(csv.reader(io.StringIO(body), delimiter=delim))
    if len(rows) < 2:
        continue
    header = rows[0]
    for row in rows[1:]:
        for j, h in enumerate(header[: len(row)]):
            if email_col.search(h) and row[j] and "@" in row[j]:
                row[j] = plant(h, "email")
            elif personal.search(h) and not not_personal.search(h) and row[j]:
                row[j] = plant(h, "personal")
            elif free_text.search(h) and not h.lower().endswith("id"):
                row[j] = (row[j] + " write to zyx.freeplant%d@example.org" % n).strip()
                n += 1
    last = list(rows[-1])
    rows.append(last + ["+1-555-7777-999", "9 Zyxplant Street"])
    rows.append(last[: max(1, len(last) // 2)])
    bad = list(last)
    bad[0] = bad[0] + "\udcff"
    rows.append(bad)
    out = io.StringIO()
    csv.writer(out, delimiter=delim, lineterminator="\n").writerows(rows)
    data = out.getvalue().encode("utf-8", "surrogateescape")
    open(path, "wb").write((b"\xef\xbb\xbf" if bom else b"") + data)
PY

planted='Zyxplant\|leakplant\|freeplant\|555-7777\|203\.0\.113\.77'
run() { # out-folder [key=FILE]
	"$root/bin/engage" run "$root/pipelines/demo.pipeline" raw="$dir/raw" out="$1/demo" "${@:2}" \
		>"$1.stdout" 2>"$1.stderr" || { cat "$1.stderr" >&2; fail "the demo run in $1 failed"; }
	local k=() f
	[ $# -gt 1 ] && k=(--pseudonymize "$dir/key")
	for f in "$dir"/raw/*/*.csv "$dir"/raw/*/*/*.csv; do
		[ -e "$f" ] || continue
		"$root/bin/extract" --in "$f" --sources "$dir/raw/acme" "${k[@]}" \
			--out "$1/one/$(basename "$(dirname "$f")")-$(basename "$f" .csv)" \
			>>"$1.stdout" 2>>"$1.stderr"
	done
	mkdir -p "$1/xlsx" && (cd "$1/xlsx" && unzip -q "$1/demo/report.xlsx") ||
		fail "no workbook in $1"
}

run "$dir/plain"
for t in Zyxplant leakplant freeplant 555-7777; do
	grep -rq "$t" "$dir/plain" || fail "without a key, '$t' is nowhere: the search proves nothing"
done
run "$dir/keyed" key="$dir/key"
if grep -rl "$planted" "$dir/keyed" "$dir/keyed.stdout" "$dir/keyed.stderr"; then
	grep -rho ".\{0,60\}\($planted\).\{0,30\}" "$dir/keyed" | head -5 >&2
	fail "planted personal values left in the files above"
fi
grep -q "ragged_row" "$dir/keyed/demo/extract/rejects.csv" || fail "no ragged row was rejected"
grep -q "invalid_utf8" "$dir/keyed/demo/extract/rejects.csv" || fail "no row with a bad byte was rejected"
exit 0
