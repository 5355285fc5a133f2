#!/bin/sh
# xlsx_test: report.xlsx as a manager opens it: a whole workbook (zip) with
# the sheets Summary, KPIs, Daily, Roster and SLA; the verdict agreeing with
# kpis.csv; the roster grid agreeing with shifts.csv, with its conditional
# formatting; native charts; a Chinese scenario name kept; --no-xlsx and
# --bom.  Read with unzip, or python3's zipfile where unzip is missing.
BUILD=${BUILD:-build}
P=$BUILD/promocap
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "not ok - $*"; }
check() { if eval "$1"; then ok; else bad "$2"; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# unpack FILE DIR: extracts a zip; test_zip FILE: checks every member's CRC.
if command -v unzip >/dev/null 2>&1; then
	unpack() { unzip -q -o "$1" -d "$2"; }
	test_zip() { unzip -tq "$1" >/dev/null 2>&1; }
elif command -v python3 >/dev/null 2>&1; then
	unpack() { python3 -m zipfile -e "$1" "$2"; }
	test_zip() { python3 -m zipfile -t "$1" >/dev/null 2>&1; }
else
	echo "# skipped: neither unzip nor python3 to open the workbook"
	echo "0 passed, 0 failed"
	exit 0
fi
# cell SHEETXML REF: the stored value of a cell (a number, or the index of
# a shared string).
cell() { grep -o "<c r=\"$2\"[^>]*>\(<f>[^<]*</f>\)\{0,1\}<v>[^<]*</v>" "$1" | sed 's/.*<v>\(.*\)<\/v>/\1/'; }
# shared XLSDIR INDEX: the shared string of that index (0-based).
shared() { tr -d '\n' <"$1/xl/sharedStrings.xml" | sed 's/<si>/\n<si>/g' | grep '^<si>' | \
	sed -n "$(($2 + 1))p" | sed 's/<[^>]*>//g'; }

S=tests/data/sim/golden.ini
$P run "$S" -o "$tmp/r" --no-charts >"$tmp/out" 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ]' "run exits 0 ($(cat "$tmp/err"))"
check '[ -s "$tmp/r/report.xlsx" ]' "run writes report.xlsx"
check 'grep -q "workbook written to $tmp/r/report.xlsx" "$tmp/out"' "run says where the workbook is"
check 'test_zip "$tmp/r/report.xlsx"' "report.xlsx is a whole zip"
check '[ -z "$(ls -A "$tmp/r" | grep tmp)" ]' "no temporary file left"
X="$tmp/x"; mkdir -p "$X"; unpack "$tmp/r/report.xlsx" "$X"
sheets=$(grep -o '<sheet name="[^"]*"' "$X/xl/workbook.xml" | sed 's/<sheet name="//; s/"//' | tr '\n' ' ')
check '[ "$sheets" = "Summary KPIs Daily Roster SLA " ]' "the sheets, in order: got '$sheets'"

# The verdict (Summary!B3) says what kpis.csv's met column says.
targets=$(awk -F, 'NR > 1 && ($NF == "\"yes\"" || $NF == "\"no\"")' "$tmp/r/kpis.csv" | wc -l)
missed=$(awk -F, 'NR > 1 && $NF == "\"no\""' "$tmp/r/kpis.csv" | wc -l)
if [ "$missed" -eq 0 ]; then want="All $targets targets met"; else want="$missed of $targets targets MISSED: "; fi
verdict=$(shared "$X" "$(cell "$X/xl/worksheets/sheet1.xml" B3)")
check '[ "$(shared "$X" "$(cell "$X/xl/worksheets/sheet1.xml" A3)")" = "Verdict" ]' "Summary!A3 is the verdict"
case "$verdict" in "$want"*) ok;; *) bad "verdict '$verdict', want it to start '$want'";; esac
check '[ "$targets" -gt 0 ]' "golden.ini has targets to judge"
check 'grep -q "golden small scenario" "$X/xl/sharedStrings.xml"' "the scenario's name is in the workbook"

