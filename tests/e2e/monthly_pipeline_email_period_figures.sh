# Klaviyo's custom report by list or segment (fixtures/klaviyo/rates_report.csv,
# grouped by the year 2025) in a month folder with Stripe's payments, through
# pipelines/monthly.pipeline: its rates are period figures of 2025, shown on
# the Email sheet with their range and never spread over months, SMS apart
# from email. By hand from the fixture: email lists 412.50 + 1290.31 (the
# export's 1290.30999) = 1702.81 placed order value, SMS 96.00, the list
# without a channel 0.00; the row with a click rate of 1.25 is rejected.
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
month_run email_periods 2026-03 UTC stripe/unified_payments.csv klaviyo/rates_report.csv || exit 1
/usr/bin/python3 - "$workbook" <<'PY' || exit 1
import sys, openpyxl
rows = [r for r in openpyxl.load_workbook(sys.argv[1])["Email"].iter_rows(values_only=True)]
at = [i for i, r in enumerate(rows) if r[0] and str(r[0]).startswith("Period figures")]
if not at:
    sys.exit("the Email sheet shows no period figures")
got = [r[:7] for r in rows[at[0] + 3:] if r[0] is not None]
want = [
    ("2025-01-01", "2025-12-31", "email", "Spring Roast Buyers", 0.61905, 0.08333, 412.5),
    ("2025-01-01", "2025-12-31", "email", "Newsletter Subscribers", 0.43812, 0.02171, 1290.31),
    ("2025-01-01", "2025-12-31", "sms", "Welcome SMS", "n/a", 0.03125, 96),
    ("2025-01-01", "2025-12-31", "(not given)", "VIP Customers", 0.7, 0.11429, 0),
    ("2025-01-01", "2025-12-31", "email", "(all)", "n/a", "n/a", 1702.81),
    ("2025-01-01", "2025-12-31", "sms", "(all)", "n/a", "n/a", 96),
    ("2025-01-01", "2025-12-31", "(not given)", "(all)", "n/a", "n/a", 0),
]
if got != want:
    sys.exit("Email period figures:\n%r\nnot\n%r" % (got, want))
PY
# Not spread over months: no month's email rates come from the report.
! grep -q klaviyo_rates_report "$out/compute/kpis.csv" || { echo "kpis.csv uses the year's rates"; exit 1; }
grep -q 'rates_report.csv,6,bad_number' "$out/extract/rejects.csv" ||
	{ echo "the out-of-range rate is not in rejects.csv"; cat "$out/extract/rejects.csv"; exit 1; }
