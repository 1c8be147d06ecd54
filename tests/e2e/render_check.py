"""render_check.py - reads render's workbook back with openpyxl, an
independent reader, and checks it against the CSV files it was made from.

    python3 render_check.py kpis     XLSX KPIS_CSV         Summary and KPI trends = kpis.csv
    python3 render_check.py full     XLSX FIXTURE_DIR ROOT every sheet of fixtures/canonical/render/full
    python3 render_check.py absent   XLSX                  each sheet without its source says so
    python3 render_check.py customers XLSX N CONSTANT      the Customers sheet holds N rows
    python3 render_check.py unread   XLSX [FILE=WHY ...]   Data quality's "Files not read" lists
                                                           exactly these files (path ending in
                                                           FILE), each with a reason holding WHY
    python3 render_check.py summary  XLSX id=VALUE id~NOTE  Summary values and notes of the month
    python3 render_check.py coverage XLSX source=FIRST..LAST  Data quality: what the data cover
    python3 render_check.py bridge   XLSX YYYY-MM check=TEXT column=VALUE  a Revenue bridge row
    python3 render_check.py counts   XLSX WHAT=VALUE ...   Data quality's Other counts
    python3 render_check.py term     XLSX NAME TEXT        Definitions says TEXT of term NAME
    python3 render_check.py customer XLSX EMAIL COL=VALUE ... the Customers sheet's row of EMAIL
                                                           holds VALUE under header COL
    python3 render_check.py ratings  XLSX R=M,S,B,OPB,RPB ... [note=TEXT ...]
                                                           the Email sheet's row of rating R:
                                                           members, subscribed, buyers, orders
                                                           and revenue per buyer (no others);
                                                           a note below holds each TEXT
    python3 render_check.py platform XLSX FIGURE col=VALUE why~TEXT  a Platform check row
    python3 render_check.py rows     XLSX SHEET TITLE ROW ... below the row of SHEET beginning
                                                           with TITLE and its header, these rows
                                                           in turn: each ROW its first cells
                                                           joined by "|" (numbers as numbers)

Exits 0 when every check holds, else prints the first failure and exits 1.
Used by tests/e2e/render_*.sh; needs python3-openpyxl (make deps).
"""
import csv
import datetime
import hashlib
import math
import os
import sys

try:
    import openpyxl
except ImportError:
    print("python3-openpyxl is missing: run 'make deps'")
    sys.exit(1)

SHEETS = ["Summary", "KPI trends", "Journey", "Funnel", "Cohorts", "Segments",
          "Segment moves", "Revenue bridge", "Customers", "Voice of customer", "Email",
          "Model", "Data quality", "Definitions"]