# The roster (sheet 4): the first shift's headcount on the first day and the
# header of its column, as shifts.csv has them; every KPI's met/MISSED.
first=$(sed -n 2p "$tmp/r/shifts.csv")
res=$(echo "$first" | cut -d, -f1 | tr -d '"'); shift_=$(echo "$first" | cut -d, -f3 | tr -d '"')
head_=$(echo "$first" | cut -d, -f6)
R="$X/xl/worksheets/sheet4.xml"
check '[ "$(shared "$X" "$(cell "$R" A1)")" = "date" ] && [ "$(shared "$X" "$(cell "$R" A2)")" = "2026-11-01" ]' "Roster!A: dates from the first day"
case "$(shared "$X" "$(cell "$R" B1)")" in "$res $shift_ "*"(people)") ok;; *) bad "Roster!B1 '$(shared "$X" "$(cell "$R" B1)")', want '$res $shift_ ... (people)'";; esac
check '[ "$(cell "$R" B2)" = "$head_" ]' "Roster!B2 $(cell "$R" B2) people, shifts.csv says $head_"
days=$(($(awk -F, 'NR > 1 { print $2 }' "$tmp/r/shifts.csv" | sort -u | wc -l)))
check 'grep -q "<c r=\"A$((days + 2))\"" "$R"' "Roster: a total row after $days days"
check 'grep -q "SUM(" "$R"' "Roster: the totals are formulas"
check 'grep -q "<conditionalFormatting" "$R" && grep -q "colorScale" "$R"' "Roster: conditional formatting (colour scale)"
check 'grep -q "staff cost per day (CNY)" "$X/xl/sharedStrings.xml"' "Roster: the cost per day"
check 'grep -q ">MISSED<\|>met<" "$X/xl/sharedStrings.xml"' "KPIs: met or MISSED"
nk=$(($(wc -l <"$tmp/r/kpis.csv") - 1))
check 'grep -q "<row r=\"$((nk + 1))\"" "$X/xl/worksheets/sheet2.xml"' "KPIs: one row per KPI ($nk)"
check '[ -s "$X/xl/charts/chart1.xml" ] && [ -s "$X/xl/charts/chart2.xml" ]' "native charts: daily and SLA"
check 'grep -q "Daily" "$X/xl/charts/chart1.xml" && grep -q "SLA" "$X/xl/charts/chart2.xml"' "the charts read the Daily and SLA sheets"

# A Chinese name stays Chinese; --no-xlsx writes none; --bom puts a
# byte-order mark before each table and changes nothing else.
sed 's/^name .*/name = 双11 大促 售后/' "$S" >"$tmp/zh.ini"
sed -i "s|= \.\./\.\./\.\./|= $(pwd)/|" "$tmp/zh.ini"
$P run "$tmp/zh.ini" -o "$tmp/zh" --no-charts --quiet --bom 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ]' "run --bom of a Chinese-named scenario exits 0 ($(cat "$tmp/err"))"
mkdir -p "$tmp/xz"; unpack "$tmp/zh/report.xlsx" "$tmp/xz"
check 'grep -q "双11 大促 售后" "$tmp/xz/xl/sharedStrings.xml"' "the Chinese name is in the workbook"
check '[ "$(head -c 3 "$tmp/zh/kpis.csv" | od -An -tx1 | tr -d " \n")" = "efbbbf" ]' "--bom: kpis.csv starts with EF BB BF"
check 'tail -c +4 "$tmp/zh/kpis.csv" | cmp -s - "$tmp/r/kpis.csv"' "--bom: the rest of kpis.csv is unchanged"
check '[ "$(head -c 1 "$tmp/r/kpis.csv")" = "\"" ]' "without --bom no byte-order mark"
$P run "$S" -o "$tmp/n" --no-charts --quiet --no-xlsx 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ] && [ -s "$tmp/n/kpis.csv" ] && [ ! -e "$tmp/n/report.xlsx" ]' "--no-xlsx: tables, no workbook"

