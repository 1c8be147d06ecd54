# The rates file is an input of clean (`in?  ${rates}` in monthly.pipeline):
# changing only its content reruns clean and every stage after it, and the
# converted revenue follows. The UK Etsy shop sells 25.20 + 40.00 = 65.20
# GBP in March, 10.00 of it refunded. At 1.2710 USD a pound that is
# 32.0292 + 50.84 = 82.8692 gross and 12.71 refunded; with March's rate
# changed to 1.3000, 32.76 + 52.00 = 84.76 gross and 13.00 refunded. Run
# once more, nothing changed, nothing runs. Without rates= the variable is
# empty and no input: a UK shop alone runs in pounds.
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
rates="$TMPDIR/rates.csv"
cp fixtures/rates/gbp_usd.csv "$rates" || exit 1
# ran STAGE...: the closing table of the last run says each STAGE ran, the others skipped.
ran() {
	local stage want
	for stage in extract clean join compute render; do
		want=skipped
		case " $* " in *" $stage "*) want=ran ;; esac
		grep -Eq "^$stage +$want " "$TMPDIR/etsy_rates/stderr.txt" ||
			{ cat "$TMPDIR/etsy_rates/stderr.txt"; echo "$stage did not say $want"; return 1; }
	done
}
month_run etsy_rates 2026-03 UTC etsy/EtsySoldOrders2026_uk.csv -- currency=USD rates="$rates" ||
	exit 1
workbook_has summary gross_revenue=82.8692 refunds=12.71 || exit 1
sed -i 's/^GBP,2026-03,1.2710$/GBP,2026-03,1.3000/' "$rates" || exit 1
month_run etsy_rates 2026-03 UTC etsy/EtsySoldOrders2026_uk.csv -- currency=USD rates="$rates" ||
	exit 1
ran clean join compute render || exit 1
workbook_has summary gross_revenue=84.76 refunds=13.00 || exit 1
month_run etsy_rates 2026-03 UTC etsy/EtsySoldOrders2026_uk.csv -- currency=USD rates="$rates" ||
	exit 1
ran || exit 1
month_run etsy_pounds 2026-03 UTC etsy/EtsySoldOrders2026_uk.csv || exit 1
workbook_has summary gross_revenue=65.20 refunds=10.00 || exit 1
exit 0
