#!/usr/bin/env bash
# run.sh - the benchmark behind make bench (see bench/README.md).
#
#   bash bench/run.sh [full|quick]
#
# For each input size: prepares the raw file (generated or copied, cached
# in out/bench/data while its recipe is unchanged), runs extract, clean,
# join, compute and render on it several times, each under bench's timer
# (wall time, CPU time, peak RSS), times one whole `bin/engage run`, runs
# the DuckDB and sqlite baselines on the same raw file, and checks that
# their monthly KPIs, cohort counts and RFM scores equal compute's. Prints
# a table per size and writes out/bench/results.csv (one row per size and
# step) and out/bench/results.txt (the printed tables).
#
# Expects bin/ and build/bench/{gen_shop,timeit,retail_copies} built (make
# bench does that); the stages run from a copy of bin/ taken at the start. Environment: BENCH_SIZES (space-separated subset of
# the mode's sizes, or any of retail_1x retail_10x shop_1m shop_10m),
# BENCH_RUNS (runs per size), BENCH_KEEP=1 (keep each size's extract,
# clean and join outputs). Exit 0 when every stage ran and every baseline
# agreed, 1 otherwise, 2 on a usage error.
set -uo pipefail

mode=${1:-full}
case $mode in
full)
	runs=5
	sizes="retail_1x retail_10x shop_1m shop_10m"
	;;
quick)
	runs=3
	sizes="retail_1x shop_1m"
	;;
*)
	echo "usage: bench/run.sh [full|quick]" >&2
	exit 2
	;;
esac
runs=${BENCH_RUNS:-$runs}
sizes=${BENCH_SIZES:-$sizes}
# A size whose first pipeline run takes longer than this many seconds is
# run 3 times in all, and its whole `engage run` is not timed, so that the
# full benchmark stays within 15 minutes on a 2-core machine.
long_run=60
# A baseline whose first run takes less than this many seconds runs 3 times.
short_baseline=5
depth=24
stages="extract clean join compute render"

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
out=out/bench
data=$out/data
work=$out/work
tools=build/bench
shared=../shared/data/online_retail.csv.xz
csv=$out/results.csv
txt=$out/results.txt
started=$SECONDS
status=0

die() {
	echo "bench: $*" >&2
	exit 2
}

for t in gen_shop timeit retail_copies; do
	[ -x "$tools/$t" ] || die "'$tools/$t' is missing: run make bench"
done
for s in $stages engage; do
	[ -x "bin/$s" ] || die "'bin/$s' is missing: run make bench"
done
command -v sqlite3 >/dev/null || die "sqlite3 is not installed (make deps installs it)"
have_node=1
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	have_node=0
	echo "bench: node or npm not found: the DuckDB baseline is skipped" >&2
elif [ ! -f bench/node_modules/@duckdb/node-api/package.json ]; then
	echo "bench: installing @duckdb/node-api under bench/ (npm ci)" >&2
	# npm 11's ci refuses a lock that lacks the other platforms' optional
	# bindings, which a registry mirror may not serve; install then resolves
	# the same pinned version (package.json names it exactly).
	(cd bench && { npm ci --no-audit --no-fund --loglevel=error >&2 ||
		npm install --no-audit --no-fund --no-save --loglevel=error >&2; }) ||
		die "npm could not install @duckdb/node-api in bench/"
fi

mkdir -p "$data" "$work"
: >"$txt"

# The stages are copied to out/bench/bin at the start, so that a rebuild
# of bin/ during a run does not mix versions; stages/ beside it is a link
# to the repository's, where the stages find their data files.
snap=$out/snapshot
rm -rf "$snap"
mkdir -p "$snap/bin"
for s in $stages engage; do
	cp "bin/$s" "$snap/bin/$s" || die "unable to copy 'bin/$s'"
done
ln -s "$root/stages" "$snap/stages"
bin=$snap/bin

# Prints to the terminal and to results.txt.
say() {
	printf '%s\n' "$*" | tee -a "$txt"
}

# Runs a command under the timer: measure FILE COMMAND...; the line
# "wall user sys rss exit" is left in FILE; returns the command's status.
measure() {
	local file=$1
	shift
	"$tools/timeit" "$file" "$@"
}

