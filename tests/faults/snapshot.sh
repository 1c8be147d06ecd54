# snapshot.sh - sourced by the fault tests (tests/e2e/fault_*.sh).
#
# snapshot DIR: one line per output under DIR, in name order: its inode,
# the SHA-256 of its bytes and its path below DIR. The runner's logs and
# state and temporary files are left out (the tests look for those
# themselves). Two snapshots are equal only when no output was changed or
# renamed over, even by a file of the same bytes.
snapshot() {
	(cd "$1" && find . -type f ! -name '*.tmp.*' ! -path './logs/*' ! -name .engage-state \
		-printf '%i %p\n' | sort -k2 | while read -r ino path; do
		echo "$ino $(sha256sum <"$path" | cut -c1-64) $path"
	done)
}
