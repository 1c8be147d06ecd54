#!/usr/bin/env bash
# extract_reads_pipes_and_odd_names - an input is opened once: a FIFO, a
# pipe given as /dev/stdin, and a process substitution are read whole (not
# hung, not "empty file"), and a compressed file whose name looks like an
# option (--files=orders.csv.xz) is read as that file, never handed to xz
# as an option.
set -u
root=$ENGAGE_ROOT
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
scratch_dir extract_pipes
src="$root/fixtures/shopify/orders_export.csv"
cp "$src" "$dir/plain.csv"
"$root/bin/extract" --in "$dir/plain.csv" --out "$dir/want" 2>"$dir/stderr" ||
	{ cat "$dir/stderr" >&2; fail "extract of the plain file failed"; }

# The rows of table in folder, the input's name (a column of each row) replaced by IN.
rows() { # folder table input
	sed "s#$3#IN#g" "$1/$2"
}
same() { # folder what input
	local t
	for t in orders.csv order_lines.csv; do
		cmp -s <(rows "$dir/want" $t "$dir/plain.csv") <(rows "$1" $t "$3") ||
			fail "$2: $t differs from the plain file's"
	done
}

# A FIFO, written by another process.
mkfifo "$dir/orders.csv"
cat "$src" >"$dir/orders.csv" &
timeout 30 "$root/bin/extract" --in "$dir/orders.csv" --out "$dir/fifo" 2>"$dir/stderr"
rc=$?
wait
[ "$rc" -eq 0 ] || { cat "$dir/stderr" >&2; fail "FIFO: extract exited $rc"; }
same "$dir/fifo" FIFO "$dir/orders.csv"

# A pipe on standard input.
timeout 30 "$root/bin/extract" --in /dev/stdin --out "$dir/stdin" <"$src" 2>"$dir/stderr" ||
	{ cat "$dir/stderr" >&2; fail "/dev/stdin from a file failed"; }
cat "$src" | timeout 30 "$root/bin/extract" --in /dev/stdin --out "$dir/pipe" 2>"$dir/stderr" ||
	{ cat "$dir/stderr" >&2; fail "/dev/stdin from a pipe failed"; }
same "$dir/pipe" "/dev/stdin" /dev/stdin
timeout 30 "$root/bin/extract" --in <(cat "$src") --out "$dir/subst" 2>"$dir/stderr" ||
	{ cat "$dir/stderr" >&2; fail "process substitution failed"; }
same "$dir/subst" "process substitution" "/dev/fd/[0-9]*"

# A compressed FIFO: the decompressor reads the copy, not the FIFO again.
mkfifo "$dir/fifo.csv.gz"
gzip -c "$src" >"$dir/fifo.csv.gz" &
timeout 30 "$root/bin/extract" --in "$dir/fifo.csv.gz" --out "$dir/fifogz" 2>"$dir/stderr"
rc=$?
wait
[ "$rc" -eq 0 ] || { cat "$dir/stderr" >&2; fail "compressed FIFO: extract exited $rc"; }
same "$dir/fifogz" "compressed FIFO" "$dir/fifo.csv.gz"

# A name like an option: xz must not read list.csv (or anything else) for it.
mkdir "$dir/odd"
xz -c "$src" >"$dir/odd/--files=list.csv.xz"
printf '%s\n' "$root/fixtures/shopify/orders_export_eur.csv" >"$dir/odd/list.csv"
(cd "$dir/odd" && timeout 30 "$root/bin/extract" --in "--files=list.csv.xz" --out "$dir/oddout") \
	2>"$dir/stderr" || { cat "$dir/stderr" >&2; fail "--files=list.csv.xz: extract failed"; }
same "$dir/oddout" "--files=list.csv.xz" "--files=list.csv.xz"
exit 0
