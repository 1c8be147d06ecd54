# A young store (fixtures/young_store: 53 Shopify orders of 50 customers
# over three months, two of them back once or twice) through the monthly
# pipeline: the BG/NBD model is not_enough_data with its reason in
# model.csv and on the Model sheet; Gamma-Gamma and the holdout say why
# they were not fitted; no customer has a P(alive), expected orders, CLV or
# churn-risk band in customer_scores.csv, risk_bands.csv, the Customers
# sheet or any segment list; the Segments sheet says why there are no bands.
# With 50 customers RFM scores R and F by the fixed thresholds, says so in
# segments.csv and on the Segments sheet, and no customer who ordered in the
# last 30 days is "Lost" or "Hibernating".
set -u
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
cd "$ENGAGE_ROOT"
dir="$TMPDIR/young_store"
bin/engage run pipelines/monthly.pipeline raw=fixtures/young_store out="$dir" month=2026-10 \
	tz=America/New_York >"$dir.log" 2>&1 || { cat "$dir.log"; exit 1; }
m="$dir/compute/model.csv"
has_lines "$m" bgnbd,status,not_enough_data \
	'bgnbd,reason,"50 customers, 2 of them with a repeat order: the model needs at least 30 customers and 10 repeat buyers, since only repeat buyers show how often customers buy and when they stop"' \
	gamma_gamma,status,not_fitted holdout,status,not_fitted churn_risk,basis,none
grep -q '^bgnbd,\(r\|a\|b\|alpha\),' "$m" && fail "parameters of a fit that did not run"
[ "$(wc -l <"$dir/compute/risk_bands.csv")" -eq 1 ] || fail "risk_bands.csv has rows"
/usr/bin/python3 - "$dir" <<'PY' || exit 1
import csv, glob, sys, openpyxl
dir = sys.argv[1]
model = ["p_alive", "expected_orders_30", "expected_orders_90", "expected_orders_365",
         "expected_aov", "predicted_clv_12m", "churn_risk", "churn_risk_basis",
         "typical_gap_days", "gaps_since_last_order"]
rows = list(csv.DictReader(open(dir + "/compute/customer_scores.csv")))
assert len(rows) == 50, len(rows)
for r in rows:
    for k in model:
        assert r[k] == "", "%s has %s %r" % (r["customer_id"], k, r[k])
listed = 0
for path in glob.glob(dir + "/segments/*.csv"):
    for r in csv.DictReader(open(path)):
        listed += 1
        for k in ("P(alive)", "Expected Orders 90 Days", "Predicted CLV 12 Months", "Churn Risk",
                  "Churn Risk From"):
            assert r[k] == "", "%s: %s has %s %r" % (path, r["Email"], k, r[k])
assert listed == 50, listed
wb = openpyxl.load_workbook(dir + "/report.xlsx")
ws = wb["Customers"]
head = [c.value for c in ws[3]]
for title in ("P(alive)", "Churn risk"):
    if title in head:
        col = head.index(title) + 1
        for r in range(4, ws.max_row + 1):
            assert ws.cell(r, col).value in (None, ""), "Customers %s row %d" % (title, r)
texts = [c for row in wb["Segments"].iter_rows(values_only=True) for c in row if isinstance(c, str)]
assert any(t.startswith("No churn-risk bands, P(alive), expected orders or CLV: the BG/NBD model cannot be used (not_enough_data: 50 customers, 2 of them") for t in texts), "Segments: no reason"
assert "Band" not in texts, "Segments shows a band table"
assert any(t.startswith("Scored by fixed thresholds, not quintiles") for t in texts), "Segments: scoring"
segments = list(csv.DictReader(open(dir + "/compute/segments.csv")))
assert all(r["scoring"] == "fixed thresholds" for r in segments), segments
for r in rows:
    if int(r["recency_days"]) <= 30:
        assert r["r_score"] == "5" and r["segment"] not in ("Lost", "Hibernating"), r
texts = [c for row in wb["Model"].iter_rows(values_only=True) for c in row if isinstance(c, str)]
assert "Not enough data: 50 customers, 2 of them with a repeat order: the model needs at least 30 customers and 10 repeat buyers, since only repeat buyers show how often customers buy and when they stop." in texts, "Model sheet status"
PY
exit 0