# compare: a Summary with one verdict per scenario, the KPIs side by side,
# the SLA curves, and each scenario's roster.
sed 's/^roster = 2$/roster = 3/' "$S" >"$tmp/golden-b.ini"
sed -i "s|= \.\./\.\./\.\./|= $(pwd)/|" "$tmp/golden-b.ini"
$P compare "$S" "$tmp/golden-b.ini" -o "$tmp/c" --reps 2 --no-charts --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ] && test_zip "$tmp/c/report.xlsx"' "compare writes a whole report.xlsx ($(cat "$tmp/err"))"
C="$tmp/cx"; mkdir -p "$C"; unpack "$tmp/c/report.xlsx" "$C"
sheets=$(grep -o '<sheet name="[^"]*"' "$C/xl/workbook.xml" | sed 's/<sheet name="//; s/"//' | tr '\n' '|')
check '[ "$sheets" = "Summary|Compare|SLA|Roster golden|Roster golden-b|" ]' "compare's sheets: got '$sheets'"
v1=$(shared "$C" "$(cell "$C/xl/worksheets/sheet1.xml" C4)"); v2=$(shared "$C" "$(cell "$C/xl/worksheets/sheet1.xml" C5)")
case "$v1" in *" targets met"|*" targets MISSED: "*) ok;; *) bad "compare verdict of golden: '$v1'";; esac
case "$v2" in *" targets met"|*" targets MISSED: "*) ok;; *) bad "compare verdict of golden-b: '$v2'";; esac
check '[ "$(cell "$C/xl/worksheets/sheet4.xml" B2)" = 2 ] && [ "$(cell "$C/xl/worksheets/sheet5.xml" B2)" = 3 ]' "each scenario's roster: 2 and 3 agents on the first day"
check 'grep -q "golden-b_all_pct" "$C/xl/charts/chart1.xml" || grep -q "SLA" "$C/xl/charts/chart1.xml"' "compare: the SLA chart"
$P compare "$S" "$tmp/golden-b.ini" -o "$tmp/cn" --reps 2 --no-charts --quiet --no-xlsx 2>/dev/null
check '[ -s "$tmp/cn/compare.csv" ] && [ ! -e "$tmp/cn/report.xlsx" ]' "compare --no-xlsx: no workbook"

# sweep: the verdict over the points, one row per point, a chart per target
$P sweep "$S" --vary agents=1:3:1 --reps 2 -o "$tmp/s" --no-charts --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ] && test_zip "$tmp/s/report.xlsx"' "sweep writes a whole report.xlsx ($(cat "$tmp/err"))"
mkdir -p "$tmp/sx"; unpack "$tmp/s/report.xlsx" "$tmp/sx"
sheets=$(grep -o '<sheet name="[^"]*"' "$tmp/sx/xl/workbook.xml" | sed 's/<sheet name="//; s/"//' | tr '\n' '|')
check '[ "$sheets" = "Summary|Points|" ]' "sweep's sheets: got '$sheets'"
v=$(shared "$tmp/sx" "$(cell "$tmp/sx/xl/worksheets/sheet1.xml" B3)")
case "$v" in "No point meets all "*|*" points meet all "*) ok;; *) bad "sweep verdict: '$v'";; esac
check '[ "$(shared "$tmp/sx" "$(cell "$tmp/sx/xl/worksheets/sheet1.xml" B8)")" = 3 ]' "sweep: the third point has 3 agents"
check '[ -s "$tmp/sx/xl/charts/chart1.xml" ]' "sweep: a chart per target"

# A target met by the mean but missed on a day (double11 with first response
# 90%: 91% over the run, about 53% on 11-12): the workbook's verdict and the
# review pack's box judge it as run's verdict does, per day, naming the day.
printf 'include = %s/scenarios/double11.ini\n[sla]\nfirst_response = 90%% within 30min\n' "$(pwd)" >"$tmp/d90.ini"
$P run "$tmp/d90.ini" -o "$tmp/d90" --no-charts --quiet --report --reps 4 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ]' "double11 at 90%: run exits 0 ($(cat "$tmp/err"))"
check 'grep -q "^\"first_response_within\",.*\"yes\"$" "$tmp/d90/kpis.csv"' "double11 at 90%: kpis.csv meets first response by the mean"
mkdir -p "$tmp/d90x"; unpack "$tmp/d90/report.xlsx" "$tmp/d90x"
v=$(shared "$tmp/d90x" "$(cell "$tmp/d90x/xl/worksheets/sheet1.xml" B3)")
case "$v" in "1 of "*"first response within 30min"*"on every day; worst day 2026-11-12"*) ok;;
	*) bad "double11 at 90%: the workbook's verdict judges per day: '$v'";; esac
