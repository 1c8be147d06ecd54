# Every executable answers --help (usage on stdout, exit 0), --version
# ("NAME 0.1.0", exit 0), and an unknown option with exit 2 on stderr.
set -u
cd "$ENGAGE_ROOT"
status=0
for stage in extract clean join compute render engage; do
	out=$(bin/$stage --help) || { echo "$stage --help failed"; status=1; }
	case "$out" in
	usage:*) ;;
	*) echo "$stage --help does not start with usage:"; status=1 ;;
	esac
	[ "$(bin/$stage --version)" = "$stage 0.1.0" ] || { echo "$stage --version"; status=1; }
	bin/$stage --no-such-option >/dev/null 2>"$TMPDIR/err.$stage"
	rc=$?
	[ "$rc" -eq 2 ] || { echo "$stage: unknown option exited $rc, expected 2"; status=1; }
	[ -s "$TMPDIR/err.$stage" ] || { echo "$stage: unknown option said nothing"; status=1; }
done
exit $status
