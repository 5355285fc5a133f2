#!/bin/sh
# fit_test: promocap fit.  Round trip: double11 simulated with --events,
# fitted, and the fitted figures hold the scenario's true values within
# their 95% CIs; the fitted scenario runs.  The hand-made messy export
# under tests/data/fit/: each messy case counted as expected, the same
# figures from GBK and through a header mapping file.  Bad inputs: exit 2
# with file:line.
BUILD=${BUILD:-build}
P=$BUILD/promocap
D=tests/data/fit
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "not ok - $*"; }
check() { if eval "$1"; then ok; else bad "$2"; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# ---- round trip ----
$P run scenarios/double11.ini --reps 1 --quiet --events "$tmp/d11" 2>"$tmp/err"
check '[ $? -eq 0 ]' "double11 --events ($(cat "$tmp/err"))"
$P fit --orders "$tmp/d11_orders.csv" --refunds "$tmp/d11_refunds.csv" --work "$tmp/d11_work.csv" \
	-o "$tmp/fit" --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ]' "fit of the event log exits 0 ($(cat "$tmp/err"))"
for f in scenario.ini fit.txt fit.csv daily_share.csv hourly_share.csv rate_by_day.csv request_hours.csv \
	empirical_delay_after_delivery.csv; do
	check '[ -s "$tmp/fit/$f" ]' "fit wrote $f"
done
# the report's charts and page (fit.html): verdict first, the rows read,
# the figures, the charts; each fitted duration's chart and its table
for f in fit.html fit_days.csv fit_hours.csv fit_days.png fit_days.svg fit_hours.png fit_hours.svg; do
	check '[ -s "$tmp/fit/$f" ]' "fit wrote $f"
done
for k in dispatch delivery delay_before_dispatch delay_in_transit delay_after_delivery claim_delay buyer_ships \
	transit unshipped_handle in_transit_handle received_no_return_handle agree approval inspect; do
	check '[ -s "$tmp/fit/fit_cdf_$k.csv" ] && [ "$(head -c 4 "$tmp/fit/fit_$k.png" | tail -c 3)" = PNG ] && \
		tail -c 20 "$tmp/fit/fit_$k.svg" | grep -q "</svg>"' "chart of $k: table, PNG and SVG"
	# the legend's KS D of the chosen family is fit.csv's
	d=$(awk -F, -v k="\"${k}_ks_" 'index($1, k) == 1 && $0 ~ /chosen"$/ { printf "%.3f", $2 }' "$tmp/fit/fit.csv")
	check 'head -1 "$tmp/fit/fit_cdf_$k.csv" | grep -q "KS D = $d (chosen)"' "chart of $k: the chosen family's D $d in the legend"
	# the empirical CDF rises from near 0 to near 1
	check 'awk -F, '"'"'NR > 1 && $2 != "" { if ($1 < last || $2 <= lp) bad = 1; last = $1; lp = $2 }
		END { exit bad || lp < 0.99 }'"'"' "$tmp/fit/fit_cdf_$k.csv"' "chart of $k: the data's ECDF rises to 1"
done
check '[ ! -e "$tmp/fit/fit_payout.png" ]' "no chart for a duration not fitted (payout: all equal)"
html=$tmp/fit/fit.html
check 'grep -o "<h2>[^<]*</h2>" "$html" | head -1 | grep -q Verdict' "fit.html opens with the verdict"
check 'grep -q "Fitted from 80,000 orders and 5,5[0-9][0-9] refunds, 2026-11-01 to 2026-11-11" "$html"' \
	"fit.html's headline: orders, refunds, window"
check 'grep -q "the weakest fits: " "$html"' "fit.html names the weakest fits"
check 'grep -q "decided before dispatch</td><td class=\"n\">2[6-9]\.[0-9]%" "$html"' \
	"fit.html: the goods' state when the buyer decided ($(grep -o "decided before dispatch</td><td[^<]*" "$html"))"
check '[ "$(grep -c "data:image/svg+xml;base64," "$html")" -eq 16 ]' "fit.html embeds the 16 charts"
check '[ "$(grep -c "<tr><td>[a-z ]*\(file\|log\)\?:" "$html")" -ge 23 ]' "fit.html lists the 23 row counts"
$P fit --orders "$tmp/d11_orders.csv" --refunds "$tmp/d11_refunds.csv" --work "$tmp/d11_work.csv" \
	-o "$tmp/fitzh" --quiet --lang zh --no-charts 2>"$tmp/err"