# The first day after month YYYY-MM, in days since 1970-01-01.
day_after() {
	local y=$((10#${1:0:4})) m=$((10#${1:5:2}))
	if [ "$m" -eq 12 ]; then
		y=$((y + 1))
		m=1
	else
		m=$((m + 1))
	fi
	echo $(($(date -u -d "$(printf '%04d-%02d-01' "$y" "$m")" +%s) / 86400))
}

# What a size is: sets raw, kind (retail|shopify), month, tz, xargs (extra
# extract arguments), recipe (the command that makes raw) and stamp (what
# the cached raw file must have been made from).
describe() {
	case $1 in
	retail_1x)
		raw=$data/online_retail.csv
		kind=retail
		recipe="xz -dc $shared"
		stamp="$recipe $(stat -c '%s %Y' "$shared" 2>/dev/null)"
		;;
	retail_10x)
		raw=$data/online_retail_x10.csv
		kind=retail
		recipe="$tools/retail_copies $data/online_retail.csv 10 $raw"
		stamp="$recipe $(cksum <"$tools/retail_copies") $(stat -c '%s %Y' "$shared" 2>/dev/null)"
		;;
	shop_1m | shop_10m)
		local lines=1000000 customers=100000
		if [ "$1" = shop_10m ]; then
			lines=10000000
			customers=1000000
		fi
		raw=$data/$1.csv
		kind=shopify
		records=$lines
		recipe="$tools/gen_shop --lines $lines --customers $customers --seed 1 --out $raw"
		stamp="$recipe $(cksum <"$tools/gen_shop")"
		;;
	*)
		die "unknown size '$1' (retail_1x retail_10x shop_1m shop_10m)"
		;;
	esac
	if [ "$kind" = retail ]; then
		month=2011-11
		tz=Europe/London
		xargs="--source generic_transactions"
	else
		month=2025-12
		tz=UTC
		xargs=""
	fi
}

# Makes the raw file of a size unless the cached one has the same stamp;
# the time it took is a "prepare" sample.
prepare() {
	local name=$1 dir=$2
	describe "$name"
	if [ "$name" = retail_10x ]; then
		describe retail_1x
		prepare retail_1x "$dir" >/dev/null || return 1
		rm -f "$dir/samples.txt"
		describe retail_10x
	fi
	if [ -f "$raw" ] && [ -f "$raw.stamp" ] && [ "$(cat "$raw.stamp")" = "$stamp" ]; then
		echo cached
		return 0
	fi
	rm -f "$raw" "$raw.stamp"
	if [ "$name" = retail_1x ]; then
		[ -f "$shared" ] || {
			echo "bench: '$shared' is not here" >&2
			return 1
		}
		measure "$dir/t" bash -c "xz -dc '$shared' >'$raw.tmp' && mv '$raw.tmp' '$raw'" \
			>"$dir/prepare.log" 2>&1 || return 1
	else
		# shellcheck disable=SC2086
		measure "$dir/t" $recipe >"$dir/prepare.log" 2>&1 || return 1
	fi
	echo "prepare 1 $(cat "$dir/t")" >>"$dir/samples.txt"
	echo "$stamp" >"$raw.stamp"
	echo made
}

# The arguments of a stage for a size's work folder.
stage_args() {
	local dir=$2
	case $1 in
	extract) echo "--in $raw $xargs --out $dir/extract" ;;
	clean) echo "--in $dir/extract --out $dir/clean" ;;
	join) echo "--in $dir/clean --out $dir/join" ;;
	compute) echo "--in $dir/join --out $dir/compute --tz $tz --month $month" ;;
	render) echo "--in $dir/compute --out $dir/report.xlsx --month $month" ;;
	esac
}

