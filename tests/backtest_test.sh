#!/bin/sh
# backtest_test: promocap backtest.  Known answer: the hand-made log of
# tests/data/backtest/ gives the actual KPIs and daily curves worked out by
# hand.  Round trip: double11's event log (seed 2026) backtested with
# another seed, so that last year is not one of the predicted replications:
# against double11 itself every metric lies within the 95% range of one
# promotion (at most one of eleven outside, as chance allows), and against
# the scenario fit learnt from the log the metrics the fit captures do.
# Bad inputs: exit 2 with file:line, nothing written.
BUILD=${BUILD:-build}
P=$BUILD/promocap
D=tests/data/backtest
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "not ok - $*"; }
check() { if eval "$1"; then ok; else bad "$2"; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# csv FILE KEY COLUMN: the value of column COLUMN (by header name) in the
# row of metric KEY (counted from the row's end: the label may hold commas)
csv() {
	awk -F, -v k="\"$2\"" -v c="\"$3\"" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) back = NF - i; next }
		$1 == k { print $(NF - back) }' "$1"
}
near() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; exit !(a != "" && d < 1e-3 && d > -1e-3) }'; }

# ---- known answer ----
K="--orders $D/orders.csv --refunds $D/refunds.csv --work $D/work.csv"
# shellcheck disable=SC2086
$P backtest $D/tiny.ini $K -o "$tmp/k" --no-charts --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ]' "backtest of the hand-made log exits 0 ($(cat "$tmp/err"))"
for f in backtest.csv backtest_daily.csv backtest.txt roster_derived.csv; do
	check '[ -s "$tmp/k/$f" ]' "backtest wrote $f"
done
while read -r key want why; do
	got=$(csv "$tmp/k/backtest.csv" "$key" actual)
	check 'near "$got" "$want"' "known answer: $key = $want ($why; got '$got')"
done <<'KNOWN'
refund_requests 6 R1-R6
product_experience_refund_rate 40 O1 and O4 first asked for quality, of 5 orders in the window (O6 outside; R4 is O3's second request)
refund_only_completion 8.833333 R1 2h, R3 0.5h (cancelled: counted), R4 24h
return_refund_completion 72 R2
dispute_refund_rate 20 R4 escalated and judged against the seller, 1 of 5 orders
first_response_within 50 R1 10min and R5 5min of R1, R2 40min, R4 12h (automatic approval)
first_response_mean 193.75 (10 + 40 + 720 + 5) / 4
refund_only_handled_within 66.666667 R1 and R5 of R1, R4 (never acted on); R3 withdrawn
escalation_rate 16.666667 1 of 6
peak_backlog 4 R2 R4 R5 R6 on 11-02 12:00
open_at_horizon 2 R5 R6
KNOWN
while read -r day req backlog done; do
	got=$(awk -F, -v d="\"$day\"" '$1 == d { print $7 " " $13 " " $19 }' "$tmp/k/backtest_daily.csv")
	check '[ "$got" = "$req $backlog $done" ]' "known answer: $day requests, backlog, completed = $req $backlog $done (got '$got')"
done <<'DAYS'
2026-11-01 3 1 2
2026-11-02 3 4 0
2026-11-03 0 3 1
2026-11-04 0 2 1
2026-11-05 0 2 0
DAYS
# the derived roster: a1 on 11-01 10:00-12:00, a2 on 11-02 10:00 and 11-04 09:00
check '[ "$(sed -n 2,4p "$tmp/k/roster_derived.csv" | tr "\n" " ")" = "2026-11-01 00:00,0 2026-11-01 10:00,1 2026-11-01 12:00,0 " ]' \
	"roster_derived.csv: the agents with work in each hour ($(head -c 200 "$tmp/k/roster_derived.csv"))"
check 'grep -q "derived from the work log" "$tmp/k/backtest.txt"' "backtest.txt says the roster came from the work log"
check 'head -n 1 "$tmp/k/backtest.txt" | grep -q "^Backtest of .*: the model reproduces last year within 10% on [0-9]* of [0-9]* metrics"' \
	"backtest.txt opens with the verdict"
# the same exports in GBK: the same comparison
for f in orders refunds work; do iconv -f UTF-8 -t GBK "$D/$f.csv" >"$tmp/g_$f.csv"; done
$P backtest $D/tiny.ini --orders "$tmp/g_orders.csv" --refunds "$tmp/g_refunds.csv" --work "$tmp/g_work.csv" \
	--encoding gbk -o "$tmp/kg" --no-charts --quiet 2>"$tmp/err"
check 'cmp -s "$tmp/k/backtest.csv" "$tmp/kg/backtest.csv"' "GBK exports: the same backtest.csv ($(cat "$tmp/err"))"
# without the work log: the scenario's roster, no first response
$P backtest $D/tiny.ini --orders $D/orders.csv --refunds $D/refunds.csv -o "$tmp/k2" --no-charts --quiet 2>"$tmp/err"
check '[ -z "$(csv "$tmp/k2/backtest.csv" first_response_within actual)" ] && grep -q "scenario.s own agent roster" "$tmp/k2/backtest.txt" && grep -q "needs the work log" "$tmp/k2/backtest.txt"' \
	"no --work: the scenario's roster, first response n/a and why ($(cat "$tmp/err"))"
check '[ ! -e "$tmp/k2/roster_derived.csv" ]' "no --work: no roster_derived.csv"

# ---- round trip on double11 ----
$P run scenarios/double11.ini --reps 1 --quiet --events "$tmp/d11" 2>"$tmp/err"
check '[ $? -eq 0 ]' "double11 --events ($(cat "$tmp/err"))"
L="--orders $tmp/d11_orders.csv --refunds $tmp/d11_refunds.csv --work $tmp/d11_work.csv"
# shellcheck disable=SC2086
$P backtest scenarios/double11.ini $L --roster scenarios/rosters/d11-agents.csv --seed 7 -o "$tmp/o" --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ]' "backtest of double11 against its own log exits 0 ($(cat "$tmp/err"))"
n=$(grep -c '"yes"$' "$tmp/o/backtest.csv"); m=$(($(wc -l <"$tmp/o/backtest.csv") - 1))
check '[ "$n" -ge $((m - 1)) ]' "double11 against its own log: $n of $m metrics within the 95% range ($(grep '"no"$' "$tmp/o/backtest.csv"))"
for k in refund_requests product_experience_refund_rate refund_only_completion return_refund_completion \
	dispute_refund_rate first_response_within refund_only_handled_within escalation_rate peak_backlog; do
	a=$(csv "$tmp/o/backtest.csv" $k actual)
	check '[ -n "$a" ]' "double11: $k has an actual value"
