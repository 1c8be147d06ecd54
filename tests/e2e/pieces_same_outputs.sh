#!/usr/bin/env bash
# pieces_same_outputs - a file parsed in pieces on two threads gives the
# bytes one parser gives. ENGAGE_CSV_CHUNK=1 cuts every CSV file a stage
# reads after every row, so each row is a piece of its own with its own
# libcsv parser. Extract of every fixture file (one run each: outputs,
# rejects with their line numbers, the manifest, the error message and exit
# status), extract of three 1 MB quoted fields of many lines and doubled
# quotes (in pieces of one row and of 100 KiB, cut after those fields),
# and the demo pipeline through clean, join, compute and render must come
# out byte for byte as with the default pieces of 256 KiB, which the
# fixtures never fill (one piece).
set -u
root=$ENGAGE_ROOT
dir=$(mktemp -d "${TMPDIR:-/tmp}/pieces_same_outputs.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Runs extract on $1 into $dir/$2 with ENGAGE_CSV_CHUNK=$3 (empty: unset).
extract_into() {
	local out=$dir/$2
	mkdir -p "$out"
	(cd "$dir" && env ${3:+ENGAGE_CSV_CHUNK=$3} "$root/bin/extract" --in "$1" --out "$out/x" \
		>"$out/stdout" 2>"$out/stderr"
	 echo $? >"$out/status")
	# The run's own folder is named in messages; the rest must match exactly.
	sed -i "s#$out/x#OUT#g" "$out/stderr" "$out/stdout"
}

n=0
while IFS= read -r f; do
	extract_into "$f" whole ""
	extract_into "$f" pieces 1
	diff -r "$dir/whole" "$dir/pieces" >"$dir/diff" ||
		{ cat "$dir/diff" >&2; fail "$f: ENGAGE_CSV_CHUNK=1 changed the outputs"; }
	rm -rf "$dir/whole" "$dir/pieces"
	n=$((n + 1))
done < <(find "$root/fixtures" -name '*.csv' | sort)
[ "$n" -gt 50 ] || fail "only $n fixture files found"

# A 1 MB quoted field of lines and doubled quotes between short rows.
{
	echo 'Response ID,Email,Name,Score,Comment,Created At'
	for i in 1 2 3; do
		printf '5811300%d,a%d@example.com,Ann,10,"' "$i" "$i"
		yes 'a comment, with ""quotes"", on many lines' | head -c $((1024 * 1024))
		printf '",2026-01-13 17:41:05\n'
		echo "5811310$i,b$i@example.com,Ben,9,Great coffee.,2026-01-14 12:15:22"
	done
} >"$dir/nps.csv"
for chunk in 1 100K; do
	extract_into "$dir/nps.csv" whole ""
	extract_into "$dir/nps.csv" pieces "$chunk"
	diff -r "$dir/whole" "$dir/pieces" >/dev/null ||
		fail "a long quoted field: ENGAGE_CSV_CHUNK=$chunk changed the outputs"
	rm -rf "$dir/whole" "$dir/pieces"
done

# The demo pipeline, every stage reading its tables in pieces of one row.
for run in whole pieces; do
	chunk=; [ "$run" = pieces ] && chunk=1
	(cd "$root" && env ${chunk:+ENGAGE_CSV_CHUNK=$chunk} bin/engage run pipelines/demo.pipeline \
		out="$dir/out_$run" >/dev/null 2>"$dir/stderr_$run") ||
		{ cat "$dir/stderr_$run" >&2; fail "demo $run"; }
done
# Manifests name the run's own folder; the rest must match exactly.
for f in $(cd "$dir/out_whole" && find . -name '*.csv' | sort); do
	sed "s#$dir/out_pieces#$dir/out_whole#g" "$dir/out_pieces/$f" >"$dir/got"
	cmp "$dir/out_whole/$f" "$dir/got" || fail "demo: $f differs in pieces"
done
exit 0