# A pipeline file for the whole chain on a size, as pipelines/ writes them.
write_pipeline() {
	local dir=$1
	cat >"$dir/bench.pipeline" <<EOF
# Written by bench/run.sh: the whole chain on one benchmark input.
var raw   = $raw
var out   = $dir
var month = $month
var tz    = $tz

stage extract
  run  extract --in \${raw} $xargs --out \${out}/extract
  in   \${raw}
  out  \${out}/extract/orders.csv \${out}/extract/order_lines.csv
  out  \${out}/extract/rejects.csv \${out}/extract/extract.manifest.csv

stage clean
  run  clean --in \${out}/extract --out \${out}/clean
  in   \${out}/extract/orders.csv \${out}/extract/order_lines.csv
  out  \${out}/clean/orders.csv \${out}/clean/refunds.csv
  out  \${out}/clean/rejects.csv \${out}/clean/clean.manifest.csv

stage join
  run  join --in \${out}/clean --out \${out}/join
  in   \${out}/clean/orders.csv \${out}/clean/refunds.csv
  out  \${out}/join/orders.csv \${out}/join/refunds.csv \${out}/join/customers.csv
  out  \${out}/join/join.manifest.csv

stage compute
  run  compute --in \${out}/join --out \${out}/compute --month \${month} --tz \${tz}
  in   \${out}/join/customers.csv \${out}/join/orders.csv \${out}/join/refunds.csv
  out  \${out}/compute/kpis.csv \${out}/compute/cohorts.csv \${out}/compute/customer_scores.csv
  out  \${out}/compute/segments.csv \${out}/compute/segment_moves.csv
  out  \${out}/compute/compute.manifest.csv

stage render
  run  render --in \${out}/compute --out \${out}/report.xlsx --month \${month}
  in   \${out}/compute/kpis.csv \${out}/compute/compute.manifest.csv
  out  \${out}/report.xlsx \${out}/render.manifest.csv
EOF
}

# Summary of a step's samples: "runs median min max user sys rss_kb
# failed", medians of wall, user and sys times, the largest RSS.
summarise() {
	awk -v step="$1" '
	$1 == step {
		n++; wall[n] = $3; user[n] = $4; sys[n] = $5;
		if ($6 > rss) rss = $6;
		if ($7 != 0) failed++;
	}
	function median(a,   i, j, t, b) {
		for (i = 1; i <= n; i++) b[i] = a[i];
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && b[j - 1] > b[j]; j--) { t = b[j]; b[j] = b[j - 1]; b[j - 1] = t; }
		return b[int((n + 1) / 2)];
	}
	function lo(a,   i, m) { m = a[1]; for (i = 2; i <= n; i++) if (a[i] < m) m = a[i]; return m; }
	function hi(a,   i, m) { m = a[1]; for (i = 2; i <= n; i++) if (a[i] > m) m = a[i]; return m; }
	END {
		if (!n) exit;
		printf "%d %.3f %.3f %.3f %.3f %.3f %d %d\n", n, median(wall), lo(wall), hi(wall),
			median(user), median(sys), rss, failed;
	}' "$2"
}

# Adds the pipeline samples: per run, the sum of its stages' times, the
# largest of their RSS, failed when a stage failed.
pipeline_samples() {
	awk -v stages="$stages" '
	BEGIN { ns = split(stages, st, " "); for (i = 1; i <= ns; i++) is[st[i]] = 1; }
	($1 in is) {
		seen[$2]++; wall[$2] += $3; user[$2] += $4; sys[$2] += $5;
		if ($6 > rss[$2]) rss[$2] = $6;
		if ($7 != 0) bad[$2] = $7;
		if ($2 > last) last = $2;
	}
	END {
		for (r = 1; r <= last; r++)
			if (seen[r] == ns || bad[r])
				printf "pipeline %d %.3f %.3f %.3f %d %d\n", r, wall[r], user[r], sys[r],
					rss[r], bad[r] ? bad[r] : 0;
	}' "$1" >>"$1"
}

# Runs a baseline until it has 3 runs or one that took over short_baseline
# seconds; returns its exit status; its last output is in $dir/NAME.csv.
baseline() {
	local name=$1 dir=$2 n rc wall
	shift 2
	for n in 1 2 3; do
		measure "$dir/t" "$@" >"$dir/$name.log" 2>&1
		rc=$?
		echo "$name $n $(cat "$dir/t")" >>"$dir/samples.txt"
		[ "$rc" -eq 0 ] || return "$rc"
		wall=$(cut -d' ' -f1 "$dir/t")
		awk -v w="$wall" -v s="$short_baseline" 'BEGIN { exit !(w >= s) }' && break
	done
	return 0
}

# Compares a baseline's sections with compute's: "match|differ NOTE".
check() {
	local name=$1 dir=$2
	LC_ALL=C sort "$dir/$name.csv" >"$dir/$name.sorted.csv"
	if diff "$dir/$name.sorted.csv" "$dir/engage.sections.csv" >"$dir/$name.diff"; then
		rm -f "$dir/$name.diff"
		awk -F, '{ n[$1]++ } END {
			printf "match %d months, %d cohort cells, %d RFM customers\n", n["kpi"], n["cohort"], n["rfm"]
		}' "$dir/engage.sections.csv"
	else
		echo "differ $(grep -c '^[<>]' "$dir/$name.diff") lines differ: $dir/$name.diff"
	fi
}

