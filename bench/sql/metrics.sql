-- metrics.sql - what the baselines compute from the facts, in SQL that
-- sqlite and DuckDB both read: monthly KPIs, the cohort matrix and RFM
-- scores, by compute's definitions (stages/compute/METRICS.md).
--
-- Reads o (counted orders: id, cust, month 'YYYY-MM', mi = year*12 +
-- month - 1, day = days since 1970 in the report time zone, total and
-- refund in thousandths), r (dated refunds: cust, month, mi, amount) and
-- param (report = the report month as mi, as_of = the day after it,
-- depth = cohort offsets shown). Writes one CSV section per SELECT, tagged
-- in column 1, every value an integer or text:
--   kpi, month, orders, active customers, new customers, net revenue
--   cohort, cohort month, offset, cohort customers, active customers
--   rfm, customer, recency days, frequency, monetary, R, F, M

CREATE TEMP TABLE firsts AS
SELECT cust, min(month) AS cohort, min(mi) AS cmi FROM o WHERE cust IS NOT NULL GROUP BY cust;

SELECT 'kpi', m.month,
       coalesce(a.orders, 0), coalesce(b.active, 0), coalesce(c.fresh, 0),
       coalesce(a.net, 0) - coalesce(d.returned, 0)
FROM (SELECT month FROM o UNION SELECT month FROM r) m
LEFT JOIN (SELECT month, count(*) AS orders, sum(total - refund) AS net FROM o GROUP BY month) a
       ON a.month = m.month
LEFT JOIN (SELECT month, count(DISTINCT cust) AS active FROM o WHERE cust IS NOT NULL
	   GROUP BY month) b ON b.month = m.month
LEFT JOIN (SELECT cohort AS month, count(*) AS fresh FROM firsts GROUP BY cohort) c
       ON c.month = m.month
LEFT JOIN (SELECT month, sum(amount) AS returned FROM r GROUP BY month) d ON d.month = m.month
ORDER BY m.month;

SELECT 'cohort', g.cohort, g.off, z.n, g.active
FROM (SELECT f.cohort, s.mi - f.cmi AS off, count(DISTINCT s.cust) AS active
      FROM o s JOIN firsts f ON f.cust = s.cust, param p
      WHERE f.cmi <= p.report AND s.mi <= p.report AND s.mi - f.cmi < p.depth
      GROUP BY f.cohort, s.mi - f.cmi) g
JOIN (SELECT cohort, count(*) AS n FROM firsts GROUP BY cohort) z ON z.cohort = g.cohort
ORDER BY g.cohort, g.off;

CREATE TEMP TABLE rfm AS
SELECT o.cust, min(p.as_of) - max(o.day) AS recency, count(*) AS frequency,
       sum(o.total) AS monetary
FROM o, param p
WHERE o.cust IS NOT NULL AND o.day < p.as_of
GROUP BY o.cust;

-- A score is 1 + floor(5 x (customers ranked strictly better) / N); rank()
-- - 1 counts the rows strictly before a row in its order.
-- A customer found by phone is written without its key, as
-- customer_scores.csv gives no phone (NULL, an empty field): such rows
-- compare as a multiset.
SELECT 'rfm', CASE WHEN cust NOT LIKE 'p:%' THEN cust END, recency, frequency, monetary,
       1 + CAST(floor(5.0 * (rank() OVER (ORDER BY recency DESC) - 1) / n) AS INTEGER),
       1 + CAST(floor(5.0 * (rank() OVER (ORDER BY frequency) - 1) / n) AS INTEGER),
       1 + CAST(floor(5.0 * (rank() OVER (ORDER BY monetary) - 1) / n) AS INTEGER)
FROM rfm, (SELECT count(*) AS n FROM rfm) k;
