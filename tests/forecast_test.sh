#!/bin/sh
# forecast_test: forecast distributions through the command (docs/forecast.md):
# check shows them and its dump loads back the same; a run's tables are the
# same on 1 and 2 threads and gain forecast.csv and kpis.csv's spread
# columns; the summary says the spread in words; without a distribution
# every output is byte for byte what it was before forecasts existed
# (tests/data/sim/golden.outputs.sha256, written by the commit before them:
# a change of run's outputs elsewhere updates it, after reading the diff);
# plan --confidence: usage errors, and a plan that meets every target in 90%
# of the draws.
BUILD=${BUILD:-build}
P=$BUILD/promocap
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "not ok - $*"; }
check() { if eval "$1"; then ok; else bad "$2"; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
S=scenarios/double11-forecast.ini

# check shows the distributions and its dump loads back unchanged
$P check $S >"$tmp/fc.ini" 2>"$tmp/err"; check '[ $? -eq 0 ]' "check $S exits 0 ($(cat "$tmp/err"))"
check 'grep -q "^gmv = lognormal(mean=20000000, cv=15%)$" "$tmp/fc.ini"' "check shows gmv's distribution"
check 'grep -q "^rate = uniform(4%, 6%)$" "$tmp/fc.ini"' "check shows rate's distribution"
check 'grep -q "forecast that varies: gmv lognormal" "$tmp/fc.ini"' "check's summary names the forecast"
cp -r scenarios/curves scenarios/rosters "$tmp/"
$P check "$tmp/fc.ini" >"$tmp/fc2.ini" 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ] && cmp -s "$tmp/fc.ini" "$tmp/fc2.ini"' "the dump loads back the same ($(cat "$tmp/err"))"
$P check --keys | grep -q '^| `gmv` .*forecast distribution'; check '[ $? -eq 0 ]' "the key reference documents forecasts"

# a run: the same tables on 1 and 2 threads; forecast.csv; the spread columns
$P run $S --reps 12 -o "$tmp/t1" --threads 1 --no-charts --no-xlsx >"$tmp/s1" 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ] || [ $rc -eq 1 ]' "forecast run exits 0 or 1 ($(cat "$tmp/err"))"
$P run $S --reps 12 -o "$tmp/t2" --threads 2 --no-charts --no-xlsx >"$tmp/s2" 2>/dev/null
for t in kpis daily intervals sla segments first_response peaks forecast; do
	check '[ -s "$tmp/t1/$t.csv" ] && cmp -s "$tmp/t1/$t.csv" "$tmp/t2/$t.csv"' "$t.csv identical on 1 and 2 threads"
done
check '[ "$(sed "s#$tmp/t1#D#" "$tmp/s1")" = "$(sed "s#$tmp/t2#D#" "$tmp/s2")" ]' "the summary identical on 1 and 2 threads"
check '[ "$(sed -n 1p "$tmp/t1/forecast.csv")" = "\"replication\",\"draw\",\"gmv_cny\",\"aov_cny\",\"rate_pct\",\"after_sales_ratio_pct\",\"no_return_pct\",\"claims_pct\",\"claim_no_return_pct\",\"refunds_expected\",\"refund_requests\"" ]' "forecast.csv's header"
check '[ "$(awk -F, "NR > 1" "$tmp/t1/forecast.csv" | wc -l)" -eq 12 ]' "forecast.csv has a row per replication"
# replications 1 and 2 share draw 1, 3 and 4 draw 2, which differs
check '[ "$(awk -F, "NR == 2 || NR == 3 { print \$2, \$3, \$5 }" "$tmp/t1/forecast.csv" | uniq | wc -l)" -eq 1 ]' "two replications share a draw"
check '[ "$(awk -F, "NR == 2 || NR == 4 { print \$3 }" "$tmp/t1/forecast.csv" | uniq | wc -l)" -eq 2 ]' "the next draw differs"
check 'awk -F, "NR > 1 && (\$5 < 4 || \$5 > 6) { bad = 1 } END { exit bad }" "$tmp/t1/forecast.csv"' "rate draws stay in uniform(4%, 6%)"
check 'head -1 "$tmp/t1/kpis.csv" | grep -q ",\"forecast_p10\",\"forecast_p50\",\"forecast_p90\",\"chance_pm\",\"chance_sd\",\"forecast_sd\",\"forecast_share_pct\",\"forecast_draws\",\"draws_meeting_target_pct\"$"' "kpis.csv's spread columns"
check 'grep -q "^  first response within 30min is [0-9.]*-[0-9.]*% (P10-P90); chance alone adds +-[0-9.]* points; target >= 95% met in [0-9]*% of the draws$" "$tmp/s1"' "the summary says the spread in words"
check 'grep -q "^forecast (docs/forecast.md): 6 draws of the forecast, 2 replications each$" "$tmp/s1"' "the summary counts the draws"

