#!/usr/bin/env bash
# update.sh - redraws stages/README.md's pictures of the workbook: the Summary
# sheet of the demo shop (pipelines/demo.pipeline) and the Cohorts sheet of
# the Online Retail data (../shared/data), each sheet printed on one page by
# LibreOffice (headless, SinglePageSheets) and turned into a PNG by pdftoppm.
#
#   stages/render/screenshots/update.sh      from the repository's top folder, after make
set -eu
cd "$(dirname "$0")/../../.."
here=stages/render/screenshots
work=$(mktemp -d "${TMPDIR:-/tmp}/screenshots.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Prints sheet number $2 of workbook $1 to the PNG $3.
shoot() {
	HOME="$work" soffice -env:UserInstallation="file://$work/profile" --headless \
		--convert-to 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}' \
		--outdir "$work/pdf" "$1" >/dev/null
	pdftoppm -r 72 -f "$2" -l "$2" -png -singlefile "$work/pdf/$(basename "$1" .xlsx).pdf" "${3%.png}"
	rm -rf "$work/pdf"
}

bin/engage run pipelines/demo.pipeline out="$work/demo" 2>/dev/null
bin/render --in "$work/demo/compute" --out "$work/demo.xlsx" --customers "$work/demo/join/customers.csv" \
	--manifests "$work/demo/extract" --manifests "$work/demo/clean" --manifests "$work/demo/join"
shoot "$work/demo.xlsx" 1 "$here/summary.png"

data=../shared/data/online_retail.csv.xz
bin/extract --in "$data" --source generic_transactions --out "$work/or/extract" 2>/dev/null
bin/clean --in "$work/or/extract" --out "$work/or/clean" 2>/dev/null
bin/join --in "$work/or/clean" --out "$work/or/join"
bin/compute --in "$work/or/join" --out "$work/or/compute" --tz Europe/London
bin/render --in "$work/or/compute" --out "$work/online-retail.xlsx"
shoot "$work/online-retail.xlsx" 5 "$here/cohorts.png"
ls -l "$here"/*.png
