# With key=FILE, the demo shop's run holds no email anywhere: not in any
# table, rejects file, manifest, segment list or the workbook's sheets. The
# KPIs are the same as without pseudonyms, and the pseudonyms are the same
# in another month's run with the same key.
set -u
cd "$ENGAGE_ROOT"
dir="$TMPDIR/pseudonymize"
mkdir -p "$dir"
printf 'a shop key of thirty-two bytes!!\n' >"$dir/key"
bin/engage run pipelines/demo.pipeline out="$dir/plain" >/dev/null 2>&1 || { echo "plain run failed"; exit 1; }
bin/engage run pipelines/demo.pipeline out="$dir/pseudo" key="$dir/key" >/dev/null 2>&1 ||
	{ echo "pseudonymized run failed"; exit 1; }
bin/engage run pipelines/demo.pipeline out="$dir/feb" key="$dir/key" month=2026-02 >/dev/null 2>&1 ||
	{ echo "February run failed"; exit 1; }
grep -q "@example.com" "$dir/plain/join/customers.csv" || { echo "the plain run has no emails to hide"; exit 1; }
if grep -rl "@example.com" "$dir/pseudo" --exclude-dir=logs; then
	echo "emails left in the files above"
	exit 1
fi
mkdir -p "$dir/xlsx" && (cd "$dir/xlsx" && unzip -q ../pseudo/report.xlsx) || exit 1
grep -rl "@example.com" "$dir/xlsx" && { echo "emails left in the workbook"; exit 1; }
grep -q "@pseudonym.invalid" "$dir/pseudo/join/customers.csv" || { echo "no pseudonyms written"; exit 1; }
cmp "$dir/plain/compute/kpis.csv" "$dir/pseudo/compute/kpis.csv" || { echo "the KPIs changed"; exit 1; }
cut -d, -f2 "$dir/pseudo/join/customers.csv" | sort >"$dir/mar.txt"
cut -d, -f2 "$dir/feb/join/customers.csv" | sort >"$dir/feb.txt"
cmp "$dir/mar.txt" "$dir/feb.txt" || { echo "pseudonyms differ between months"; exit 1; }
exit 0
