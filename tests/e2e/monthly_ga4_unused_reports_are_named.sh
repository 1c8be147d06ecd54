# GA4's Pages and screens report and Universal Analytics' All Pages report
# hold nothing engage adds up into a metric (counts per page, whose users
# and sessions overlap between rows, and views of any page): in a month
# folder beside the orders export they are named as known exports engage
# does not use, on extract's stderr (its log), in extract.manifest.csv's
# unread rows and on the Data quality sheet, never as "matches no known
# source", and the month still runs (exit 0) with no web metric from them.
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
fail() { echo "$1"; exit 1; }
month_run ga4_unused 2026-03 UTC shopify/orders_export.csv ga4/pages_and_screens_march.csv \
	ga4/ua_all_pages.csv || exit 1
raw="$TMPDIR/ga4_unused/raw/2026-03"
m="$out/extract/extract.manifest.csv"
log="$out/logs/extract.log"
for x in "ga4_pages_and_screens_march.csv:GA4 Pages and screens report (source ga4_pages)" \
	"ga4_ua_all_pages.csv:Universal Analytics All Pages report (source ua_pages)"; do
	f=${x%%:*} why=${x#*:}
	grep -qxF "extract,unread,$raw/$f,reason,$why: a known export that holds nothing engage uses" \
		"$m" || fail "$f is not named in the manifest"
	grep -qxF "extract: $raw/$f: $why: a known export that holds nothing engage uses (file not read)" \
		"$log" || fail "$f is not named on stderr"
done
! grep -q 'no known source' "$m" || fail "a known export is called unrecognised"
grep -qF "engage: extract did not read 2 files: each is named with why in '$log'" \
	"$TMPDIR/ga4_unused/stderr.txt" || fail "the run's stderr does not say"
[ "$(grep -c ',unread,.*,reason,' "$m")" -eq 2 ] || fail "not exactly two files not read"
workbook_has unread "ga4_pages_and_screens_march.csv=GA4 Pages and screens report" \
	"ga4_ua_all_pages.csv=Universal Analytics All Pages report" || exit 1
workbook_has summary orders=20 sessions=n/a users=n/a || exit 1
exit 0
