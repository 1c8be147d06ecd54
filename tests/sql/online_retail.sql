-- online_retail.sql - an independent count of what engage computes from the
-- Online Retail file, in plain SQL on the raw CSV (the table "raw", loaded
-- by the caller with .import). The rules are the documented ones of clean
-- for generic line-item files; months are the raw file's own (UK local
-- time), money is counted exactly in thousandths (prices have at most 3
-- decimals). Each SELECT writes one section of CSV, tagged in column 1.

CREATE TEMP TABLE line AS
SELECT InvoiceNo AS inv,
       CustomerID AS cust,
       substr(InvoiceDate, 1, 7) AS month,
       CAST(Quantity AS INTEGER) AS qty,
       CAST(round(CAST(UnitPrice AS REAL) * 1000) AS INTEGER) AS price_milli
FROM raw;

-- Sales: ordinary invoices, positive quantity and price. Returns: C invoices.
CREATE TEMP TABLE sale AS
SELECT * FROM line
WHERE inv NOT LIKE 'C%' AND inv NOT LIKE 'A%' AND qty > 0 AND price_milli > 0;
CREATE TEMP TABLE ret AS SELECT * FROM line WHERE inv LIKE 'C%';

-- Counts of the cleaned tables.
SELECT 'clean', 'sale_lines', count(*) FROM sale;
SELECT 'clean', 'invoices', count(DISTINCT inv) FROM sale;
SELECT 'clean', 'return_invoices', count(DISTINCT inv) FROM ret;
SELECT 'clean', 'customers', count(*) FROM (
	SELECT cust FROM sale WHERE cust <> '' UNION SELECT cust FROM ret WHERE cust <> '');

-- First month of each customer with a sale.
CREATE TEMP TABLE first AS
SELECT cust, min(month) AS cohort FROM sale WHERE cust <> '' GROUP BY cust;

-- Monthly KPIs: orders, active and new customers, net revenue in thousandths.
SELECT 'kpi', m.month,
       (SELECT count(DISTINCT inv) FROM sale s WHERE s.month = m.month),
       (SELECT count(DISTINCT cust) FROM sale s WHERE s.month = m.month AND cust <> ''),
       (SELECT count(*) FROM first f WHERE f.cohort = m.month),
       (SELECT coalesce(sum(qty * price_milli), 0) FROM sale s WHERE s.month = m.month) +
       (SELECT coalesce(sum(qty * price_milli), 0) FROM ret r WHERE r.month = m.month)
FROM (SELECT month FROM sale UNION SELECT month FROM ret) m
ORDER BY m.month;

-- Cohort retention: customers of each cohort active at each month offset.
SELECT 'cohort', f.cohort,
       (CAST(substr(s.month, 1, 4) AS INTEGER) * 12 + CAST(substr(s.month, 6, 2) AS INTEGER)) -
       (CAST(substr(f.cohort, 1, 4) AS INTEGER) * 12 + CAST(substr(f.cohort, 6, 2) AS INTEGER)),
       (SELECT count(*) FROM first g WHERE g.cohort = f.cohort),
       count(DISTINCT s.cust)
FROM sale s JOIN first f ON f.cust = s.cust
GROUP BY f.cohort, s.month
ORDER BY f.cohort, s.month;