# without a distribution: byte for byte as before forecasts
$P run tests/data/sim/golden.ini -o "$tmp/g" --no-charts --no-xlsx >"$tmp/g.txt" 2>/dev/null
sed "s#$tmp/g#DIR#" "$tmp/g.txt" >"$tmp/g/summary.txt"
(cd "$tmp/g" && sha256sum -c --quiet "$OLDPWD/tests/data/sim/golden.outputs.sha256") >"$tmp/sha" 2>&1
check '[ $? -eq 0 ]' "without a distribution every output is as before ($(cat "$tmp/sha"))"
check '[ ! -e "$tmp/g/forecast.csv" ]' "no forecast.csv without a distribution"

# plan --confidence: usage errors
$P plan scenarios/double11.ini --confidence 90% >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "'"'"'--confidence'"'"' needs a demand key given as a forecast distribution" "$tmp/err"' "--confidence without a distribution exits 2 (got $rc: $(cat "$tmp/err"))"
for v in 150% 0% 90 abc; do
	$P plan $S --confidence $v >/dev/null 2>"$tmp/err"; rc=$?
	check '[ $rc -eq 2 ] && grep -q "must be a share above 0% and below 100%, such as 90%, got '"'$v'"'" "$tmp/err"' "--confidence $v exits 2 (got $rc: $(cat "$tmp/err"))"
done
$P run $S --confidence 90% >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "belongs to promocap plan" "$tmp/err"' "--confidence belongs to plan"

# plan --confidence 90% (few replications and a small search budget, to
# be quick): the summary opens with the verdict; confidence.csv's share of
# draws meeting every target is the summary's and not below 90% beyond its
# 95% interval; the plan at the 10th and 90th percentile of demand
$P plan $S --confidence 90% --reps 6 --budget 600 -o "$tmp/pc" --no-charts >"$tmp/pc.txt" 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ]' "plan --confidence 90% exits 0 (got $rc: $(cat "$tmp/err"))"
check 'head -1 "$tmp/pc.txt" | grep -q "^forecast confidence (docs/forecast.md): the plan meets every target in [0-9]*% of 100 forecast draws \[95% CI [0-9]*-[0-9]*%\]: met (asked 90%)$"' "the summary opens with the verdict ($(head -1 "$tmp/pc.txt"))"
check 'grep -q "^  at the 10th percentile of demand (" "$tmp/pc.txt" && grep -q "^  at the 90th percentile of demand (" "$tmp/pc.txt"' "the summary gives the plan at P10 and P90 of demand"
n=$(awk 'NR > 1' "$tmp/pc/confidence.csv" | wc -l); y=$(grep -c '"yes"$' "$tmp/pc/confidence.csv")
check '[ "$n" -eq 100 ]' "confidence.csv has the 100 draws checked (got $n)"
check 'head -1 "$tmp/pc.txt" | grep -q "every target in $y% of 100"' "confidence.csv's share ($y of $n) is the summary's"
check 'awk -v y="$y" -v n="$n" "BEGIN { p = y / n; exit !(p + 1.96 * sqrt(p * (1 - p) / n) >= 0.9) }"' "the share met ($y of $n) is not below 90% beyond its 95% CI"
check '[ -s "$tmp/pc/roster_agent.csv" ] && [ -s "$tmp/pc/staffing.csv" ]' "the plan's tables are written"
# its workbook: the run's sheets and Forecast, with the verdict's words and
# the share of draws meeting each target as a number
xlsx_member() { if command -v unzip >/dev/null 2>&1; then unzip -p "$1" "$2"; else python3 -c "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())" "$1" "$2"; fi; }
sheets=$(xlsx_member "$tmp/pc/report.xlsx" xl/workbook.xml | grep -o '<sheet name="[^"]*"' | sed 's/<sheet name="//; s/"//' | tr '\n' '|')
check '[ "$sheets" = "Summary|KPIs|Daily|Roster|SLA|Forecast|" ]' "plan --confidence's workbook has a Forecast sheet (got '$sheets')"
check 'xlsx_member "$tmp/pc/report.xlsx" xl/sharedStrings.xml | grep -qF "Forecast: $(head -1 "$tmp/pc.txt" | sed "s/^forecast confidence (docs\/forecast.md): //")"' "the Forecast sheet opens with the summary's verdict"
check 'xlsx_member "$tmp/pc/report.xlsx" xl/worksheets/sheet6.xml | grep -q "<c r=\"G9\" s=\"[0-9]*\"><v>0\.[0-9]*</v>\\|<c r=\"G9\" s=\"[0-9]*\"><v>1</v>"' "the share of draws meeting the first target is a number"