HEADLINES = ["net_revenue", "orders", "aov", "active_customers", "new_customers",
             "returning_customers", "repeat_purchase_rate", "churn_rate", "conversion_rate",
             "nps", "csat"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


class Failure(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Failure(what)


def same(cell, text, what, tol=1e-12):
    """cell holds the number text (to within tol), or "n/a" when text is empty."""
    if text == "":
        check(cell == "n/a", "%s: expected n/a, found %r" % (what, cell))
        return
    check(isinstance(cell, (int, float)) and not isinstance(cell, bool),
          "%s: expected %s, found %r" % (what, text, cell))
    check(math.isclose(cell, float(text), rel_tol=tol, abs_tol=tol),
          "%s: expected %s, found %r" % (what, text, cell))


def month_index(s):
    y, m = s.split("-")
    return int(y) * 12 + int(m) - 1


def month_name(i):
    return "%s %d" % (MONTHS[i % 12], i // 12)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def kpis_of(path):
    """{(month index, metric): (value, note)} and the metric ids in file order."""
    values, ids = {}, []
    for r in read_csv(path):
        values[(month_index(r["month"]), r["metric"])] = (r["value"], r.get("note", ""))
        if r["metric"] not in ids:
            ids.append(r["metric"])
    return values, ids


def metric_ids(wb):
    """Plain name -> id from the Definitions sheet's KPIs section."""
    ws = wb["Definitions"]
    names, inside = {}, False
    for row in ws.iter_rows(min_row=4, values_only=True):
        if row[0] == "KPIs":
            inside = True
            continue
        if inside and row[1] is None and row[2] is None:
            break
        if inside:
            names[row[0]] = row[1]
    return names


def check_layout(wb):
    check(wb.sheetnames == SHEETS, "sheets are %r" % wb.sheetnames)
    for ws in wb.worksheets:
        check(ws.page_setup.orientation == "landscape", "%s is not landscape" % ws.title)
        check(ws.sheet_properties.pageSetUpPr.fitToPage, "%s does not fit to pages" % ws.title)
        check(ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0,
              "%s does not print one page wide" % ws.title)
        for row in ws.iter_rows():
            for c in row:
                check(c.data_type != "f", "%s!%s holds a formula: %r" % (ws.title, c.coordinate, c.value))


def check_kpis(wb, kpis_path):
    values, ids = kpis_of(kpis_path)
    months = sorted({m for (m, _) in values})
    ws = wb["Summary"]
    month = None
    for m in months:
        if ws["A1"].value == "Monthly report: " + month_name(m):
            month = m
    check(month is not None, "Summary title %r names no month of kpis.csv" % ws["A1"].value)
    check(ws["B4"].value == month_name(month) and ws["C4"].value == month_name(month - 1)
          and ws["F4"].value == month_name(month - 12), "Summary headers name the wrong months")
    check(ws.freeze_panes == "B5", "Summary panes frozen at %r" % ws.freeze_panes)
    # compute's summary.csv beside kpis.csv, and the month it speaks of (its values').
    summary, summary_month = {}, None
    spath = os.path.join(os.path.dirname(kpis_path), "summary.csv")
    if os.path.exists(spath):
        summary = {r["metric"]: r for r in read_csv(spath)}
        for m in months:
            if all(values.get((m, k), ("", ""))[0] == r["value"] for k, r in summary.items()):
                summary_month = m
    names = metric_ids(wb)
    for i in ids:
        check(i in names.values(), "Definitions lack metric %s" % i)
    # The headline rows, in order, then every other metric of the file.
    seen = []
    for r in range(5, ws.max_row + 1):
        name = ws.cell(r, 1).value
        if name in (None, "Other metrics"):
            continue
        mid = names.get(name, name)
        if r < 5 + len(HEADLINES):
            check(mid == HEADLINES[r - 5], "Summary row %d is %r, not %s" % (r, name, HEADLINES[r - 5]))
        seen.append(mid)
        for col, m in ((2, month), (3, month - 1), (6, month - 12)):
            text = values.get((m, mid), ("", ""))[0]
            same(ws.cell(r, col).value, text, "Summary %s of %s" % (mid, month_name(m)))
        fmt = ws.cell(r, 2).number_format
        for col, m in ((4, month - 1), (7, month - 12)):
            now, before = values.get((month, mid), ("", ""))[0], values.get((m, mid), ("", ""))[0]
            change, pct = ws.cell(r, col).value, ws.cell(r, col + 1).value
            if not (now and before):
                check(change == "n/a", "Summary change of %s is %r, not n/a" % (mid, change))
                continue
            # compute's summary.csv gives the changes of its report month: they are shown as written.
            given = summary.get(mid) if summary_month == month else None
            if given:
                key = "change" if col == 4 else "change_last_year"
                same(change, given[key], "Summary %s of %s" % (key, mid))
                if "%" not in fmt:
                    same(pct, given[key.replace("change", "change_ratio")], "Summary %s ratio of %s" % (key, mid))
                continue
            check(math.isclose(change, float(now) - float(before), abs_tol=1e-6),
                  "Summary change of %s is %r" % (mid, change))
            if "%" not in fmt and float(before) != 0:
                check(math.isclose(pct, (float(now) - float(before)) / abs(float(before)), rel_tol=1e-9),
                      "Summary change %% of %s is %r" % (mid, pct))
        # A note is shown beside an absent value (why) and a noted one (a partial month...).
        if (month, mid) in values and values[(month, mid)][1]:
            check(ws.cell(r, 10).value == values[(month, mid)][1],
                  "Summary note of %s is %r" % (mid, ws.cell(r, 10).value))
    for i in ids:
        check(i in seen, "Summary lacks metric %s" % i)
    for mid in HEADLINES:
        check(mid in seen, "Summary lacks headline %s" % mid)
    # Number formats: money in the report currency, shares as percentages.
    unit = next((values[k][0] and r["unit"] for r in read_csv(kpis_path)
                 for k in [(month_index(r["month"]), r["metric"])] if r["metric"] == "net_revenue"), "")
    symbol = {"USD": "$", "GBP": "\u00a3", "EUR": "\u20ac"}.get(unit, unit)
    check(symbol in ws["B5"].number_format, "net revenue format %r lacks %s" % (ws["B5"].number_format, symbol))
    check(ws["B11"].number_format.endswith("%"), "repeat purchase rate format %r" % ws["B11"].number_format)
    # KPI trends: months as rows, every metric of the file as a column.
    ws = wb["KPI trends"]
    check(ws.freeze_panes == "B2", "KPI trends panes frozen at %r" % ws.freeze_panes)
    cols = {}
    for c in range(2, ws.max_column + 1):
        name = ws.cell(1, c).value
        if name is None:
            break
        cols[names.get(name, name)] = c
    for i in ids:
        check(i in cols, "KPI trends lack metric %s" % i)
    r = 2
    for m in range(months[0], months[-1] + 1):
        d = ws.cell(r, 1).value
        check(isinstance(d, datetime.datetime) and d.year * 12 + d.month - 1 == m,
              "KPI trends row %d is %r, not %s" % (r, d, month_name(m)))
        for mid, c in cols.items():
            same(ws.cell(r, c).value, values.get((m, mid), ("", ""))[0],
                 "KPI trends %s of %s" % (mid, month_name(m)))
        r += 1
    check(not isinstance(ws.cell(r, 1).value, datetime.datetime), "KPI trends has a month after the last")
    end = month + 1
    created = datetime.datetime(end // 12, end % 12 + 1, 1) - datetime.timedelta(seconds=1)
    check(wb.properties.created == created, "created %r, not %r" % (wb.properties.created, created))


def rows_of(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def find(rows, first, col=0):
    for i, r in enumerate(rows):
        if len(r) > col and r[col] == first:
            return i, r
    raise Failure("no row starting with %r" % first)


def check_full(wb, d, root):
    check_kpis(wb, os.path.join(d, "kpis.csv"))
    ws = wb["Summary"]
    _, r = find(rows_of(ws), "widgets_per_visit")
    check(r[1] == 1.1 and r[2] == 1.4, "unknown metric row %r" % r)
    # Journey: each stage's measures, this month and last.
    rows = rows_of(wb["Journey"])
    _, r = find(rows, "Users", 1)
    check(r[0] == "Awareness" and r[2] == 700 and r[3] == 640, "journey users %r" % r)
    _, r = find(rows, "Loyalty members", 1)
    check(r[2] == "n/a" and r[6] == "no loyalty programme export", "journey loyalty %r" % r)
    # Funnel: the steps of the report month with their rates.
    rows = rows_of(wb["Funnel"])
    _, r = find(rows, "Sessions")
    check(r[1] == 900 and r[2] == "n/a" and r[3] == 1, "funnel sessions %r" % r)
    _, r = find(rows, "Purchase")
    check(r[1] == 20 and r[2] == 0.555556 and r[3] == 0.022222 and r[4] == 17, "funnel purchase %r" % r)
    # Cohorts: the retention matrix as cohorts.csv has it, coloured.
    ws = wb["Cohorts"]
    rows = rows_of(ws)
    i, _ = find(rows, "Retention: share of the cohort with an order in the month")
    for c in read_csv(os.path.join(d, "cohorts.csv")):
        m = month_index(c["cohort"])
        k = i + 2 + m - month_index("2026-01")
        check(rows[k][0].year * 12 + rows[k][0].month - 1 == m, "cohort row %d" % k)
        same(rows[k][1], c["cohort_customers"], "cohort size of %s" % c["cohort"])
        same(rows[k][2 + int(c["month_offset"])], c["retention"], "retention of %s" % c["cohort"])
    rules = [rule.colorScale for cf in ws.conditional_formatting for rule in cf.rules]
    check(any(rules), "Cohorts has no colour scale")
    # Segments: segments.csv, and the churn-risk bands of the customers.
    rows = rows_of(wb["Segments"])
    for s in read_csv(os.path.join(d, "segments.csv")):
        _, r = find(rows, s["segment"])
        same(r[1], s["customers"], "customers of %s" % s["segment"])
        same(r[3], s["revenue"], "revenue of %s" % s["segment"])
        check(r[7] == s["action"], "action of %s" % s["segment"])
    bands = os.path.join(d, "risk_bands.csv")
    if not os.path.exists(bands):
        bands = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                             "fixtures/canonical/render/full/risk_bands.csv")
    for band in read_csv(bands):
        _, r = find(rows, band["churn_risk"])
        same(r[1], band["customers"], "customers of band %s" % band["churn_risk"])
        # Without risk_bands.csv render sums the customers itself: to 4 decimals then.
        tol = 1e-12 if bands.startswith(d) else 1e-4
        same(r[4], band["revenue_share"], "revenue share of band %s" % band["churn_risk"], tol)
        same(r[5], band["average_p_alive"], "P(alive) of band %s" % band["churn_risk"], tol)
    # Segment moves: the matrix, its diagonal set apart, its colour scale.
    ws = wb["Segment moves"]
    rows = rows_of(ws)
    head = rows[3]
    for mv in read_csv(os.path.join(d, "segment_moves.csv")):
        frm = "New (no order a month ago)" if mv["from_segment"] == "(new)" else mv["from_segment"]
        i, r = find(rows, frm)
        c = head.index(mv["to_segment"])
        same(r[c], mv["customers"], "move %s -> %s" % (frm, mv["to_segment"]))
        if mv["from_segment"] == mv["to_segment"]:
            check(ws.cell(i + 1, c + 1).fill.fgColor.rgb.endswith("D9D9D9"), "diagonal not set apart")
    check(any(cf.rules[0].colorScale for cf in ws.conditional_formatting), "moves have no heatmap")
    # Revenue bridge: February's 1.50 shown in red, never hidden.
    ws = wb["Revenue bridge"]
    rows = rows_of(ws)
    for i, r in enumerate(rows):
        if isinstance(r[0], datetime.datetime) and r[0].month == 2:
            check(r[6] == 1.5 and "does not reconcile" in r[11], "February bridge %r" % r)
            check(ws.cell(i + 1, 7).fill.fgColor.rgb.endswith("F8D7DA"), "February other not red")
        elif isinstance(r[0], datetime.datetime):
            check(r[6] == 0 and r[11] == "reconciles", "bridge %r" % r)
    # Customers: an Excel table, frozen header, text from the data as text.
    ws = wb["Customers"]
    check(ws.freeze_panes == "C5", "Customers panes frozen at %r" % ws.freeze_panes)
    check(len(ws.tables) == 1, "Customers has no table")
    table = list(ws.tables.values())[0]
    check(table.ref.startswith("A4:") and table.ref.endswith("12"), "table at %s" % table.ref)
    head = [c.value for c in ws[4]]
    for title in ("Customer ID", "Email", "First name", "Last name", "Segment", "P(alive)",
                  "Expected orders, 30 days", "Predicted CLV, 12 months", "Churn risk",
                  "Last order", "Email consent", "country"):
        check(title in head, "Customers lack column %s" % title)
    scores = read_csv(os.path.join(d, "customer_scores.csv"))
    for k, s in enumerate(scores):
        r = [c for c in ws[5 + k]]
        by = dict(zip(head, r))
        check(by["Customer ID"].value == s["customer_id"], "customer row %d" % k)
        for title, col in (("First name", "first_name"), ("Last name", "last_name")):
            if s[col]:
                check(by[title].value == s[col] and by[title].data_type == "s",
                      "%s of %s is %r" % (title, s["customer_id"], by[title].value))
        same(by["P(alive)"].value, s["p_alive"], "P(alive) of %s" % s["customer_id"])
        check(by["Last order"].is_date, "last order of %s is not a date" % s["customer_id"])
    check(ws.cell(5 + len(scores), 1).value is None, "Customers has extra rows")
    # Voice and email: by month, the formula-like campaign as text.
    rows = rows_of(wb["Voice of customer"])
    check(rows[3][1] == "NPS" and rows[4][1] == 40 and rows[6][1] == "n/a", "voice %r" % rows[3:7])
    find(rows, "NPS: no survey responses in the month")
    rows = rows_of(wb["Email"])
    _, r = find(rows, '=HYPERLINK("http://evil.example","click")', 1)
    check(r[2] == 500, "campaign row %r" % r)
    # Model: each status with its reason (an older "not fitted: why" as it is), parameters,
    # what the churn-risk bands come from, the holdout.
    rows = rows_of(wb["Model"])
    find(rows, "Fitted: converged with every parameter inside its range, on 24 customers (12 "
         "repeat buyers); the data support dropout: the fit beats a plain NBD where nobody drops "
         "out (likelihood ratio 41.20, at least 5.99 needed).")
    find(rows, "Not fitted: fewer than 10 customers with repeat orders.")
    find(rows, "Churn risk: what the bands on the Segments sheet come from")
    _, r = find(rows, "dropout_supported")
    check(r[1] == "yes" and r[2].startswith("yes when the likelihood ratio"), "dropout_supported %r" % r)
    _, r = find(rows, "basis")
    check(r[1] == "p_alive", "churn risk basis %r" % r)
    check(not any(x and x[0] == "reason" for x in rows), "a reason shown as a parameter")
    _, r = find(rows, "r")
    check(r[1] == 0.2426, "r is %r" % r[1])
    _, r = find(rows, "calibration_end")
    check(r[1] == "2026-01-01", "calibration end %r" % r)
    _, r = find(rows, "3+")
    check(r[1] == 2 and r[2] == 1.5 and r[3] == 1.29 and r[5] == 3, "holdout 3+ %r" % r)
    # The total row holds totals: per customer is total / customers.
    _, r = find(rows, "All customers")
    check(r[1] == 24 and math.isclose(r[2], 11 / 24) and math.isclose(r[3], 11.196 / 24)
          and r[5] == 11 and r[6] == 11.196 and r[7] == 0.312, "holdout total %r" % r)
    # Data quality: the raw file's size and SHA-256, the row balance.
    rows = rows_of(wb["Data quality"])
    raw = os.path.join(root, "fixtures/shopify/orders_export.csv")
    _, r = find(rows, "fixtures/shopify/orders_export.csv", 1)
    digest = hashlib.sha256(open(raw, "rb").read()).hexdigest()
    check(r[0] == "extract" and r[2] == 82 and r[3] == 82 and r[6] == "yes", "extract balance %r" % r)
    hashed = [x for x in rows if x[1] == "fixtures/shopify/orders_export.csv" and x[3] == digest]
    check(len(hashed) == 1 and hashed[0][2] == os.path.getsize(raw), "no SHA-256 %s" % digest)
    find(rows, "timezone", 1)


def check_absent(wb):
    check_layout(wb)
    for name, cell in (("Journey", "A4"), ("Funnel", "A4"), ("Cohorts", "A4"),
                       ("Segments", "A4"), ("Segment moves", "A4"), ("Revenue bridge", "A4"),
                       ("Customers", "A4"), ("Voice of customer", "A4"), ("Email", "A4"),
                       ("Model", "A4")):
        v = wb[name][cell].value
        check(isinstance(v, str) and v.startswith("No "), "%s!%s is %r" % (name, cell, v))
    rows = rows_of(wb["Segments"])
    find(rows, "No churn-risk bands: compute wrote no customer_scores.csv.")
    find(rows_of(wb["Model"]), "No holdout comparison: compute wrote no holdout.csv.")


def check_summary(wb, specs):
    """Each spec on the Summary's report month: id=VALUE (a number, or n/a when
    absent), id~TEXT (its note holds TEXT) or id~ (it has no note)."""
    names = metric_ids(wb)
    ws = wb["Summary"]
    rows = {}
    for r in range(5, ws.max_row + 1):
        name = ws.cell(r, 1).value
        if name not in (None, "Other metrics"):
            rows.setdefault(names.get(name, name), r)
    for spec in specs:
        op = "=" if "=" in spec else "~"
        mid, want = spec.split(op, 1)
        check(mid in rows, "Summary has no row for %s" % mid)
        value, note = ws.cell(rows[mid], 2).value, ws.cell(rows[mid], 10).value or ""
        if op == "=":
            same(value, "" if want == "n/a" else want, "Summary %s" % mid, tol=1e-9)
        elif want:
            check(want in note, "Summary note of %s is %r, not about %r" % (mid, note, want))
        else:
            check(note == "", "Summary %s has the note %r" % (mid, note))


def check_coverage(wb, specs):
    """Each spec source=FIRST..LAST (YYYY-MM-DD), or source=TEXT when its rows
    have no date, is a row of the Data quality sheet's "What the data cover";
    no other source is there."""
    rows = rows_of(wb["Data quality"])
    i, _ = find(rows, "What the data cover")
    found = {}
    for r in rows[i + 2:]:
        if not r[0]:
            break
        day = lambda c: c.strftime("%Y-%m-%d") if isinstance(c, datetime.datetime) else c
        found[r[0]] = "%s..%s" % (day(r[2]), day(r[3])) if r[3] else r[2]
    want = dict(spec.split("=", 1) for spec in specs)
    check(found == want, "data cover %r, not %r" % (found, want))


def check_bridge(wb, month, specs):
    """The Revenue bridge row of month YYYY-MM: check=TEXT (its check begins so)
    and column=VALUE for gross_sales, discounts, shipping, tax, duties, other,
    total, refunds, net_revenue."""
    cols = ["gross_sales", "discounts", "shipping", "tax", "duties", "other", "total",
            "refunds", "net_revenue"]
    rows = rows_of(wb["Revenue bridge"])
    m = month_index(month)
    row = next((r for r in rows if isinstance(r[0], datetime.datetime)
                and r[0].year * 12 + r[0].month - 1 == m), None)
    check(row is not None, "Revenue bridge has no row for %s" % month)
    for spec in specs:
        key, want = spec.split("=", 1)
        if key == "check":
            check(str(row[11]).startswith(want), "bridge %s check is %r" % (month, row[11]))
        else:
            same(row[1 + cols.index(key)], want, "bridge %s %s" % (month, key), tol=1e-9)


def check_customers(path, n, constant):
    wb = openpyxl.load_workbook(path, read_only=True)
    ws = wb["Customers"]
    rows = 0
    last = None
    for r in ws.iter_rows(min_row=5, values_only=True):
        if r[0] is None:
            break
        rows += 1
        last = r
    check(rows == n, "Customers has %d rows, not %d" % (rows, n))
    check(last[0] == "c%d" % (n - 1), "last customer is %r" % (last,))
    check(ws["A1"].value == "Customers: {:,} with an order up to the end of March 2026".format(n),
          "title %r" % ws["A1"].value)


def check_unread(wb, specs):
    rows = rows_of(wb["Data quality"])
    start, _ = find(rows, "Files not read")
    listed = []
    for r in rows[start + 2:]:
        if not r or r[0] is None:
            break
        listed.append(r)
    if not specs:
        check(listed and listed[0][0] == "Every input file was read.",
              "Files not read lists %r" % (listed,))
        return
    reasons = [r for r in listed if r[2] == "reason"]
    check(len(reasons) == len(specs), "%d files not read, not %d: %r" % (len(reasons), len(specs), reasons))
    for spec in specs:
        name, why = spec.split("=", 1)
        hit = [r for r in reasons if r[1].endswith("/" + name) and why in r[3]]
        check(len(hit) == 1, "no reason holding %r for %s in %r" % (why, name, reasons))
def check_counts(wb, pairs):
    """Each WHAT=VALUE: a row of Data quality's Other counts names WHAT with count VALUE."""
    rows = rows_of(wb["Data quality"])
    i, _ = find(rows, "Other counts")
    counts = {}
    for r in rows[i + 2:]:
        if r[0] is None:
            break
        counts.setdefault(r[2], r[3])
    for p in pairs:
        what, text = p.split("=", 1)
        check(what in counts, "Data quality lacks the count %s" % what)
        same(counts[what], text, "Data quality count %s" % what)


def check_term(wb, name, text):
    """The Definitions sheet defines term name with a definition holding text."""
    _, r = find(rows_of(wb["Definitions"]), name)
    check(r[2] is not None and text in r[2], "Definitions of %s: %r" % (name, r[2]))


def check_customer(wb, email, pairs):
    """The Customers sheet's row of email holds, under each header COL, the cell VALUE."""
    rows = rows_of(wb["Customers"])
    head_at, head = find(rows, "Customer ID")
    hits = [r for r in rows[head_at + 1:] if len(r) > 1 and r[1] == email]
    check(len(hits) == 1, "Customers has %d rows of %s" % (len(hits), email))
    for p in pairs:
        col, text = p.split("=", 1)
        check(col in head, "Customers has no column %s" % col)
        cell = hits[0][head.index(col)]
        shown = "" if cell is None else str(cell)
        check(shown == text, "Customers %s %s: expected %r, found %r" % (email, col, text, cell))


def check_ratings(wb, specs):
    """The Email sheet's ratings section holds exactly the rows specs give, and the notes."""
    rows = rows_of(wb["Email"])
    i, _ = find(rows, "By engagement rating (audience export)")
    found, notes = {}, []
    for r in rows[i + 2:]:
        if r[0] is None:
            break
        if isinstance(r[0], str):
            notes.append(r[0])
        else:
            found[r[0]] = r[1:6]
    wanted = [s for s in specs if not s.startswith("note=")]
    check(sorted(found) == sorted(int(s.split("=")[0]) for s in wanted),
          "ratings shown: %r" % sorted(found))
    for spec in wanted:
        rating, values = spec.split("=", 1)
        for k, text in enumerate(values.split(",")):
            same(found[int(rating)][k], text, "rating %s column %d" % (rating, k + 2))
    for spec in specs:
        if spec.startswith("note="):
            check(any(spec[5:] in n for n in notes), "no note holding %r in %r" % (spec[5:], notes))
def check_platform(wb, figure, specs):
    """The row of Data quality's Platform check whose figure is FIGURE: each
    col=VALUE for platform, same (engage on the platform's definition),
    difference and engage (its own definition); why~TEXT: its explanation
    holds TEXT."""
    rows = rows_of(wb["Data quality"])
    i, _ = find(rows, "Platform check")
    row = next((r for r in rows[i + 2:] if len(r) > 2 and r[2] == figure), None)
    check(row is not None, "Platform check has no row %r" % figure)
    cols = {"platform": 4, "same": 5, "difference": 6, "engage": 7}
    for spec in specs:
        if "~" in spec and "=" not in spec.split("~", 1)[0]:
            key, text = spec.split("~", 1)
            check(key == "why" and row[8] is not None and text in row[8],
                  "Platform check %s: why %r lacks %r" % (figure, row[8], text))
        else:
            key, want = spec.split("=", 1)
            same(row[cols[key]], want, "Platform check %s %s" % (figure, key), tol=1e-9)


def check_rows(wb, sheet, title, specs):
    """Two rows below the first row of sheet whose first cell begins with
    title, the rows specs give in turn: each spec the row's first cells
    joined by "|", a number cell to within 1e-12."""
    rows = rows_of(wb[sheet])
    at = [i for i, r in enumerate(rows) if r[0] and str(r[0]).startswith(title)]
    check(at, "the %s sheet has no section %r" % (sheet, title))
    for k, spec in enumerate(specs):
        row = rows[at[0] + 2 + k] if at[0] + 2 + k < len(rows) else []
        what = "%s %r row %d" % (sheet, title, k + 1)
        cells = spec.split("|")
        check(len(row) >= len(cells), "%s: expected %s, found %r" % (what, spec, row))
        for cell, text in zip(row, cells):
            if isinstance(cell, (int, float)) and not isinstance(cell, bool):
                same(cell, text, what)
            else:
                check(cell == text, "%s: expected %s, found %r" % (what, spec, row))


def main(argv):
    try:
        if argv[1] == "customers":
            check_customers(argv[2], int(argv[3]), argv[4] == "1")
            return 0
        wb = openpyxl.load_workbook(argv[2])
        if argv[1] == "kpis":
            check_layout(wb)
            check_kpis(wb, argv[3])
        elif argv[1] == "full":
            check_layout(wb)
            check_full(wb, argv[3], argv[4])
        elif argv[1] == "absent":
            check_absent(wb)
        elif argv[1] == "unread":
            check_unread(wb, argv[3:])
        elif argv[1] == "summary":
            check_summary(wb, argv[3:])
        elif argv[1] == "coverage":
            check_coverage(wb, argv[3:])
        elif argv[1] == "bridge":
            check_bridge(wb, argv[3], argv[4:])
        elif argv[1] == "counts":
            check_counts(wb, argv[3:])
        elif argv[1] == "platform":
            check_platform(wb, argv[3], argv[4:])
        elif argv[1] == "term":
            check_term(wb, argv[3], argv[4])
        elif argv[1] == "ratings":
            check_ratings(wb, argv[3:])
        elif argv[1] == "rows":
            check_rows(wb, argv[3], argv[4], argv[5:])
        elif argv[1] == "customer":
            check_customer(wb, argv[3], argv[4:])
        else:
            raise Failure("unknown check %s" % argv[1])
    except Failure as e:
        print("render_check %s: %s" % (argv[1], e))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
