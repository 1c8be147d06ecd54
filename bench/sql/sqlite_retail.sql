-- sqlite_retail.sql - the facts of the Online Retail file for the sqlite
-- baseline: the raw CSV is the table "raw" (all text, loaded by .import).
-- The rules are clean's for generic line-item files: sales are lines of
-- invoices not starting with C or A with Quantity > 0 and UnitPrice > 0;
-- C invoices are returns, refunded in their own month for their customer.
-- Months and days are the file's own (UK local time, as compute's
-- --tz Europe/London gives them); money in thousandths, exact.
--
-- Makes o (one row per sales invoice: id, cust, month, mi, day, total,
-- refund) and r (one row per return line: cust, month, mi, amount).

CREATE TEMP TABLE line AS
SELECT InvoiceNo AS inv,
       NULLIF(CustomerID, '') AS cust,
       substr(InvoiceDate, 1, 7) AS month,
       CAST(substr(InvoiceDate, 1, 4) AS INTEGER) * 12 + CAST(substr(InvoiceDate, 6, 2) AS INTEGER) - 1 AS mi,
       CAST(julianday(substr(InvoiceDate, 1, 10)) - 2440587.5 AS INTEGER) AS day,
       CAST(Quantity AS INTEGER) AS qty,
       CAST(round(CAST(UnitPrice AS REAL) * 1000) AS INTEGER) AS price
FROM raw;

CREATE TEMP TABLE o AS
SELECT inv AS id, min(cust) AS cust, min(month) AS month, min(mi) AS mi, min(day) AS day,
       sum(qty * price) AS total, 0 AS refund
FROM line
WHERE inv NOT LIKE 'C%' AND inv NOT LIKE 'A%' AND qty > 0 AND price > 0
GROUP BY inv;

CREATE TEMP TABLE r AS
SELECT cust, month, mi, -(qty * price) AS amount FROM line WHERE inv LIKE 'C%';
