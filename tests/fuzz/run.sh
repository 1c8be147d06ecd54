#!/usr/bin/env bash
# Runs one fuzz target for a set time; called by `make fuzz` after it built
# build/fuzz/fuzz_TARGET (libFuzzer) and build/tests/replay_TARGET (which
# lists the seeds).
#
#   tests/fuzz/run.sh RUN SECONDS
#
# RUN is a target name (csv, money, datetime, pipeline) or extract.SOURCE:
# fuzz_extract with FUZZ_SOURCE=SOURCE, one mapping of
# stages/extract/sources. The fuzzer starts from the target's seeds (copied
# to build/fuzz/seeds/RUN/) and the corpus earlier runs grew
# (build/fuzz/corpus/RUN/, kept). A crash, leak, timeout or out-of-memory
# exits 1, prints the end of the fuzzer's log and leaves the input in
# build/fuzz/crashes/. Otherwise one line goes to build/fuzz/summary.
set -u
cd "$(dirname "$0")/../.." || exit 3
run=$1
seconds=$2
target=${run%%.*}
source=
[ "$target" != "$run" ] && source=${run#*.}
bin=build/fuzz/fuzz_$target
corpus=build/fuzz/corpus/$run
seeds=build/fuzz/seeds/$run
log=build/fuzz/logs/$run.log
mkdir -p "$corpus" build/fuzz/crashes build/fuzz/logs

# The seeds, flattened to one folder (fixtures of several platforms share
# names), copied afresh so a new seed or kept crash input is always in.
rm -rf "$seeds"
mkdir -p "$seeds"
"build/tests/replay_$target" --list-seeds | while IFS= read -r f; do
	cp "$f" "$seeds/$(echo "$f" | tr '/' '_')"
done

echo "fuzz: $run for $seconds s" >&2
start=$(date +%s)
FUZZ_SOURCE=$source "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
	-print_final_stats=1 -artifact_prefix="build/fuzz/crashes/$run-" \
	"$corpus" "$seeds" >"$log" 2>&1
rc=$?
took=$(($(date +%s) - start))
if [ "$rc" -ne 0 ]; then
	echo "FAIL fuzz $run: the fuzzer stopped (exit $rc) after $took s; end of $log:" >&2
	tail -n 40 "$log" | sed 's/^/    /' >&2
	ls build/fuzz/crashes/"$run"-* 2>/dev/null | sed 's/^/    input: /' >&2
	exit 1
fi
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
corp=$(grep -o 'corp: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
printf '%-34s %4s s  %9s runs  cov %5s  corpus %5s  no crash\n' "$run" "$took" "${execs:-?}" \
	"${cov:-?}" "${corp:-?}" >>build/fuzz/summary