# judged per interval ([plan] judged = interval), first response is judged
# on each draw's worst day, as a design judged per interval is, not over
# the run
printf 'include = %s/scenarios/double11-forecast.ini\n[plan]\njudged = interval\n' "$PWD" >"$tmp/iv.ini"
$P plan "$tmp/iv.ini" --confidence 90% --reps 4 --budget 200 --no-charts --no-xlsx >"$tmp/iv.txt" 2>"$tmp/err"; rc=$?
check '[ $rc -le 1 ] && [ "$(grep -c "^    first response within 30min (worst day)  " "$tmp/iv.txt")" -eq 2 ]' "judged per interval: first response on the draws' worst day at P10 and P90 (exit $rc: $(cat "$tmp/err"))"

# plan --confidence with shift design ([plan] agent_patterns): the design is
# made at the 90th percentile of demand and its rosters checked over the
# draws as plan's are; confidence.csv, the design's tables and its pack
D=tests/data/plan/design-forecast.ini
$P plan $D --confidence 90% -o "$tmp/dc" --no-charts --no-xlsx --report >"$tmp/dc.txt" 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ]' "plan --confidence 90% with shift design exits 0 (got $rc: $(cat "$tmp/err"))"
check 'head -1 "$tmp/dc.txt" | grep -q "^forecast confidence (docs/forecast.md): the plan meets every target in [0-9]*% of 100 forecast draws \[95% CI [0-9]*-[0-9]*%\]: met (asked 90%)$"' "design: the summary opens with the share of draws ($(head -1 "$tmp/dc.txt"))"
check 'grep -q "^  at the 10th percentile of demand (.*), the same plan" "$tmp/dc.txt" && grep -q "^    first response within 5min (worst day)  " "$tmp/dc.txt"' "design: the plan at P10 and P90 of demand, target by target"
check 'grep -q "^verdict: every target is met on every day it is judged" "$tmp/dc.txt" && grep -q "^roster of agents" "$tmp/dc.txt"' "design: then the design's own summary"
n=$(awk 'NR > 1' "$tmp/dc/confidence.csv" | wc -l); y=$(grep -c '"yes"$' "$tmp/dc/confidence.csv")
check '[ "$n" -eq 100 ] && head -1 "$tmp/dc.txt" | grep -q "every target in $y% of 100"' "design: confidence.csv's 100 draws, $y met as the summary says"
check '[ "$(head -1 "$tmp/dc/confidence.csv" | tr , "\n" | grep -c first_response_within_pct)" -eq 1 ]' "design: confidence.csv has first response per draw"
check '[ "$(awk -F, "NR > 1 { print \$10 }" "$tmp/dc/confidence.csv" | sort -u | wc -l)" -gt 10 ]' "design: first response varies with the draws' demand"
check '[ -s "$tmp/dc/roster.ini" ] && [ -s "$tmp/dc/roster_agent.csv" ] && [ -s "$tmp/dc/staffing.csv" ]' "design: the design's tables are written"
check 'grep -q "<li>Forecast: the plan meets every target in $y% of 100 forecast draws" "$tmp/dc/report.html" && grep -q "<th class=\"n\">at P90 demand</th>" "$tmp/dc/report.html"' "design: the pack's verdict and the plan at P10 and P90"
$P plan $D --confidence 90% --threads 1 -o "$tmp/dc1" --no-charts --no-xlsx >/dev/null 2>&1
check 'cmp -s "$tmp/dc/confidence.csv" "$tmp/dc1/confidence.csv" && cmp -s "$tmp/dc/staffing.csv" "$tmp/dc1/staffing.csv"' "design: the same design and draws on 1 thread"
$P plan $D --confidence 99.5% -o "$tmp/dc2" --no-charts --no-xlsx >"$tmp/dc2.txt" 2>/dev/null
check 'grep -q "^  planned for the 99\.[5-9]th percentile of demand" "$tmp/dc2.txt" && head -1 "$tmp/dc2.txt" | grep -q "(asked 99.5%)$"' "design: --confidence 99.5% plans for the 99.5th percentile (or above, when the draws ask more)"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