check 'grep -q "由 80,000 笔订单和 5,5[0-9][0-9] 笔退款拟合" "$tmp/fitzh/fit.html" && grep -q "图表未生成" "$tmp/fitzh/fit.html" && \
	[ ! -e "$tmp/fitzh/fit_days.png" ]' "fit --lang zh --no-charts: the page in Chinese, no charts, saying so"
check 'grep -q "数据（n = [0-9]*）,grid_h,对数正态：KS D" "$tmp/fitzh/fit_cdf_dispatch.csv"' "the legend in Chinese"

# figure TRUE: the figure's 95% CI in fit.csv holds the scenario's value
holds() {
	awk -F, -v k="\"$1\"" -v t="$2" '$1 == k { found = 1; if ($3 <= t && t <= $4) ok = 1
		else print $1 " = " $2 " [" $3 ", " $4 "] misses " t }
		END { if (!found) print "no figure " k; exit !ok }' "$tmp/fit/fit.csv"
}
while read -r fig truth what; do
	msg=$(holds "$fig" "$truth"); check '[ $? -eq 0 ]' "round trip: $what ($msg)"
done <<'FIGS'
aov 250 AOV = mean of order_amount lognormal(mean=aov)
refund_rate 5 rate 5%
claims_per_order 2 claims: rate x after_sales_ratio 40%
daily_share_2026-11-01 8 daily_share of 11-01 (8%)
daily_share_2026-11-11 65 daily_share of 11-11 (65%)
no_return 20 no_return 20%
claim_no_return 40 claim_no_return 40%
reason_quality 15 reasons quality 15%
reason_no_reason 55 reasons no_reason 55%
dispatch_mean 24 dispatch mean 1d
delivery_mean 60 delivery mean 2.5d
claim_delay_mean 72 claim_delay mean 3d
unshipped_handle_mean 0.05 path.unshipped handle mean 3min
in_transit_handle_mean 0.0666667 path.in_transit handle mean 4min
received_no_return_handle_mean 0.1 path.received_no_return handle mean 6min
agree_mean 0.05 path.return agree mean 3min
buyer_ships_mean 36 path.return buyer_ships mean 1.5d
escalation_rate 10 escalation_rate 10%/d
approval_mean 0.05 path.received_no_return approval mean 3min (supervisors, from the work log's 岗位)
inspect_mean 0.0833333 path.return inspect mean 5min (inspectors)
after_reject_ask_again 50 after_reject ask_again 50%
after_reject_escalate 30 after_reject escalate 30%
after_reject_give_up 20 after_reject give_up 20%
goods_state_before_dispatch 30 goods_state before_dispatch 30% when the buyer decides (the requests show 16%: 11-11's ask when the entry opens, and hours move others past dispatch)
goods_state_in_transit 15 goods_state in_transit 15% when the buyer decides
goods_state_after_delivery 55 goods_state after_delivery 55% when the buyer decides
transit_mean 48 path.return transit mean 2d (to the middle of the wait for the warehouse's delivery wave)
FIGS
# the goods' states are estimated (EM), not seen: their CI, from the
# likelihood's observed information, is wider than a Wilson interval of as
# many requests seen in their states
check 'awk -F, "\$1 == \"\\\"goods_state_before_dispatch\\\"\" { p = \$2 / 100; n = \$5; w = 1.96 * sqrt(p * (1 - p) / n); f = 1; exit !((\$4 - \$3) / 200 > w) } END { if (!f) exit 1 }" "$tmp/fit/fit.csv"' \
	"goods_state's CI counts the EM's missing information: wider than Wilson's ($(grep goods_state_before "$tmp/fit/fit.csv"))"
check 'grep -q "^warehouse_waves *= 10:00, 15:00 " "$tmp/fit/scenario.ini"' \
	"warehouse_waves: double11's 10:00, 15:00 from the returns' arrivals ($(grep warehouse_waves "$tmp/fit/scenario.ini"))"
check 'grep -q "^courier_hours *= 09:00-21:00 " "$tmp/fit/scenario.ini"' \
	"courier_hours: double11's 09:00-21:00 from the recalled parcels' refunds ($(grep courier_hours "$tmp/fit/scenario.ini"))"
# the rosters from the work log: on 11-12 (every agent busy) the agents on
# duty each hour as double11's roster has them (shifts.csv of the same
# run) in at least 20 of the 24 hours (a task running past a shift's end
# shows its agent in the next hour); 1 supervisor, 2 inspectors
$P run scenarios/double11.ini --reps 1 --quiet -o "$tmp/orig" --no-charts --no-xlsx 2>/dev/null
n=$(awk -F, -v d=2026-11-12 -v p=2026-11-11 '
	FNR == 1 { file++ } file == 1 && $1 == "\"agent\"" {
		dd = $2; gsub(/"/, "", dd); s = substr($4, 2, 2) + 0; e = substr($5, 2, 2) + 0; if (e <= s) e += 24
		for (h = s; h < e; h++) { if (dd == d && h < 24) on[h] += $6; if (dd == p && h >= 24) on[h - 24] += $6 } }
	file == 2 && FNR > 1 { split($1, t, " "); h = substr(t[2], 1, 2) + 0
		if (t[1] < d) { last = $2 } else if (t[1] == d) { at[h] = $2 } }
	END { v = last; for (h = 0; h < 24; h++) { if (h in at) v = at[h]; if (v == on[h]) n++ } print n + 0 }' \
	"$tmp/orig/shifts.csv" "$tmp/fit/roster_agent.csv")
check '[ "$n" -ge 20 ]' "roster_agent.csv: 11-12's agents on duty as double11's roster in $n of 24 hours (>= 20)"
check 'grep -q "^\"people_supervisor\",1," "$tmp/fit/fit.csv" && grep -q "^\"people_inspector\",2," "$tmp/fit/fit.csv"' \
	"the work log's 1 supervisor and 2 inspectors"
check 'grep -q "^roster = roster_supervisor.csv" "$tmp/fit/scenario.ini" && [ -s "$tmp/fit/roster_inspector.csv" ] && \
	grep -q "^shifts = duty 09:00-21:00 " "$tmp/fit/scenario.ini"' \
	"the scenario's rosters are the work log's; the supervisor's shift is double11's 09:00-21:00"
# hourly order shares: most of the 24 intervals hold intraday.csv's
n=$(awk -F, 'NR == FNR { if (FNR > 1) t[sprintf("\"hourly_share_%02d\"", $1)] = 100 * $2; next }
	($1 in t) && $3 <= t[$1] && t[$1] <= $4 { n++ } END { print n + 0 }' scenarios/curves/intraday.csv "$tmp/fit/fit.csv")
check '[ "$n" -ge 20 ]' "round trip: hourly_share within the CI in $n of 24 hours (>= 20)"
# the lognormal handle times are fitted as lognormal
check 'grep -q "^handle *= lognormal" "$tmp/fit/scenario.ini"' "lognormal handle times chosen as lognormal"
# the refund entry's gate: double11 keeps 11-11's orders out until 11-12
# 00:00; the fit finds the day and the hour (it wrote none before)
check 'grep -q "^entry_gated *= 2026-11-11 " "$tmp/fit/scenario.ini" && \
	grep -q "^entry_opens *= 2026-11-12 00:00 " "$tmp/fit/scenario.ini"' "the entry's gate found: 11-11's orders, opened 11-12 00:00"
# and a promotion without a gate gets none, one with a gate on its second
# day opening at 06:00 the next morning gets exactly that
sed 's/^entry_gated .*/entry_gated = 2026-11-12\nentry_opens = 2026-11-13 06:00/' tests/data/replan/small.ini >"$tmp/gate.ini"
for g in tests/data/replan/small.ini "$tmp/gate.ini"; do
	rm -rf "$tmp/gf" "$tmp"/gev_*
	$P run "$g" --reps 1 --quiet --events "$tmp/gev" 2>/dev/null &&
		$P fit --orders "$tmp/gev_orders.csv" --refunds "$tmp/gev_refunds.csv" -o "$tmp/gf" --no-charts --quiet 2>/dev/null
	grep "^entry_" "$tmp/gf/scenario.ini" 2>/dev/null | cut -d';' -f1 | tr -s ' ' >"$tmp/gate_$(basename "$g")"
done
check 'grep -qx "entry_gated = none " "$tmp/gate_small.ini" && [ "$(wc -l <"$tmp/gate_small.ini")" -eq 1 ]' \
	"no gate fitted where every day's orders asked on the day ($(tr '\n' ' ' <"$tmp/gate_small.ini"))"
check 'grep -qx "entry_gated = 2026-11-12 " "$tmp/gate_gate.ini" && grep -qx "entry_opens = 2026-11-13 06:00 " "$tmp/gate_gate.ini"' \
	"a gate on 11-12 opened 11-13 06:00 is fitted as such ($(tr '\n' ' ' <"$tmp/gate_gate.ini"))"
# the fitted scenario loads and runs
$P run "$tmp/fit/scenario.ini" --reps 1 --quiet -o "$tmp/rerun" --no-charts --no-xlsx 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ]' "the fitted scenario runs ($(cat "$tmp/err"))"
# every roster reaches the horizon (the exports' last day): no warning
check '[ ! -s "$tmp/err" ]' "the fitted scenario runs without a warning, its rosters to the horizon ($(cat "$tmp/err"))"
check '[ "$(tail -n 1 "$tmp/fit/roster_supervisor.csv" | cut -d, -f1)" = "$(sed -n "s/^horizon *= \([0-9-]*\).*/\1/p" "$tmp/fit/scenario.ini")" ]' \
	"roster_supervisor.csv's last day is the horizon ($(tail -n 1 "$tmp/fit/roster_supervisor.csv"))"
req=$(awk -F, '$1 == "\"refund_requests\"" { print $4 }' "$tmp/rerun/kpis.csv")
check '[ "${req:-0}" -gt 4800 ] && [ "${req:-0}" -lt 6300 ]' "the fitted scenario's refund requests near the original 5,500 (got $req)"
# same input, same bytes
$P fit --orders "$tmp/d11_orders.csv" --refunds "$tmp/d11_refunds.csv" --work "$tmp/d11_work.csv" \
	-o "$tmp/fit2" --quiet --no-charts 2>/dev/null
$P fit --orders "$tmp/d11_orders.csv" --refunds "$tmp/d11_refunds.csv" --work "$tmp/d11_work.csv" \
	-o "$tmp/fit3" --quiet --no-charts 2>/dev/null
check 'cmp -s "$tmp/fit/fit.csv" "$tmp/fit2/fit.csv" && cmp -s "$tmp/fit/scenario.ini" "$tmp/fit2/scenario.ini" && \
	cmp -s "$tmp/fit2/fit.html" "$tmp/fit3/fit.html"' "fit twice: the same bytes"

# the same export in GBK (10 MB: converted in blocks, characters cut at a
# block's end carried over), written by run --events --encoding gbk (the
# same bytes as iconv's conversion of the UTF-8 log), and with a
# byte-order mark and CRLF lines
$P run scenarios/double11.ini --reps 1 --quiet --events "$tmp/gd11" --encoding gbk 2>"$tmp/err"
check '[ $? -eq 0 ]' "double11 --events --encoding gbk ($(cat "$tmp/err"))"
for f in orders refunds work; do
	iconv -f UTF-8 -t GBK "$tmp/d11_$f.csv" >"$tmp/conv_$f.csv"
	check 'cmp -s "$tmp/conv_$f.csv" "$tmp/gd11_$f.csv" && ! cmp -s "$tmp/d11_$f.csv" "$tmp/gd11_$f.csv"' \
		"run --events --encoding gbk: $f.csv in GBK, as iconv converts the UTF-8 one"
done
$P fit --orders "$tmp/gd11_orders.csv" --refunds "$tmp/gd11_refunds.csv" --work "$tmp/gd11_work.csv" \
	--encoding gbk -o "$tmp/gfit" --quiet --no-charts 2>"$tmp/err"
check 'cmp -s "$tmp/fit/fit.csv" "$tmp/gfit/fit.csv"' "GBK export of the log: the same fit.csv ($(cat "$tmp/err"))"
{ printf '\357\273\277'; sed 's/$/\r/' "$tmp/d11_refunds.csv"; } >"$tmp/bom_refunds.csv"
$P fit --orders "$tmp/d11_orders.csv" --refunds "$tmp/bom_refunds.csv" --work "$tmp/d11_work.csv" \
	-o "$tmp/bfit" --quiet --no-charts 2>"$tmp/err"
check 'cmp -s "$tmp/fit/fit.csv" "$tmp/bfit/fit.csv"' "byte-order mark and CRLF: the same fit.csv ($(cat "$tmp/err"))"

# ---- the messy sample: each case counted ----
M="--orders $D/messy_orders.csv --refunds $D/messy_refunds.csv --work $D/messy_work.csv --from 2026-11-01 --to 2026-11-03"
# shellcheck disable=SC2086
$P fit $M -o "$tmp/m" --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ]' "fit of the messy sample exits 0 ($(cat "$tmp/err"))"
while read -r key want; do
	got=$(awk -F, -v k="\"rows_$key\"" '$1 == k { print $2 }' "$tmp/m/fit.csv")
	check '[ "$got" = "$want" ]' "messy sample: $key = $want (got '$got')"
done <<'COUNTS'
order_rows 11
order_dup 1
order_conflict 1
order_no_paid 1
order_outside 2
order_no_dispatch 2
refund_rows 10
refund_dup 1
refund_conflict 1
refund_no_time 1
refund_no_end 1
refund_no_order 1
refund_outside 1
refund_before_paid 1
refund_open 1
refund_closed 2
refund_cancelled 2
reason_unknown 1
work_rows 7
work_dup 1
work_no_time 1
work_negative 1
work_no_case 1
COUNTS
check 'grep -q "2 paid outside the window" "$tmp/m/fit.txt" && grep -q "2 closed (2 cancelled by the buyer)" "$tmp/m/fit.txt"' \
	"fit.txt reports the messy rows"
check 'awk -F, '"'"'$1 == "\"orders\"" && $2 == 6'"'"' "$tmp/m/fit.csv" | grep -q .' "messy sample: 6 orders in the window"
$P check "$tmp/m/scenario.ini" >/dev/null 2>"$tmp/err"
check '[ $? -eq 0 ]' "the messy sample's scenario loads ($(cat "$tmp/err"))"

# GBK: the same figures
for f in orders refunds work; do iconv -f UTF-8 -t GBK "$D/messy_$f.csv" >"$tmp/g_$f.csv"; done
$P fit --orders "$tmp/g_orders.csv" --refunds "$tmp/g_refunds.csv" --work "$tmp/g_work.csv" \
	--from 2026-11-01 --to 2026-11-03 --encoding gbk -o "$tmp/g" --quiet --no-charts 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ] && cmp -s "$tmp/m/fit.csv" "$tmp/g/fit.csv"' "GBK export: the same fit.csv ($rc: $(cat "$tmp/err"))"
# read as UTF-8 by mistake: the headers are not found, said with file:line
$P fit --orders "$tmp/g_orders.csv" --refunds "$tmp/g_refunds.csv" -o "$tmp/g2" --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "g_orders.csv:1: no column" "$tmp/err"' "GBK read as UTF-8: exit 2, file:1 ($rc: $(cat "$tmp/err"))"

# a mapping file for other headers
sed '1s/订单付款时间/付款日期/; 1s/买家实际支付金额/Amount/' "$D/messy_orders.csv" >"$tmp/o2.csv"
sed '1s/申请退款时间/RequestTime/' "$D/messy_refunds.csv" >"$tmp/r2.csv"
printf '[orders]\npaid = 付款日期\namount = Amount\n[refunds]\nrequested = RequestTime\n' >"$tmp/map.ini"
$P fit --orders "$tmp/o2.csv" --refunds "$tmp/r2.csv" --work "$D/messy_work.csv" --map "$tmp/map.ini" \
	--from 2026-11-01 --to 2026-11-03 -o "$tmp/mm" --quiet --no-charts 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ] && cmp -s "$tmp/m/fit.csv" "$tmp/mm/fit.csv"' "mapping file: the same fit.csv ($rc: $(cat "$tmp/err"))"
$P fit --orders "$tmp/o2.csv" --refunds "$tmp/r2.csv" -o "$tmp/mm2" --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "o2.csv:1: no column '"'"'订单付款时间'"'"'" "$tmp/err"' "renamed header without a map: exit 2 ($(cat "$tmp/err"))"

# ---- bad inputs: exit 2, file:line: message, nothing written ----
badfit() { # NAME LINE-PATTERN FILE-KIND SED-EXPR
	name=$1; want=$2; kind=$3; expr=$4
	o=$D/messy_orders.csv; r=$D/messy_refunds.csv; w=$D/messy_work.csv
	sed "$expr" "$D/messy_$kind.csv" >"$tmp/bad_$kind.csv"
	eval "$kind=\$tmp/bad_\$kind.csv"
	$P fit --orders "$orders" --refunds "$refunds" --work "$work" -o "$tmp/out_$name" --quiet 2>"$tmp/err"; rc=$?
	got=$(cat "$tmp/err")
	check '[ $rc -eq 2 ] && echo "$got" | grep -q "$want" && [ ! -e "$tmp/out_$name" ]' "$name: exit 2 and '$want' (got $rc: '$got')"
}
orders=$D/messy_orders.csv; refunds=$D/messy_refunds.csv; work=$D/messy_work.csv
badfit bad_time "bad_orders.csv:2: 'paid' (paid) is not a time YYYY-MM-DD HH:MM:SS, got '2026-13-01 10:00'" orders '2s/2026-11-01 10:00:00/2026-13-01 10:00/'
orders=$D/messy_orders.csv
badfit bad_amount "bad_orders.csv:9: 'amount' must be an amount in CNY, got 'abc'" orders '9s/,300.00,/,abc,/'
orders=$D/messy_orders.csv
badfit ragged "bad_refunds.csv:3: 15 fields, the header has 16" refunds '3s/,否,否,否,,$/,否,否,否,/'
refunds=$D/messy_refunds.csv
badfit bad_type "bad_refunds.csv:5: 'type' (退款类型) must be 仅退款 or 退货退款, got '换货'" refunds '5s/仅退款/换货/'
refunds=$D/messy_refunds.csv
badfit bad_yes "bad_refunds.csv:8: 'escalated' must be 是 or 否, got 'maybe'" refunds '8s/,是,是,/,maybe,是,/'
refunds=$D/messy_refunds.csv
badfit no_column "bad_refunds.csv:1: no column '退款状态'" refunds '1s/退款状态/状态/'
refunds=$D/messy_refunds.csv
badfit bad_work_time "bad_work.csv:2: 'end' (end) is not a time" work '2s/2026-11-01 15:05:00/soon/'
work=$D/messy_work.csv
badfit bad_role "bad_work.csv:3: 'resource' (岗位) must be 客服, 主管 or 质检, got '经理'" work '1s/$/,岗位/; 2,$s/$/,客服/; 3s/客服$/经理/'
work=$D/messy_work.csv
badfit empty_id "bad_refunds.csv:4: empty 'refund_id'" refunds '4s/^R2,/,/'
refunds=$D/messy_refunds.csv
$P fit --orders "$D/nope.csv" --refunds "$D/messy_refunds.csv" -o "$tmp/x" --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "nope.csv: cannot open" "$tmp/err"' "missing file: exit 2 ($(cat "$tmp/err"))"
printf '[orders]\nwhen = x\n' >"$tmp/badmap.ini"
$P fit --orders "$D/messy_orders.csv" --refunds "$D/messy_refunds.csv" --map "$tmp/badmap.ini" -o "$tmp/x" --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "badmap.ini:2: \[orders\] has no column role '"'"'when'"'"'" "$tmp/err"' "bad map key: exit 2, file:line ($(cat "$tmp/err"))"
$P fit --orders "$D/messy_orders.csv" -o "$tmp/x" --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ]' "fit without --refunds exits 2"
$P fit --orders "$D/messy_orders.csv" --refunds "$D/messy_refunds.csv" --encoding latin1 -o "$tmp/x" 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ]' "--encoding latin1 exits 2"
# a named pipe as an export or as the mapping file: refused at once, exit 2
# (fopen waited in open() for a writer that never came)
mkfifo "$tmp/pipe.csv"
timeout 10 $P fit --orders "$tmp/pipe.csv" --refunds "$D/messy_refunds.csv" -o "$tmp/x" --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "pipe.csv: cannot open: not a regular file" "$tmp/err"' "orders from a named pipe: exit 2 ($rc: $(cat "$tmp/err"))"
timeout 10 $P fit --orders "$D/messy_orders.csv" --refunds "$D/messy_refunds.csv" --work "$tmp/pipe.csv" \
	-o "$tmp/x" --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "pipe.csv: cannot open: not a regular file" "$tmp/err"' "work log from a named pipe: exit 2 ($rc: $(cat "$tmp/err"))"
timeout 10 $P fit --orders "$D/messy_orders.csv" --refunds "$D/messy_refunds.csv" --map "$tmp/pipe.csv" \
	-o "$tmp/x" --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "pipe.csv: cannot open the mapping file: not a regular file" "$tmp/err"' "mapping file from a named pipe: exit 2 ($rc: $(cat "$tmp/err"))"
: >"$tmp/empty.csv"
$P fit --orders "$tmp/empty.csv" --refunds "$D/messy_refunds.csv" -o "$tmp/x" --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "empty.csv:1: empty file" "$tmp/err"' "empty file: exit 2 ($(cat "$tmp/err"))"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
