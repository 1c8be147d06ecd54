#!/usr/bin/env bash
# email_case_folded_beyond_ascii - one customer writes ZOË@Example.com on
# one order and zoë@example.com on another, and Kim uses an IDN domain in
# two spellings (BÜCHER.de, xn--bcher-kva.de): extract, clean and join make
# one customer of each, emails in their normal form (case-folded, the domain
# in ASCII form). With a key, each pair has one pseudonym.
set -u
root=$ENGAGE_ROOT
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
scratch_dir email_fold
printf 'a shop key of thirty-two bytes!!\n' >"$dir/key"
# Four orders of the demo shop get the invented emails.
python3 - "$root/fixtures/shopify/orders_export.csv" "$dir/orders.csv" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
for old, new in (("kenji.mori@example.com", "ZO\u00cb@Example.com"),
                 ("sam.rivera@example.com", "zo\u00eb@example.com"),
                 ("priya.shah@example.com", "Kim@B\u00dcCHER.de"),
                 ("oliver.grant@example.com", "kim@xn--bcher-kva.de")):
    assert old in text, old
    text = text.replace(old, new)
open(sys.argv[2], "w", encoding="utf-8").write(text)
PY
run() { # out-folder [extract options]
	local out=$1
	shift
	"$root/bin/extract" --in "$dir/orders.csv" --out "$out/extract" "$@" &&
		"$root/bin/clean" --in "$out/extract" --out "$out/clean" &&
		"$root/bin/join" --in "$out/clean" --out "$out/join"
} 2>"$dir/stderr"
run "$dir/plain" || { cat "$dir/stderr" >&2; fail "plain run failed"; }
emails=$(cut -d, -f2 "$dir/plain/join/customers.csv")
[ "$(grep -c "^zo$(printf '\xc3\xab')@example.com$" <<<"$emails")" -eq 1 ] ||
	fail "ZOË and zoë are not one customer: $emails"
[ "$(grep -ci "^zo$(printf '\xc3')" <<<"$emails")" -eq 1 ] || fail "more than one Zoë: $emails"
[ "$(grep -c '^kim@xn--bcher-kva.de$' <<<"$emails")" -eq 1 ] && [ "$(grep -ci '^kim@' <<<"$emails")" -eq 1 ] ||
	fail "Kim's two spellings are not one customer: $emails"

run "$dir/pseudo" --pseudonymize "$dir/key" || { cat "$dir/stderr" >&2; fail "run with a key failed"; }
plain_n=$(wc -l <"$dir/plain/join/customers.csv")
pseudo_n=$(wc -l <"$dir/pseudo/join/customers.csv")
[ "$plain_n" -eq "$pseudo_n" ] || fail "$plain_n customers without a key, $pseudo_n with one"
grep -qi "zo$(printf '\xc3')\\|kim@\\|bcher" "$dir/pseudo/join/customers.csv" && fail "an email left with a key"
exit 0