done
# the daily curves: about 95% of the day-curves inside their range
n=$(awk -F, 'NR > 1 { for (c = 0; c < 3; c++) { lo = $(5 + 6 * c); hi = $(6 + 6 * c); a = $(7 + 6 * c)
	if (lo != "") { t++; if (a >= lo - 1e-9 && a <= hi + 1e-9) k++ } } } END { printf "%d %d", k, t }' "$tmp/o/backtest_daily.csv")
check '[ "${n% *}" -ge $((${n#* } * 85 / 100)) ]' "double11: day-curves inside the 95% range on ${n% *} of ${n#* } (>= 85%)"
check '[ -s "$tmp/o/backtest.png" ] && [ -s "$tmp/o/backtest.svg" ]' "the chart backtest.png and .svg drawn"
# the same with the roster derived from the work log
# shellcheck disable=SC2086
$P backtest scenarios/double11.ini $L --seed 7 -o "$tmp/o2" --no-charts --quiet 2>"$tmp/err"
n=$(grep -c '"yes"$' "$tmp/o2/backtest.csv")
check '[ "$n" -ge $((m - 1)) ]' "double11, roster from the work log: $n of $m metrics within the range ($(grep '"no"$' "$tmp/o2/backtest.csv"))"
# same seed, same bytes, whatever --threads
# shellcheck disable=SC2086
$P backtest scenarios/double11.ini $L --seed 7 --threads 1 -o "$tmp/o3" --no-charts --quiet 2>/dev/null
check 'cmp -s "$tmp/o2/backtest.csv" "$tmp/o3/backtest.csv" && cmp -s "$tmp/o2/backtest_daily.csv" "$tmp/o3/backtest_daily.csv"' \
	"--threads 1: the same backtest.csv and backtest_daily.csv"

# the scenario fit learnt from the log: every metric within the range of
# one promotion, the entry's gate on 11-11 included (11-11's requests, and
# the wave of 11-12 when it opens: fit reads the goods' state when the
# buyer decided from the other days' orders, as the simulator draws it;
# read at the requests, the wave came out 841 against the log's 997 and
# the share answered within 30 minutes 96.9% against 88.1%)
# shellcheck disable=SC2086
$P fit $L -o "$tmp/fit" --quiet 2>"$tmp/err"
# shellcheck disable=SC2086
$P backtest "$tmp/fit/scenario.ini" $L --seed 7 -o "$tmp/f" --no-charts --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ]' "backtest of the fitted scenario exits 0 ($(cat "$tmp/err"))"
# Held to double11's own standard above (one of the 11 may fall outside its
# 95% range: eleven 95% ranges all hold about 57% of the time for a right
# model, and at a fixed seed any change of the fit moves every draw): the
# log's first response, 88.1% within 30 minutes, sits in the low tail of
# double11's own prediction (91.7%) and of the fit's (93.5%), inside or
# just outside by turns.
nf=0
for k in refund_requests product_experience_refund_rate refund_only_completion dispute_refund_rate \
	refund_only_handled_within escalation_rate peak_backlog return_refund_completion first_response_mean \
	first_response_within open_at_horizon; do
	r=$(csv "$tmp/f/backtest.csv" $k within_range)
	[ "$r" = "\"yes\"" ] && nf=$((nf + 1))
