-- duckdb_retail.sql - the facts of the Online Retail file for the DuckDB
-- baseline, the same as sqlite_retail.sql says, in DuckDB's dialect. The
-- raw CSV is read as text (as sqlite's .import does); '${RAW}' is its
-- path. Makes o (sales invoices) and r (return lines).

CREATE TEMP TABLE line AS
SELECT InvoiceNo AS inv,
       NULLIF(CustomerID, '') AS cust,
       substr(InvoiceDate, 1, 7) AS month,
       CAST(substr(InvoiceDate, 1, 4) AS INTEGER) * 12 + CAST(substr(InvoiceDate, 6, 2) AS INTEGER) - 1 AS mi,
       date_diff('day', DATE '1970-01-01', CAST(substr(InvoiceDate, 1, 10) AS DATE)) AS day,
       CAST(Quantity AS BIGINT) AS qty,
       CAST(round(CAST(UnitPrice AS DOUBLE) * 1000) AS BIGINT) AS price
FROM read_csv('${RAW}', header = true, delim = ',', quote = '"', escape = '"', all_varchar = true);

CREATE TEMP TABLE o AS
SELECT inv AS id, min(cust) AS cust, min(month) AS month, min(mi) AS mi, min(day) AS day,
       sum(qty * price) AS total, 0 AS refund
FROM line
WHERE inv NOT LIKE 'C%' AND inv NOT LIKE 'A%' AND qty > 0 AND price > 0
GROUP BY inv;

CREATE TEMP TABLE r AS
SELECT cust, month, mi, -(qty * price) AS amount FROM line WHERE inv LIKE 'C%';
