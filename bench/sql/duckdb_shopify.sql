-- duckdb_shopify.sql - the facts of a Shopify orders export for the DuckDB
-- baseline, by the rules sqlite_shopify.sql gives, in DuckDB's dialect.
-- The raw CSV is read as text; DuckDB reads an empty field as NULL, hence
-- the coalesce. '${RAW}' is its path. Makes o (counted orders) and r
-- (dated refunds: none in this layout).

CREATE TEMP TABLE o AS
WITH f AS (
	SELECT Name AS id, lower(trim(Email)) AS email, "Created at" AS c, Total AS total,
	       "Refunded Amount" AS refunded,
	       regexp_replace(coalesce(NULLIF(trim(Phone), ''), NULLIF(trim("Billing Phone"), ''),
				       NULLIF(trim("Shipping Phone"), ''), ''),
			      '[^0-9+]', '', 'g') AS phone
	FROM read_csv('${RAW}', header = true, delim = ',', quote = '"', escape = '"',
		      all_varchar = true)
	WHERE coalesce(Total, '') <> '' AND coalesce("Cancelled at", '') = ''
	  AND lower(coalesce("Payment Method", '')) NOT LIKE '%bogus%'
), u AS (
	SELECT id, email, phone, total, refunded,
	       CAST(substr(c, 1, 19) AS TIMESTAMP) -
	       to_minutes((CASE substr(c, 21, 1) WHEN '-' THEN -1 ELSE 1 END) *
			  (CAST(substr(c, 22, 2) AS BIGINT) * 60 + CAST(substr(c, 24, 2) AS BIGINT))) AS t
	FROM f
)
SELECT id,
       CASE WHEN coalesce(email, '') <> '' THEN email
	    WHEN phone <> '' THEN 'p:' || phone END AS cust,
       strftime(t, '%Y-%m') AS month,
       year(t) * 12 + month(t) - 1 AS mi,
       date_diff('day', DATE '1970-01-01', CAST(t AS DATE)) AS day,
       CAST(round(CAST(total AS DOUBLE) * 1000) AS BIGINT) AS total,
       CAST(round(CAST(coalesce(refunded, '0') AS DOUBLE) * 1000) AS BIGINT) AS refund
FROM u;

CREATE TEMP TABLE r (cust VARCHAR, month VARCHAR, mi BIGINT, amount BIGINT);
