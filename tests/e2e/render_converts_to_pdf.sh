# LibreOffice opens the workbook and prints it: a headless conversion of the
# full fixture's workbook to PDF succeeds, and the PDF has a page for each
# of the fourteen sheets, with their titles. Skipped (passing) when soffice
# is not installed.
set -u
cd "$ENGAGE_ROOT"
if ! command -v soffice >/dev/null 2>&1; then
	echo "SKIP render_converts_to_pdf: soffice (LibreOffice) is not installed"
	exit 0
fi
dir="$TMPDIR/render_pdf"
mkdir -p "$dir"
bin/render --in fixtures/canonical/render/full --out "$dir/report.xlsx" \
	--manifests fixtures/canonical/render/manifests || exit 1
# A profile of its own, so a LibreOffice already running does not take the job.
HOME="$dir" timeout 180 soffice -env:UserInstallation="file://$dir/profile" --headless \
	--convert-to pdf --outdir "$dir/pdf" "$dir/report.xlsx" >"$dir/soffice.log" 2>&1 ||
	{ cat "$dir/soffice.log"; echo "soffice failed"; exit 1; }
[ -s "$dir/pdf/report.pdf" ] || { cat "$dir/soffice.log"; echo "no PDF"; exit 1; }
head -c 5 "$dir/pdf/report.pdf" | grep -q '%PDF-' || { echo "not a PDF"; exit 1; }
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext "$dir/pdf/report.pdf" "$dir/report.txt" || exit 1
	for title in 'Monthly report: March 2026' 'Customer journey: March 2026 against February 2026' \
		'Funnel: March 2026' 'Cohorts: customers by the month of their first order' \
		'Segments: RFM, as of the end of March 2026' 'Segment moves: February 2026 to March 2026' \
		'Revenue bridge: from gross sales to net revenue' \
		'Customers: 8 with an order up to the end of March 2026' \
		'Voice of the customer: surveys and support' 'Email engagement' \
		'Customer lifetime models' 'Data quality' 'Definitions'; do
		grep -qF "$title" "$dir/report.txt" || { echo "PDF lacks '$title'"; exit 1; }
	done
	pages=$(pdfinfo "$dir/pdf/report.pdf" | sed -n 's/^Pages: *//p')
	[ "$pages" -ge 14 ] || { echo "PDF has $pages pages"; exit 1; }
fi
exit 0
