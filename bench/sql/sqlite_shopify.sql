-- sqlite_shopify.sql - the facts of a Shopify orders export for the sqlite
-- baseline: the raw CSV is the table "raw" (all text, loaded by .import).
-- The rules are engage's: an order is the first row of its Name (the only
-- row with a Total); test orders (a "bogus" payment gateway) and cancelled
-- orders (Cancelled at filled) do not count; the customer is the email
-- trimmed and lowercased, else the first phone of Phone, Billing Phone and
-- Shipping Phone (its + and digits: the generated shop writes +1 and the
-- digits), none for guests without either; the refunded amount counts in
-- the order's month; months and days are UTC (compute --tz UTC) from the
-- local time and offset of Created at; money in thousandths.
--
-- Makes o (one row per counted order: id, cust, month, mi, day, total,
-- refund) and r (dated refunds: none in this layout).

CREATE TEMP TABLE o AS
WITH f AS (
	SELECT Name AS id, lower(trim(Email)) AS email, "Created at" AS c, Total AS total,
	       "Refunded Amount" AS refunded,
	       replace(replace(coalesce(NULLIF(trim(Phone), ''), NULLIF(trim("Billing Phone"), ''),
					NULLIF(trim("Shipping Phone"), ''), ''),
			       '''', ''), ' ', '') AS phone
	FROM raw
	WHERE Total <> '' AND "Cancelled at" = '' AND lower("Payment Method") NOT LIKE '%bogus%'
), u AS (
	SELECT id, email, phone, total, refunded,
	       datetime(substr(c, 1, 19),
			(CASE substr(c, 21, 1) WHEN '-' THEN '+' ELSE '-' END) ||
			(CAST(substr(c, 22, 2) AS INTEGER) * 60 + CAST(substr(c, 24, 2) AS INTEGER)) ||
			' minutes') AS t
	FROM f
)
SELECT id,
       CASE WHEN email <> '' THEN email WHEN phone <> '' THEN 'p:' || phone END AS cust,
       substr(t, 1, 7) AS month,
       CAST(substr(t, 1, 4) AS INTEGER) * 12 + CAST(substr(t, 6, 2) AS INTEGER) - 1 AS mi,
       CAST(julianday(substr(t, 1, 10)) - 2440587.5 AS INTEGER) AS day,
       CAST(round(CAST(total AS REAL) * 1000) AS INTEGER) AS total,
       CAST(round(CAST(refunded AS REAL) * 1000) AS INTEGER) AS refund
FROM u;

CREATE TEMP TABLE r (cust TEXT, month TEXT, mi INTEGER, amount INTEGER);
