#!/usr/bin/env bash
# sqlite_baseline.sh - the sqlite baseline of make bench: loads a raw file
# into an in-memory database with the sqlite3 shell's .import (every
# column as text), computes the monthly KPIs, the cohort matrix and RFM
# scores with the SQL of bench/sql/ (sqlite_<source>.sql, then
# metrics.sql), and writes the sections metrics.sql selects as CSV.
#
#   bench/sqlite_baseline.sh --source retail|shopify --raw FILE
#       --report YYYY-MM --as-of DAYS --depth N --out FILE
#
# --as-of is the day after the report month, in days since 1970-01-01.
# Exit 0 on success, 2 on a usage error, 1 when sqlite3 fails.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source= raw= report= asof= depth= out=
while [ $# -ge 2 ]; do
	case $1 in
	--source) source=$2 ;;
	--raw) raw=$2 ;;
	--report) report=$2 ;;
	--as-of) asof=$2 ;;
	--depth) depth=$2 ;;
	--out) out=$2 ;;
	*) break ;;
	esac
	shift 2
done
if [ $# -ne 0 ] || [[ ! $source =~ ^(retail|shopify)$ ]] || [[ ! $report =~ ^[0-9]{4}-[0-9]{2}$ ]] ||
	[[ ! $asof =~ ^[0-9]+$ ]] || [[ ! $depth =~ ^[0-9]+$ ]] || [ -z "$raw" ] || [ -z "$out" ]; then
	echo "usage: sqlite_baseline.sh --source retail|shopify --raw FILE --report YYYY-MM" \
		"--as-of DAYS --depth N --out FILE" >&2
	exit 2
fi
case $raw in *\"*) echo "sqlite_baseline: a path with a double quote cannot be imported" >&2; exit 2 ;; esac
month=$(( 10#${report:0:4} * 12 + 10#${report:5:2} - 1 ))
cat "$here/sql/sqlite_$source.sql" "$here/sql/metrics.sql" |
	sqlite3 -batch -bail -csv :memory: \
		-cmd "PRAGMA temp_store = MEMORY" \
		-cmd ".import --csv \"$raw\" raw" \
		-cmd "CREATE TEMP TABLE param AS SELECT $month AS report, $asof AS as_of, $depth AS depth" \
		>"$out"