done
check '[ "$nf" -ge 10 ]' "fitted scenario: $nf of the 11 metrics within the 95% range (>= 10; outside: $(grep '"no"$' "$tmp/f/backtest.csv" | cut -d, -f1 | tr '\n' ' '))"
for k in product_experience_refund_rate refund_only_completion return_refund_completion dispute_refund_rate \
	refund_requests escalation_rate; do
	r=$(csv "$tmp/f/backtest.csv" $k within_range)
	check '[ "$r" = "\"yes\"" ]' "fitted scenario: $k within the 95% range ($(grep "^\"$k\"" "$tmp/f/backtest.csv"))"
done
r=$(awk -F, '$1 == "\"2026-11-11\"" { print $2, $7 }' "$tmp/f/backtest_daily.csv")
check 'echo "$r" | awk "{ exit !(\$1 > 0.8 * \$2 && \$1 < 1.2 * \$2) }"' \
	"fitted scenario: 11-11's requests within 20% of the log's, the gate fitted (predicted, actual: $r)"
r=$(awk -F, '$1 == "\"2026-11-12\"" { print $2, $7 }' "$tmp/f/backtest_daily.csv")
check 'echo "$r" | awk "{ exit !(\$1 > 0.95 * \$2 && \$1 < 1.05 * \$2) }"' \
	"fitted scenario: 11-12's requests, the wave when the entry opens, within 5% of the log's (predicted, actual: $r)"

# ---- bad inputs: exit 2, file:line, nothing written ----
badbt() { # NAME PATTERN ARGS...
	name=$1; want=$2; shift 2
	$P backtest "$@" -o "$tmp/bad_$name" --quiet 2>"$tmp/err"; rc=$?
	got=$(cat "$tmp/err")
	check '[ $rc -eq 2 ] && echo "$got" | grep -q "$want" && [ ! -e "$tmp/bad_$name" ]' "$name: exit 2 and '$want' (got $rc: '$got')"
}
sed '1s/"退款状态"/"状态"/' $D/refunds.csv >"$tmp/nocol.csv"
badbt no_column "nocol.csv:1: no column '退款状态'" $D/tiny.ini --orders $D/orders.csv --refunds "$tmp/nocol.csv"
: >"$tmp/empty.csv"
badbt empty "empty.csv:1: empty file" $D/tiny.ini --orders $D/orders.csv --refunds "$tmp/empty.csv"
sed '6s/2026-11-02 10:00:00/2026-11-20 10:00:00/' $D/refunds.csv >"$tmp/late.csv"
badbt after_horizon "late.csv:6: refund requested after the scenario's dates (2026-11-01 to the horizon 2026-11-05)" \
	$D/tiny.ini --orders $D/orders.csv --refunds "$tmp/late.csv"
sed '2s/2026-11-01 10:00:00/2026-10-31 10:00:00/' $D/refunds.csv >"$tmp/early.csv"
badbt before_start "early.csv:2: refund requested before the scenario's dates" \
	$D/tiny.ini --orders $D/orders.csv --refunds "$tmp/early.csv"
sed 's/2026-11-0[12]/2025-11-01/' $D/orders.csv >"$tmp/lastyear.csv"
badbt no_order_in_window "lastyear.csv:2: no order paid in the scenario's sales window 2026-11-01 to 2026-11-02" \
	$D/tiny.ini --orders "$tmp/lastyear.csv" --refunds $D/refunds.csv
printf 'date,shift,headcount\n2026-11-01,nosuch,2\n' >"$tmp/roster.csv"
badbt bad_roster "roster.csv:2" $D/tiny.ini $K --roster "$tmp/roster.csv"
badbt missing_roster "nope.csv: cannot open" $D/tiny.ini $K --roster "$tmp/nope.csv"
badbt no_refunds "needs --orders ORDERS.csv and --refunds" $D/tiny.ini --orders $D/orders.csv
badbt from_to "no --from, --to" $D/tiny.ini $K --from 2026-11-01 --to 2026-11-02
$P backtest $D/tiny.ini $K --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "needs -o DIR" "$tmp/err"' "no -o: exit 2 ($(cat "$tmp/err"))"
$P run $D/tiny.ini --roster x.csv --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ]' "run takes no --roster"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