echo "size,step,runs,median_s,min_s,max_s,raw_mb,mb_per_s,peak_rss_mib,user_s,sys_s,ours_over_baseline,check,note" >"$csv"

# One results row and one table line: row SIZE STEP LABEL CHECK NOTE.
row() {
	local size=$1 step=$2 label=$3 chk=$4 note=$5 s ratio=""
	s=$(summarise "$step" "$dir/samples.txt")
	[ -n "$s" ] || return 0
	# shellcheck disable=SC2086
	set -- $s
	if [ "$step" = duckdb ] || [ "$step" = sqlite ]; then
		ratio=$(awk -v a="$pipe_median" -v b="$2" 'BEGIN { if (a != "" && b > 0) printf "%.2f", a / b }')
	fi
	awk -v size="$size" -v step="$step" -v n="$1" -v med="$2" -v lo="$3" -v hi="$4" \
		-v user="$5" -v sys="$6" -v rss="$7" -v mb="$raw_mb" -v ratio="$ratio" \
		-v chk="$chk" -v note="$note" 'BEGIN {
		gsub(/"/, "\"\"", note);
		printf "%s,%s,%d,%.3f,%.3f,%.3f,%.1f,%.1f,%.1f,%.3f,%.3f,%s,%s,\"%s\"\n", size, step, n,
			med, lo, hi, mb, (med > 0 ? mb / med : 0), rss / 1024, user, sys, ratio, chk, note
	}' >>"$csv"
	say "$(awk -v label="$label" -v n="$1" -v med="$2" -v rss="$7" -v mb="$raw_mb" \
		-v ratio="$ratio" -v chk="$chk" -v note="$note" 'BEGIN {
		printf "  %-11s %4d %9.2f %9.1f %10.1f  %-9s %-6s %s", label, n, med,
			(med > 0 ? mb / med : 0), rss / 1024, (ratio == "" ? "" : ratio "x"), chk, note
	}')"
}

say "engage benchmark ($mode): $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores," \
	"$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)," \
	"commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
say "sqlite $(sqlite3 --version | cut -d' ' -f1), DuckDB $([ "$have_node" = 1 ] &&
	node -p "require('./bench/node_modules/@duckdb/node-api/package.json').version" 2>/dev/null ||
	echo none), node $(node --version 2>/dev/null || echo none)"

