# pipelines/monthly.pipeline with its default tz=auto cuts months in the
# shop's own zone, found from the UTC offsets of the order exports:
#  - a Los Angeles store's Shopify export (-0800 in winter, -0700 in summer)
#    gives America/Los_Angeles and the very kpis.csv of an explicit
#    tz=America/Los_Angeles, not those of UTC (orders on the evening of
#    February 28th and March 31st change month); the Summary sheet and
#    `engage status` say which zone and why;
#  - WooCommerce's stamps without offset, beside it, are read in that zone
#    (extract alone);
#  - a store writing +0530 throughout gives a zone of that offset;
#  - Stripe alone (UTC, no offset) gives UTC, said plainly;
#  - a New York and a Los Angeles store in one folder (with an email
#    export, which says nothing of the zone) fit no single zone: the New
#    York export (more orders) wins, and the Data quality sheet names each
#    order file's zone.
set -u
cd "$ENGAGE_ROOT"
dir="$TMPDIR/finds_the_shop_zone"
fail() { echo "$*"; exit 1; }
# month NAME TZ FILE...: runs the month 2026-03 on a folder of the given
# fixtures, with tz=TZ unless TZ is empty.
month() {
	local name=$1 tz=$2
	shift 2
	mkdir -p "$dir/$name/raw"
	cp "$@" "$dir/$name/raw/" || exit 1
	bin/engage run pipelines/monthly.pipeline month=2026-03 raw="$dir/$name/raw" \
		out="$dir/$name/out" ${tz:+tz=$tz} 2>"$dir/$name/stderr.txt" ||
		{ cat "$dir/$name/stderr.txt"; fail "$name: the run failed"; }
}
param() { # param STAGE_DIR KEY: a parameter of that stage's manifest
	sed -n "s/^[a-z]*,param,,$2,//p" "$1"/*.manifest.csv
}

# finds NAME ZONE FILE...: the month of the files with tz=auto gives ZONE, and
# the kpis.csv of an explicit tz=ZONE, not those of tz=UTC.
finds() {
	local name=$1 zone=$2
	shift 2
	month "$name" "" "$@"
	month "${name}_given" "$zone" "$@"
	month "${name}_utc" UTC "$@"
	[ "$(param "$dir/$name/out/extract" timezone)" = "$zone" ] ||
		fail "$name: extract found '$(param "$dir/$name/out/extract" timezone)', not $zone"
	cmp "$dir/$name/out/compute/kpis.csv" "$dir/${name}_given/out/compute/kpis.csv" ||
		fail "$name: tz=auto and tz=$zone give different kpis.csv"
	cmp -s "$dir/$name/out/compute/kpis.csv" "$dir/${name}_utc/out/compute/kpis.csv" &&
		fail "$name: tz=auto gives the kpis.csv of UTC"
}

la=fixtures/shopify/orders_los_angeles.csv
finds la America/Los_Angeles $la
grep -q '^2026-03,orders,5,' "$dir/la/out/compute/kpis.csv" || fail "not 5 March orders in Los Angeles"
grep -q '^2026-03,orders,4,' "$dir/la_utc/out/compute/kpis.csv" || fail "not 4 March orders in UTC"
param "$dir/la/out/compute" timezone_found | grep -q 'America/Los_Angeles, found from the exports: its rules give the offsets -0800 and -0700 of all 14 time stamps' ||
	fail "compute does not say how the zone was found: $(param "$dir/la/out/compute" timezone_found)"
/usr/bin/python3 - "$dir/la/out/report.xlsx" <<'PY' || exit 1
import sys, openpyxl
note = openpyxl.load_workbook(sys.argv[1])["Summary"]["A2"].value
want = "Time zone of the months: America/Los_Angeles, found from the exports"
if want not in note:
    sys.exit("Summary note %r lacks %r" % (note, want))
PY
bin/engage status pipelines/monthly.pipeline month=2026-03 raw="$dir/la/raw" out="$dir/la/out" \
	>"$dir/status.txt" || fail "status failed"
grep -q '^time zone: America/Los_Angeles, found from the exports' "$dir/status.txt" ||
	{ cat "$dir/status.txt"; fail "status does not show the zone"; }
bin/engage status pipelines/monthly.pipeline month=2026-03 raw="$dir/la/raw" \
	out="$dir/la_given/out" tz=America/Los_Angeles >"$dir/status.txt" || fail "status failed"
grep -qx 'time zone: America/Los_Angeles, as given' "$dir/status.txt" ||
	{ cat "$dir/status.txt"; fail "status does not show the zone given"; }

# WooCommerce's local times are read in the zone found, as with tz= given.
woo=fixtures/woocommerce/orders_webtoffee.csv
for tz in auto America/Los_Angeles; do
	bin/extract --tz $tz --in $la --in $woo --out "$dir/woo/$tz" 2>/dev/null || fail "extract --tz $tz failed"
done
cmp "$dir/woo/auto/orders.csv" "$dir/woo/America/Los_Angeles/orders.csv" ||
	fail "WooCommerce times not read in the zone found"

finds ko Asia/Kolkata fixtures/shopify/orders_kolkata.csv

# Stripe alone, the whole month: its times are UTC and carry no offset.
mkdir -p "$dir/stripe/raw" && cp fixtures/stripe/unified_payments.csv "$dir/stripe/raw/" || exit 1
bin/engage run pipelines/monthly.pipeline month=2026-01 raw="$dir/stripe/raw" \
	out="$dir/stripe/out" 2>/dev/null || fail "stripe: the month failed"
[ -s "$dir/stripe/out/report.xlsx" ] || fail "stripe: no workbook"
for stage in extract compute; do
	[ "$(param "$dir/stripe/out/$stage" timezone)" = UTC ] || fail "Stripe alone: $stage's zone is not UTC"
done
param "$dir/stripe/out/extract" timezone_found | grep -q '^UTC: no export carries a UTC offset' ||
	fail "Stripe alone: $(param "$dir/stripe/out/extract" timezone_found)"

month mixed "" fixtures/klaviyo/email_events.csv $la fixtures/shopify/orders_export.csv
[ "$(param "$dir/mixed/out/extract" timezone)" = America/New_York ] ||
	fail "two stores gave '$(param "$dir/mixed/out/extract" timezone)', not America/New_York"
/usr/bin/python3 - "$dir/mixed/out/report.xlsx" "$dir/mixed/raw" <<'PY' || exit 1
import sys, openpyxl
rows = [r[:3] for r in openpyxl.load_workbook(sys.argv[1])["Data quality"].iter_rows(values_only=True)]
for f, zone in (("orders_export.csv", "America/New_York"),
                ("orders_los_angeles.csv", "America/Los_Angeles")):
    if ("extract", sys.argv[2] + "/" + f, zone) not in rows:
        sys.exit("Data quality does not name %s's zone %s" % (f, zone))
PY
exit 0
