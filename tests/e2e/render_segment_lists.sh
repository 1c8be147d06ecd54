# render writes one CSV per segment for an email tool, in --lists DIR:
# every segment of segments.csv has its file (empty ones too), the columns
# start Email, First Name, Last Name, Segment; a cell that begins with =, +,
# - or @ gets an apostrophe; a customer without email or who refused
# marketing is left out; the last order date is local to the report
# timezone; render.manifest.csv counts the lists' rows and who was left out.
set -u
cd "$ENGAGE_ROOT"
dir="$TMPDIR/render_segment_lists"
fixture=fixtures/canonical/render/full
fail() { echo "FAIL: $*"; exit 1; }
bin/render --in "$fixture" --out "$dir/report.xlsx" --lists "$dir/lists" || exit 1
[ -e "$dir/segments" ] && fail "lists written beside the workbook despite --lists"
names=$(cd "$dir/lists" && ls | paste -sd' ')
[ "$names" = "about_to_sleep.csv at_risk.csv cannot_lose_them.csv champions.csv hibernating.csv lost.csv loyal_customers.csv need_attention.csv new_customers.csv potential_loyalists.csv promising.csv" ] ||
	fail "lists are $names"
head -n 1 "$dir/lists/champions.csv" | grep -q '^Email,First Name,Last Name,Segment,Previous Segment,Engagement Model,Customer ID,' ||
	fail "champions.csv header: $(head -n 1 "$dir/lists/champions.csv")"
grep -qx 'priya.shah@example.com,Priya,Shah,Champions,Champions,customer success manager,c1f091e7397ad5c6a,3,180.76,2026-03-28,4,0.9612,1.18,246.02,low,yes,' \
	"$dir/lists/champions.csv" || fail "Priya's row: $(cat "$dir/lists/champions.csv")"
grep -q "^nina.petrova@example.com,'=SUM(A1:A9),Petrova," "$dir/lists/loyal_customers.csv" ||
	fail "=SUM not neutralised"
grep -q "^oliver.grant@example.com,'@Oliver,'-2+3," "$dir/lists/potential_loyalists.csv" ||
	fail "@ and - not neutralised"
grep -q 'ben.carter' "$dir/lists/loyal_customers.csv" && fail "Ben refused marketing but is listed"
grep -q 'Sofia' "$dir/lists/lost.csv" && fail "Sofia has no email but is listed"
# Kenji ordered on 2026-04-01T02:30:52Z: still March 31st in New York.
grep -q '^kenji.mori@example.com,.*,2026-03-31,1,' "$dir/lists/potential_loyalists.csv" ||
	fail "Kenji's last order is not local"
[ "$(wc -l <"$dir/lists/promising.csv")" -eq 1 ] || fail "promising.csv is not header only"
# Nothing in any list runs as a formula once a spreadsheet opens it.
if grep -h -v '^Email,' "$dir"/lists/*.csv | tr ',' '\n' | grep -q '^[=+@]'; then
	fail "a cell begins with =, + or @"
fi
for want in 'render,stat,.*customer_scores.csv,listed,6' \
	'render,stat,.*customer_scores.csv,not_listed_no_email,1' \
	'render,stat,.*customer_scores.csv,not_listed_no_consent,1' \
	"render,output,$dir/lists/potential_loyalists.csv,rows,2" \
	"render,param,,lists,$dir/lists"; do
	grep -q "^$want$" "$dir/render.manifest.csv" || fail "manifest lacks $want"
done
exit 0