check 'grep -q "target ≥ 90.0% on every day: missed (worst day 2026-11-12" "$tmp/d90/report.html"' \
	"double11 at 90%: the review pack's box judges per day"
check '$P run "$tmp/d90.ini" -o "$tmp/d90b" --no-charts --no-xlsx --reps 4 | grep -q "^verdict: 1 of"' \
	"double11 at 90%: run's printed verdict says the same"

# plan: the workbook of the chosen rosters
$P plan tests/data/plan/stationary.ini -o "$tmp/p" --no-charts --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ] && test_zip "$tmp/p/report.xlsx"' "plan writes a whole report.xlsx (exit $rc: $(cat "$tmp/err"))"
mkdir -p "$tmp/px"; unpack "$tmp/p/report.xlsx" "$tmp/px"
first=$(sed -n 2p "$tmp/p/roster_agent.csv" | cut -d, -f3)
check '[ "$(cell "$tmp/px/xl/worksheets/sheet4.xml" B2)" = "$first" ]' "plan: the Roster sheet holds the planned agents ($first on the first shift of day 1)"

# shift design: the workbook of the designed rosters; the Roster sheet is
# staffing.csv's patterns (paid people by start time, cost with premiums),
# the resources not designed on "Roster kept"; with --confidence the
# Forecast sheet; --no-xlsx none
D=tests/data/plan/design-forecast.ini
$P plan "$D" -o "$tmp/d" --no-charts >"$tmp/d.out" 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ] && test_zip "$tmp/d/report.xlsx"' "shift design writes a whole report.xlsx (exit $rc: $(cat "$tmp/err"))"
check 'grep -q "workbook written to $tmp/d/report.xlsx" "$tmp/d.out"' "shift design says where the workbook is"
DX="$tmp/dx"; mkdir -p "$DX"; unpack "$tmp/d/report.xlsx" "$DX"
sheets=$(grep -o '<sheet name="[^"]*"' "$DX/xl/workbook.xml" | sed 's/<sheet name="//; s/"//' | tr '\n' ' ')
check '[ "$sheets" = "Summary KPIs Daily Roster Roster kept SLA " ]' "shift design: the sheets, in order: got '$sheets'"
# the earliest pattern's column (B) on the first day: staffing.csv's paid people
first=$(awk -F, 'NR > 1 && $1 == "\"agent\"" { print $2, $4, $8 }' "$tmp/d/staffing.csv" | sort | head -n 1)
fday=$(echo "$first" | cut -d' ' -f1); fpeople=$(awk -F, -v d="$fday" 'NR > 1 && $2 == d { print $4, $8 }' "$tmp/d/staffing.csv" | sort | head -n 1 | cut -d' ' -f2)
head_b=$(shared "$DX" "$(cell "$DX/xl/worksheets/sheet4.xml" B1)")
check 'case "$head_b" in "agent "*"(paid people)") true;; *) false;; esac' "shift design: Roster's first column is a pattern's paid people ('$head_b')"
check '[ "$(cell "$DX/xl/worksheets/sheet4.xml" B2)" = "$fpeople" ]' "shift design: its people on the first day are staffing.csv's ($fpeople, got $(cell "$DX/xl/worksheets/sheet4.xml" B2))"
# the staff cost: the design's cost (the summary's) in the Summary sheet
cost=$(grep -o "cost: [0-9,]* CNY" "$tmp/d.out" | head -n 1 | tr -dc 0-9)
check '[ -n "$cost" ] && grep -o "<v>[0-9.]*</v>" "$DX/xl/worksheets/sheet1.xml" | tr -dc "0-9.\n" | awk -v c="$cost" "\$1 - c < 1 && c - \$1 < 1 { f = 1 } END { exit !f }"' "shift design: the Summary's staff cost is the design's ($cost CNY)"
$P plan "$D" -o "$tmp/dc" --no-charts --confidence 90% --quiet 2>"$tmp/err"; rc=$?
DC="$tmp/dcx"; mkdir -p "$DC"; unpack "$tmp/dc/report.xlsx" "$DC"
check '[ $rc -eq 0 ] && grep -q "<sheet name=\"Forecast\"" "$DC/xl/workbook.xml"' "shift design --confidence: a Forecast sheet (exit $rc: $(cat "$tmp/err"))"
$P plan "$D" -o "$tmp/dn" --no-charts --no-xlsx --quiet 2>"$tmp/err"
check '[ -s "$tmp/dn/staffing.csv" ] && [ ! -e "$tmp/dn/report.xlsx" ]' "shift design --no-xlsx: no workbook"

