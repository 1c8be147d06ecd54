# Klaviyo's custom flow performance report (fixtures/klaviyo/flow_performance_report.csv)
# beside its campaign performance report and Stripe's payments, through
# pipelines/monthly.pipeline: flows are shown apart from campaigns on the
# Email sheet, for the report's range, never spread over months nor added
# to the email KPIs; Apple privacy opens are kept as their own column in
# both, with the open rate without them beside the platform's.
#
# By hand from the fixtures. Flows, Jan 1 - Mar 31 2026, email: recipients
# 640 + 598 + 300 = 1538, bounces 5 + 16 + 4 = 25, delivered 1513; unique
# opens 420 + 332 + 152 = 904 (open rate 904 / 1513 = 0.597488), Apple
# privacy opens 150 + 128 + 62 = 340 (without them 564 / 1513 = 0.372769);
# clicks 80 + 49 + 40 = 169 (0.111699); placed orders 22 + 9 + 18 = 49.
# Welcome 1: 640 - 5 = 635 delivered, 420 / 635 = 0.661417, (420 - 150) /
# 635 = 0.425197. The SMS message has no open rate. The 2025 row is a
# period of its own; the row whose range lacks a year is rejected.
# Campaigns, March: the email campaign only (the SMS one is no email):
# 2455 - 6 = 2449 delivered, 1440 unique opens (0.587995), 421 of them
# Apple's (1019 / 2449 = 0.416088). January: 2400 delivered, 1350 opens,
# 402 Apple's, (1350 - 402) / 2400 = 0.395.
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
month_run email_flows 2026-03 UTC stripe/unified_payments.csv \
	klaviyo/campaign_performance_report.csv klaviyo/flow_performance_report.csv || exit 1
/usr/bin/python3 - "$workbook" <<'PY' || exit 1
import sys, openpyxl
rows = [r for r in openpyxl.load_workbook(sys.argv[1])["Email"].iter_rows(values_only=True)]
def section(title, skip):
    at = [i for i, r in enumerate(rows) if r[0] and str(r[0]).startswith(title)]
    if not at:
        sys.exit("the Email sheet has no section " + title)
    out = []
    for r in rows[at[0] + skip:]:
        if r[0] is None:
            break
        out.append(r)
    return out
head = section("By month", 1)[0]
if head[6] != "Open rate (Apple privacy opens included)" or \
        head[10:12] != ("Apple privacy opens", "Open rate without Apple privacy opens"):
    sys.exit("the month table does not say which open rate it shows: %r" % (head,))
months = [r[1:12] for r in section("By month", 2)]
want = [
    (2400, 1350, 100, 6, 10, 0.5625, 0.041667, 0.0025, 0.004149, 402, 0.395),
    (2381, 1431, 124, 4, 7, 0.601008, 0.052079, 0.00168, 0.002931, 410, 0.428811),
    (2449, 1440, 156, 7, 6, 0.587995, 0.063699, 0.002858, 0.002444, 421, 0.416088),
]
if months != want:
    sys.exit("Email months:\n%r\nnot\n%r" % (months, want))
# Beside the months, each email campaign of the report in its month (the SMS one left out).
campaigns = [r[1:13] for r in section("By campaign", 2)]
want = [
    ("Winter Blend Launch", 2400, 1350, 100, 6, 10, 0.5625, 0.041667, 0.0025, 0.004149, 402, 0.395),
    ("Valentine's Gift Guide", 2381, 1431, 124, 4, 7, 0.601008, 0.052079, 0.00168, 0.002931,
     410, 0.428811),
    ("Spring Roast Early Access", 2449, 1440, 156, 7, 6, 0.587995, 0.063699, 0.002858,
     0.002444, 421, 0.416088),
]
if campaigns != want:
    sys.exit("Email campaigns:\n%r\nnot\n%r" % (campaigns, want))
flows = [r[:14] for r in section("Flows", 3)]
want = [
    ("2026-01-01", "2026-03-31", "email", "Welcome Series", "Welcome 1: Our story",
     640, 635, 420, 150, 80, 22, 0.661417, 0.425197, 0.125984),
    ("2026-01-01", "2026-03-31", "email", "Welcome Series", "Welcome 2: Brewing guide",
     598, 582, 332, 128, 49, 9, 0.570447, 0.350515, 0.084192),
    ("2026-01-01", "2026-03-31", "email", "Abandoned Cart", "Cart reminder",
     300, 296, 152, 62, 40, 18, 0.513514, 0.304054, 0.135135),
    ("2026-01-01", "2026-03-31", "sms", "Abandoned Cart", "Cart reminder SMS",
     150, 150, 0, 0, 30, 11, "n/a", "n/a", 0.2),
    ("2025-01-01", "2025-12-31", "email", "Abandoned Cart", "Cart reminder",
     1210, 1198, 599, 240, 120, 60, 0.5, 0.299666, 0.100167),
    ("2026-01-01", "2026-03-31", "email", "(all)", None,
     1538, 1513, 904, 340, 169, 49, 0.597488, 0.372769, 0.111699),
    ("2026-01-01", "2026-03-31", "sms", "(all)", None, 150, 150, 0, 0, 30, 11, "n/a", "n/a", 0.2),
    ("2025-01-01", "2025-12-31", "email", "(all)", None,
     1210, 1198, 599, 240, 120, 60, 0.5, 0.299666, 0.100167),
]
if flows != want:
    sys.exit("Email flows:\n%r\nnot\n%r" % (flows, want))
PY
k="$out/compute/kpis.csv"
# The KPIs are the campaigns': flows never reach them, and the open rate says it counts Apple's opens.
! grep -q klaviyo_flow_report "$k" || { echo "kpis.csv uses the flow report"; exit 1; }
grep -qx '2026-03,emails_delivered,2449,count,source: klaviyo_campaign_report' "$k" ||
	{ echo "March's delivered emails are not the email campaign's 2449"; grep 2026-03 "$k"; exit 1; }
grep -qx '2026-03,open_rate,0.587995,ratio,source: klaviyo_campaign_report; Apple privacy opens included: 421 of the 1440 unique opens (the Email sheet shows the rate without them)' "$k" ||
	{ echo "March's open rate does not say it includes Apple privacy opens"; grep open_rate "$k"; exit 1; }
grep -q 'flow_performance_report.csv,7,bad_date' "$out/extract/rejects.csv" ||
	{ echo "the range without a year is not in rejects.csv"; cat "$out/extract/rejects.csv"; exit 1; }