for size in $sizes; do
	dir=$work/$size
	rm -rf "$dir"
	mkdir -p "$dir"
	: >"$dir/samples.txt"
	describe "$size"
	made=$(prepare "$size" "$dir") || {
		say ""
		say "$size: the raw file could not be made: see $dir/prepare.log"
		status=1
		continue
	}
	describe "$size"
	raw_bytes=$(stat -c %s "$raw")
	raw_mb=$(awk -v b="$raw_bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
	if [ "$kind" = retail ]; then
		records=$(($(wc -l <"$raw") - 1))
	fi
	say ""
	say "$size: $raw, $raw_mb MB, $records lines, month $month ($tz), raw file $made"
	say "  step        runs  median s  MB/s raw  peak RSS MiB  ours/this check  note"

	# The stages, run after run.
	failed=""
	want=$runs
	long=0
	for ((r = 1; r <= want; r++)); do
		for s in $stages; do
			# shellcheck disable=SC2046
			measure "$dir/t" "$bin/$s" $(stage_args "$s" "$dir") >"$dir/$s.log" 2>&1
			rc=$?
			echo "$s $r $(cat "$dir/t")" >>"$dir/samples.txt"
			if [ "$rc" -ne 0 ]; then
				failed="$s exited $rc: $(tail -n 3 "$dir/$s.log" | tr '\n' ' ')"
				break 2
			fi
		done
		if [ "$r" -eq 1 ] &&
			awk -v d="$dir/samples.txt" -v l="$long_run" 'BEGIN {
				while ((getline line < d) > 0) { split(line, f, " "); if (f[2] == 1 && f[1] != "prepare") t += f[3]; }
				exit !(t > l) }'; then
			long=1
			[ "$want" -gt 3 ] && want=3
		fi
	done
	pipeline_samples "$dir/samples.txt"
	pipe_median=$(summarise pipeline "$dir/samples.txt" | cut -d' ' -f2)

	row "$size" prepare "prepare" "" "$made: $recipe"
	for s in $stages; do
		if [ -n "$failed" ] && [ "${failed%% *}" = "$s" ]; then
			row "$size" "$s" "$s" failed "$failed"
		else
			row "$size" "$s" "$s" ok ""
		fi
	done
	if [ -n "$failed" ]; then
		status=1
		say "  pipeline: not timed: $failed"
	else
		row "$size" pipeline "pipeline" ok "sum of the five stages per run"
	fi

	# The whole chain through the runner, once, unless it is long.
	if [ -z "$failed" ] && [ "$long" = 0 ]; then
		write_pipeline "$dir"
		measure "$dir/t" "$bin/engage" run "$dir/bench.pipeline" --force >"$dir/engage.log" 2>&1
		rc=$?
		echo "engage_run 1 $(cat "$dir/t")" >>"$dir/samples.txt"
		if [ "$rc" -eq 0 ]; then
			row "$size" engage_run "engage run" ok "bin/engage run --force, one run"
		else
			row "$size" engage_run "engage run" failed "exit $rc, see $dir/engage.log"
			status=1
		fi
	elif [ -z "$failed" ]; then
		say "  engage run: not timed (the pipeline takes over ${long_run} s a run)"
	fi

	# The baselines, checked against compute's outputs.
	[ -z "$failed" ] && bench/sections.sh "$dir/compute" | LC_ALL=C sort >"$dir/engage.sections.csv"
	asof=$(day_after "$month")
	for b in duckdb sqlite; do
		if [ "$b" = duckdb ] && [ "$have_node" = 0 ]; then
			say "  duckdb: skipped (no node)"
			continue
		fi
		# sqlite takes 3-4 minutes on the 10M shop: a quarter of the budget.
		if [ "$b" = sqlite ] && [ "$size" = shop_10m ] && [ "${BENCH_SQLITE_ALL:-0}" != 1 ]; then
			say "  sqlite: skipped on the 10M shop (3-4 minutes; BENCH_SQLITE_ALL=1 runs it)"
			continue
		fi
		if [ "$b" = duckdb ]; then
			baseline duckdb "$dir" node bench/duckdb_baseline.mjs --source "$kind" --raw "$raw" \
				--report "$month" --as-of "$asof" --depth "$depth" --out "$dir/duckdb.csv"
		else
			baseline sqlite "$dir" bash bench/sqlite_baseline.sh --source "$kind" --raw "$raw" \
				--report "$month" --as-of "$asof" --depth "$depth" --out "$dir/sqlite.csv"
		fi
		rc=$?
		if [ "$rc" -ne 0 ]; then
			row "$size" "$b" "$b" failed "exit $rc: $(tail -n 2 "$dir/$b.log" | tr '\n' ' ')"
			status=1
		elif [ -n "$failed" ]; then
			row "$size" "$b" "$b" "n/a" "not compared: a stage failed"
		else
			result=$(check "$b" "$dir")
			[ "${result%% *}" = match ] || status=1
			row "$size" "$b" "$b" "${result%% *}" "${result#* }"
		fi
	done
	if [ "${BENCH_KEEP:-0}" != 1 ]; then
		rm -rf "$dir/extract" "$dir/clean" "$dir/join"
	fi
done

# The BG/NBD fit alone, on simulated customers (compute's fit on real data is
# inside its stage time above): median of 3 runs at 100k and 1M customers.
say ""
say "bgnbd fit (simulated customers, whole days, median of 3):"
for n in 100000 1000000; do
	times=""
	for k in 1 2 3; do
		line=$(build/bench/fit_time "$n" "$k") || { say "  $n customers: fit failed"; status=1; continue 2; }
		times="$times ${line#*,*,}"
		distinct=$(echo "$line" | cut -d, -f2)
	done
	med=$(echo "$times" | tr ' ' '\n' | cut -d, -f1 | grep . | sort -n | sed -n 2p)
	say "  $n customers ($distinct distinct summaries): ${med} s"
	echo "bgnbd_fit_$n,fit,3,$med,,,,,,,,,ok,\"$distinct distinct summaries\"" >>"$csv"
done

say ""
say "results: $csv; logs and outputs: $work/; $((SECONDS - started)) s in all"
exit "$status"