# forecasts: the KPIs sheet gains kpis.csv's spread as numbers (P10 in I,
# the share of draws meeting the target in O as a fraction in a % format),
# the Summary the summary's words; without a distribution none of it
$P run scenarios/double11-forecast.ini --reps 12 -o "$tmp/fc" --no-charts >"$tmp/fc.out" 2>"$tmp/err"; rc=$?
check '[ $rc -le 1 ] && test_zip "$tmp/fc/report.xlsx"' "forecast run writes a whole report.xlsx (exit $rc: $(cat "$tmp/err"))"
F="$tmp/fcx"; mkdir -p "$F"; unpack "$tmp/fc/report.xlsx" "$F"
check '[ "$(shared "$F" "$(cell "$F/xl/worksheets/sheet2.xml" I1)")" = "P10 over the forecast" ] && [ "$(shared "$F" "$(cell "$F/xl/worksheets/sheet2.xml" O1)")" = "draws meeting the target" ]' "forecast: the KPIs sheet's spread columns"
fr=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) { gsub(/"/, "", $i); col[$i] = i } } $1 == "\"first_response_within\"" { print NR, $col["forecast_p10"], $col["draws_meeting_target_pct"] }' "$tmp/fc/kpis.csv")
fr_row=$(echo "$fr" | cut -d' ' -f1); fr_p10=$(echo "$fr" | cut -d' ' -f2); fr_met=$(echo "$fr" | cut -d' ' -f3)
check '[ -n "$fr_met" ] && awk -v a="$(cell "$F/xl/worksheets/sheet2.xml" I$fr_row)" -v b="$fr_p10" "BEGIN { exit !(a - b < 1e-3 && b - a < 1e-3) }"' "forecast: first response's P10 is kpis.csv's ($fr_p10, got $(cell "$F/xl/worksheets/sheet2.xml" I$fr_row))"
check 'awk -v a="$(cell "$F/xl/worksheets/sheet2.xml" O$fr_row)" -v b="$fr_met" "BEGIN { exit !(a * 100 - b < 1e-6 && b - a * 100 < 1e-6) }"' "forecast: draws meeting first response's target is kpis.csv's $fr_met% as a fraction (got $(cell "$F/xl/worksheets/sheet2.xml" O$fr_row))"
check 'grep -q "numFmt [^>]*formatCode=\"0.0%\"" "$F/xl/styles.xml"' "forecast: shares in a percent format"
words=$(grep -c "^  .* (P10-P90); chance alone adds" "$tmp/fc.out")
check '[ "$words" -gt 0 ] && [ "$(grep -o "(P10-P90); chance alone adds" "$F/xl/sharedStrings.xml" | wc -l)" -eq "$words" ]' "forecast: the Summary has the summary's $words lines in words"
check 'grep -qF "$(grep "^  first response within 30min is" "$tmp/fc.out" | sed "s/^  //; s/>/\&gt;/g")" "$F/xl/sharedStrings.xml"' "forecast: first response's words as the summary says them"
check '[ -z "$(cell "$X/xl/worksheets/sheet2.xml" I1)" ] && ! grep -q "P10 over the forecast\|Forecast spread" "$X/xl/sharedStrings.xml"' "without a distribution no spread in the workbook"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
