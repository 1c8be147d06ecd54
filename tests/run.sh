#!/usr/bin/env bash
# Runs every test and ends with one line "N passed, N failed".
#
#   tests/run.sh [--update-golden] [UNIT_BINARY ...]
#
# Unit tests: each cmocka binary given on the command line.
# End-to-end cases: each folder tests/e2e/NAME/ holding
#   args      the command, one argument per line; @OUT@ is the case's empty
#             output folder, @ROOT@ the repository. A line "&&" separates
#             commands run one after the other: each before the last must
#             succeed, and exit and stderr speak of the last
#   exit      the expected exit code of the last command (0 when absent)
#   stderr    lines that must each appear in its stderr (when present)
#   expected/ files compared byte for byte with the same paths under @OUT@,
#             after @OUT@ in them is replaced by the output folder (*.md
#             files there are explanations, not compared)
# and each script tests/e2e/NAME.sh, which passes when it exits 0. A case
# that ends by a signal (exit code 128 or more) always fails.
# --update-golden rewrites the expected/ files from what the cases produce.
set -u
cd "$(dirname "$0")/.." || exit 3
root=$PWD
update=0
if [ "${1:-}" = "--update-golden" ]; then
	update=1
	shift
fi
passed=0
failed=0
failures=()
work=$(mktemp -d "${TMPDIR:-/tmp}/engage-test.XXXXXX")
trap 'rm -rf "$work"' EXIT

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); failures+=("$1"); echo "FAIL $1: $2" >&2; }

if [ "$update" = 0 ]; then
	for bin in "$@"; do
		log="$work/$(basename "$bin").log"
		"$bin" >"$log" 2>&1
		rc=$?
		cat "$log"
		n_ok=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
		n_bad=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
		passed=$((passed + n_ok))
		failed=$((failed + n_bad))
		if [ "$rc" -ne 0 ] && [ "$n_bad" -eq 0 ]; then
			fail "$(basename "$bin")" "exited $rc"
		elif [ "$n_bad" -ne 0 ]; then
			failures+=("$(basename "$bin")")
		fi
	done
fi

run_case() {
	local dir=$1 name out rc want line rel
	name=$(basename "$dir")
	out="$work/$name/out"
	mkdir -p "$out"
	local -a argv=()
	rc=0
	while IFS= read -r line || [ -n "$line" ]; do
		if [ "$line" = "&&" ]; then
			"${argv[@]}" >"$work/$name/stdout" 2>"$work/$name/stderr" </dev/null
			rc=$?
			argv=()
			if [ "$rc" -ne 0 ]; then
				fail "$name" "a command before the last exited $rc"
				tail -n 5 "$work/$name/stderr" | sed 's/^/    /' >&2
				return
			fi
			continue
		fi
		line=${line//@OUT@/$out}
		line=${line//@ROOT@/$root}
		argv+=("$line")
	done <"$dir/args"
	"${argv[@]}" >"$work/$name/stdout" 2>"$work/$name/stderr" </dev/null
	rc=$?
	want=0
	[ -f "$dir/exit" ] && want=$(cat "$dir/exit")
	if [ "$rc" -ge 128 ]; then
		fail "$name" "ended by signal $((rc - 128))"; return
	fi
	if [ "$rc" != "$want" ]; then
		fail "$name" "exit code $rc, expected $want"
		tail -n 5 "$work/$name/stderr" | sed 's/^/    /' >&2
		return
	fi
	if [ -f "$dir/stderr" ]; then
		while IFS= read -r line || [ -n "$line" ]; do
			line=${line//@OUT@/$out}
			line=${line//@ROOT@/$root}
			if ! grep -qF -- "$line" "$work/$name/stderr"; then
				fail "$name" "stderr lacks: $line"
				sed 's/^/    /' "$work/$name/stderr" | head -n 5 >&2
				return
			fi
		done <"$dir/stderr"
	fi
	if [ -d "$dir/expected" ]; then
		while IFS= read -r rel; do
			if [ "$update" = 1 ]; then
				[ -f "$out/$rel" ] && sed "s|$out|@OUT@|g" "$out/$rel" >"$dir/expected/$rel" &&
					echo "updated $dir/expected/$rel"
				continue
			fi
			sed "s|@OUT@|$out|g" "$dir/expected/$rel" >"$work/$name/want"
			if ! cmp -s "$work/$name/want" "$out/$rel"; then
				fail "$name" "$rel differs from the expected file"
				diff -u "$work/$name/want" "$out/$rel" 2>&1 | head -n 20 | sed 's/^/    /' >&2
				return
			fi
		done < <(cd "$dir/expected" && find . -type f ! -name '*.md' | sed 's|^\./||' | sort)
	fi
	pass
	echo "ok $name"
}

for dir in tests/e2e/*/; do
	[ -f "$dir/args" ] && run_case "${dir%/}"
done

if [ "$update" = 0 ]; then
	for script in tests/e2e/*.sh; do
		[ -f "$script" ] || continue
		name=$(basename "$script" .sh)
		if ENGAGE_ROOT="$root" TMPDIR="$work" bash "$script" >"$work/$name.log" 2>&1; then
			pass
			echo "ok $name"
		else
			fail "$name" "script failed"
			tail -n 15 "$work/$name.log" | sed 's/^/    /' >&2
		fi
	done
fi

[ "$update" = 1 ] && exit 0
if [ "$failed" -ne 0 ]; then
	echo "failed: ${failures[*]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
