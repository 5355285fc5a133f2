#!/bin/sh
# replan_test: promocap replan as a user meets it.  At the scenario's start
# with no actuals (or an empty export) it writes what plan writes, byte for
# byte; mid-promotion from a simulated log (run --events, cut at --now) it
# carries in exactly the refunds open at --now in the log; actuals at 150%
# of the forecast give a scale of about 1.5 inside its CI and more staff;
# bad input exits 2 with file:line.
BUILD=${BUILD:-build}
P=$BUILD/promocap
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "not ok - $*"; }
check() { if eval "$1"; then ok; else bad "$2"; fi; }
tmp=${KEEP:-$(mktemp -d)}; [ -n "$KEEP" ] || trap 'rm -rf "$tmp"' EXIT
S=tests/data/replan/small.ini
NOW="2026-11-13 10:00"

$P replan --help | grep -q "usage: promocap replan"; check '[ $? -eq 0 ]' "replan --help"
$P --help | grep -q "^  replan "; check '[ $? -eq 0 ]' "replan in the command list"

# 1. at the start, without actuals or with an empty export: plan's outputs
$P plan $S -o "$tmp/plan" --threads 2 --no-xlsx --report >"$tmp/plan.txt" 2>&1; rc=$?
check '[ $rc -eq 0 ]' "plan exits 0 ($(tail -n 2 "$tmp/plan.txt"))"
$P replan $S --now "2026-11-11 00:00" -o "$tmp/r0" --threads 2 --no-xlsx --report >"$tmp/r0.txt" 2>&1; rc=$?
check '[ $rc -eq 0 ]' "replan at the start exits 0 ($(tail -n 2 "$tmp/r0.txt"))"
n=0; same=0
for f in "$tmp"/plan/*; do
	b=$(basename "$f"); n=$((n + 1))
	cmp -s "$f" "$tmp/r0/$b" && same=$((same + 1)) || echo "# differs: $b"
done
check '[ $n -gt 20 ] && [ $same -eq $n ]' "every one of plan's $n outputs is the same byte for byte ($same same)"
for f in replan.txt carry_in.csv reforecast.csv; do
	check '[ -s "$tmp/r0/$f" ]' "replan writes $f"
done
check 'grep -q "^\"all\",0," "$tmp/r0/carry_in.csv"' "nothing carried in at the start"
check 'head -n 1 "$tmp/r0.txt" | grep -q "^re-plan at 2026-11-11 00:00: the plan meets every target"' "the summary opens with the verdict: $(head -n 1 "$tmp/r0.txt")"

# 2. a log of the promotion, cut at --now
$P run $S --reps 1 --threads 1 -o "$tmp/run" --no-charts --no-xlsx --quiet --events "$tmp/log" 2>"$tmp/err"
check '[ $? -eq 0 ]' "run --events exits 0 ($(cat "$tmp/err"))"
head -n 1 "$tmp/log_refunds.csv" >"$tmp/empty.csv"
$P replan $S --now "2026-11-11 00:00" --actuals "$tmp/empty.csv" -o "$tmp/re" --threads 2 --no-xlsx >/dev/null 2>&1
check '[ $? -eq 0 ] && cmp -s "$tmp/plan/staffing.csv" "$tmp/re/staffing.csv" && cmp -s "$tmp/plan/kpis.csv" "$tmp/re/kpis.csv"' \
	"an empty export at the start plans as plan does"
cut_log() { # LOG NOW OUT: the rows requested by NOW
	awk -F'","' -v now="$2:00" 'NR == 1 || $3 <= now' "$1" >"$3"
}
cut_log "$tmp/log_refunds.csv" "$NOW" "$tmp/cut.csv"
open=$(awk -F'","' -v now="$NOW:00" 'NR > 1 && $3 <= now && ($10 == "" || $10 > now)' "$tmp/log_refunds.csv" | wc -l)
asked=$(($(wc -l <"$tmp/cut.csv") - 1))
$P replan $S --now "$NOW" --actuals "$tmp/cut.csv" -o "$tmp/mid" --threads 2 --no-xlsx --no-charts >"$tmp/mid.txt" 2>&1
rc=$?
check '[ $rc -eq 0 ]' "mid-promotion replan exits 0 ($(tail -n 3 "$tmp/mid.txt"))"
carried=$(awk -F, '$1 == "\"all\"" { print $2 }' "$tmp/mid/carry_in.csv")
check '[ "$open" -gt 100 ] && [ "$carried" = "$open" ]' "carry-in = refunds open at --now in the log ($carried vs $open)"
check 'grep -q "^carry-in at $NOW: $open open refunds" "$tmp/mid.txt"' "the summary says how many are open"
actual=$(awk -F, 'NR == 2 { print $2 }' "$tmp/mid/reforecast.csv")
check '[ "$actual" = "$asked" ]' "actual to date = the rows requested by --now ($actual vs $asked)"
# the log is of the scenario itself: actual / forecast about 1, within its CI
check 'awk -F, "NR == 2 { exit !(\$7 <= 1 && 1 <= \$8) }" "$tmp/mid/reforecast.csv"' \
	"a log of the scenario itself: 1 inside the scale's CI ($(sed -n 2p "$tmp/mid/reforecast.csv"))"
check '! grep -q "2026-11-1[12]" "$tmp/mid/staffing.csv"' "the days before --now are not planned"
check 'grep -q "\"2026-11-13\",\"late\"" "$tmp/mid/staffing.csv"' "the rest of --now's day is"
# the shift in progress at --now (early, 00:00-12:00) is worked and costed from 10:00 on: 2 h a head
row=$(grep "^\"agent\",\"2026-11-13\",\"early\"" "$tmp/mid/staffing.csv")
check 'echo "$row" | awk -F, "{ exit !(\$6 > 0 && \$7 == 2 * \$6) }"' "the shift in progress counts its hours from --now: 2 h a head ($row)"
check 'grep -q "^  shifts in progress at --now, costed from it on: agent early [0-9]* x 2.0 of 12.0 h" "$tmp/mid.txt"' \
	"the summary says so ($(grep "shifts in progress" "$tmp/mid.txt"))"

# the orders export beside: the same refunds carried in
$P replan $S --now "$NOW" --actuals "$tmp/cut.csv" --orders "$tmp/log_orders.csv" -o "$tmp/ord" --threads 2 --no-xlsx \
	--no-charts --quiet >/dev/null 2>&1
check '[ $? -eq 0 ] && cmp -s "$tmp/ord/carry_in.csv" "$tmp/mid/carry_in.csv"' "--orders beside: the same carry-in"

# a few rows against thousands forecast: planned as they say, with a warning
head -n 3 "$tmp/cut.csv" >"$tmp/few.csv"
$P replan $S --now "$NOW" --actuals "$tmp/few.csv" -o "$tmp/few" --threads 2 --no-xlsx --no-charts --quiet >/dev/null 2>"$tmp/err"
check 'grep -q "^promocap: warning: $tmp/few.csv: 2 requests to $NOW against [0-9]* forecast (x0.00)" "$tmp/err"' \
	"a scale far from 1 is warned of ($(cat "$tmp/err"))"

# 3. actuals at 150% of the forecast: scale about 1.5, within its CI, and more staff
sed 's/^gmv          = 3000000/gmv          = 4500000/' $S >"$tmp/big.ini"
$P run "$tmp/big.ini" --reps 1 --threads 1 -o "$tmp/runb" --no-charts --no-xlsx --quiet --events "$tmp/big" 2>"$tmp/err"
check '[ $? -eq 0 ]' "run --events of 150% demand exits 0 ($(cat "$tmp/err"))"
cut_log "$tmp/big_refunds.csv" "$NOW" "$tmp/cutb.csv"
$P replan $S --now "$NOW" --actuals "$tmp/cutb.csv" -o "$tmp/high" --threads 2 --no-xlsx --no-charts >"$tmp/high.txt" 2>&1
check '[ $? -le 1 ]' "replan from 150% actuals runs ($(tail -n 2 "$tmp/high.txt"))"
check 'awk -F, "NR == 2 { exit !(\$7 <= 1.5 && 1.5 <= \$8 && \$6 > 1.4 && \$6 < 1.6) }" "$tmp/high/reforecast.csv"' \
	"scale about 1.5, 1.5 inside its 95% CI ($(sed -n 2p "$tmp/high/reforecast.csv"))"
hours() { awk -F, '$1 == "\"agent\"" { h += $7 } END { print h }' "$1"; }
check '[ "$(hours "$tmp/high/staffing.csv")" -gt "$(hours "$tmp/mid/staffing.csv")" ]' \
	"more agent hours planned at 150% ($(hours "$tmp/high/staffing.csv") vs $(hours "$tmp/mid/staffing.csv"))"
check 'grep -q "remaining demand is planned at x1\.[45]" "$tmp/high.txt"' "the summary gives the scale"
$P replan $S --now "$NOW" --actuals "$tmp/cutb.csv" -o "$tmp/pack" --threads 2 --no-xlsx --report --quiet >/dev/null 2>&1
check 'grep -q "<p class=\"note\">Re-plan from $NOW: [0-9]* open refunds carried in .*the remaining demand at 1\.[45][0-9]* x the forecast" "$tmp/pack/report.html"' \
	"the review pack opens with the re-plan's sentence"

# the scale's CI as the rate's forecast spread: --confidence plans for it
$P replan $S --now "$NOW" --actuals "$tmp/cutb.csv" --confidence 90% -o "$tmp/conf" --threads 2 --no-xlsx --no-charts \
	>"$tmp/conf.txt" 2>&1
check '[ $? -le 1 ] && [ -s "$tmp/conf/confidence.csv" ] && grep -q "^forecast confidence" "$tmp/conf.txt"' \
	"--confidence plans for the scale's spread ($(grep "^forecast confidence" "$tmp/conf.txt"))"
check 'grep -q "planned for the 90th percentile of demand: .*rate 2[2-9]" "$tmp/conf.txt"' "at a scaled rate above the mean's"
check 'grep -q "the scale.s CI is the refund rate.s forecast spread" "$tmp/high.txt"' "the summary says so"

# 4. bad input: exit 2, file:line, nothing planned
$P replan $S --now "2026-11-25 10:00" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "'"'"'--now'"'"' must lie within the scenario" "$tmp/err"' "--now past the horizon exits 2 ($(cat "$tmp/err"))"
$P replan $S --now "2026-11-10 23:59" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ]' "--now before the start exits 2"
$P replan $S --now "13/11 10h" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "must be a time YYYY-MM-DD HH:MM, got '"'"'13/11 10h'"'"'" "$tmp/err"' "an unreadable --now exits 2 ($(cat "$tmp/err"))"
$P replan $S >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "needs --now" "$tmp/err"' "no --now exits 2"
line=$(awk -F'","' -v now="$NOW:00" 'NR > 1 && $3 > now { print NR; exit }' "$tmp/log_refunds.csv")
$P replan $S --now "$NOW" --actuals "$tmp/log_refunds.csv" -o "$tmp/bad" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "^promocap: $tmp/log_refunds.csv:$line: refund requested at '"'"'2026-11-13 10:[0-9:]*'"'"', after --now '"'"'$NOW'"'"'$" "$tmp/err"' \
	"a refund requested after --now exits 2 with its file:line ($(cat "$tmp/err"))"
check '[ ! -e "$tmp/bad/staffing.csv" ]' "nothing written for bad actuals"
printf '"退款编号","订单编号","申请退款时间","退款类型"\n"1","2","2026-11-12 10:00:00","换货"\n' >"$tmp/junk.csv"
$P replan $S --now "$NOW" --actuals "$tmp/junk.csv" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "^promocap: $tmp/junk.csv:[0-9]*: " "$tmp/err"' "an unusable export exits 2 with file:line ($(cat "$tmp/err"))"
$P replan $S --now "$NOW" --orders "$tmp/log_orders.csv" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ]' "--orders without --actuals exits 2"
$P plan $S --now "$NOW" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ]' "plan refuses --now"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
