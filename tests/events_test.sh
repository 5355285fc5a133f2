#!/bin/sh
# events_test: promocap run --events PREFIX writes the first replication's
# event log in the seller back end's export format: the counts agree with
# the run's own KPIs, every refund has its order, times are in order, the
# agents never hold two tasks at once, and the same seed gives the same
# bytes whatever --threads.
BUILD=${BUILD:-build}
P=$BUILD/promocap
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "not ok - $*"; }
check() { if eval "$1"; then ok; else bad "$2"; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

$P run scenarios/double11.ini --reps 1 --threads 1 -o "$tmp/o" --no-charts --no-xlsx --quiet \
	--events "$tmp/a" 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ]' "run --events exits 0 ($(cat "$tmp/err"))"
for f in orders refunds work; do
	check '[ -s "$tmp/a_$f.csv" ] && [ ! -e "$tmp/a_$f.csv.tmp" ]' "a_$f.csv written whole"
done
check '[ "$(head -n 1 "$tmp/a_orders.csv")" = "\"订单编号\",\"订单状态\",\"订单付款时间\",\"买家实际支付金额\",\"发货时间\",\"签收时间\",\"确认收货时间\"" ]' "orders header"
check 'head -n 1 "$tmp/a_refunds.csv" | grep -q "^\"退款编号\",\"订单编号\",\"申请退款时间\",\"退款类型\",.*\"退款金额\",\"退款状态\",\"退款完结时间\",.*\"小二介入\""' "refunds header"
check '[ "$(head -n 1 "$tmp/a_work.csv")" = "\"agent\",\"case\",\"start\",\"end\",\"task\",\"岗位\"" ]' "work header"
# the supervisors' approvals and the inspections are logged, by their role
check 'grep -q "^\"supervisor[0-9]*\",.*\"approval\",\"主管\"$" "$tmp/a_work.csv" && \
	grep -q "^\"inspector[0-9]*\",.*\"inspect\",\"质检\"$" "$tmp/a_work.csv" && \
	! grep -q "^\"agent[0-9]*\",.*,\"\(主管\|质检\)\"$" "$tmp/a_work.csv"' "approvals and inspections in the work log, each role its own people"
if [ -x "$BUILD/tests/tool_csvcheck" ]; then
	"$BUILD/tests/tool_csvcheck" "$tmp/a_orders.csv" "$tmp/a_refunds.csv" "$tmp/a_work.csv" >/dev/null 2>&1
	check '[ $? -eq 0 ]' "the three files parse as CSV"
fi

# the counts are the run's own: N = gmv / aov orders, the refund requests,
# the claims, the escalations of kpis.csv (one replication)
kpi() { awk -F, -v k="\"$1\"" '$1 == k { print $4 }' "$tmp/o/kpis.csv"; }
n=$(($(wc -l < "$tmp/a_orders.csv") - 1))
check '[ $n -eq 80000 ]' "orders: gmv / aov = 80000 (got $n)"
n=$(($(wc -l < "$tmp/a_refunds.csv") - 1))
check '[ "$n" = "$(kpi refund_requests)" ]' "refunds = refund_requests of kpis.csv ($n vs $(kpi refund_requests))"
n=$(grep -c '"售后"' "$tmp/a_refunds.csv")
check '[ "$n" = "$(kpi after_sales_claims)" ]' "售后 rows = after_sales_claims ($n vs $(kpi after_sales_claims))"
n=$(awk -F'","' 'NR > 1 && $12 == "是"' "$tmp/a_refunds.csv" | wc -l)
check '[ "$n" = "$(kpi escalations)" ]' "小二介入 rows = escalations ($n vs $(kpi escalations))"

# every refund names an order paid before its request; an end after it
awk -F'","' 'NR == FNR { if (FNR > 1) paid[substr($1, 2)] = $3; next }
	FNR > 1 { if (!($2 in paid)) { print "no order " $2; exit 1 }
		  if (paid[$2] > $3) { print "paid after request " $1; exit 1 }
		  if ($10 != "" && $10 < $3) { print "ends before request " $1; exit 1 } }' \
	"$tmp/a_orders.csv" "$tmp/a_refunds.csv" >"$tmp/rel" 2>&1
check '[ $? -eq 0 ]' "refunds and orders agree ($(cat "$tmp/rel"))"
# no agent holds two tasks at once (start-sorted per agent)
sort -t, -k1,1 -k3,3 "$tmp/a_work.csv" | awk -F'","' 'NR > 1 && $1 == a && $3 < e { print "overlap " $0; exit 1 } { a = $1; e = $4 }' >"$tmp/ov"
check '[ $? -eq 0 ]' "no agent holds two tasks at once ($(head -c 200 "$tmp/ov"))"

# same seed, same bytes, whatever the threads
$P run scenarios/double11.ini --reps 2 --threads 2 --quiet --events "$tmp/b" 2>/dev/null
for f in orders refunds work; do
	check 'cmp -s "$tmp/a_$f.csv" "$tmp/b_$f.csv"' "a_$f.csv identical with --threads 2 --reps 2"
done
$P run scenarios/double11.ini --reps 1 --seed 7 --quiet --events "$tmp/c" 2>/dev/null
check '! cmp -s "$tmp/a_refunds.csv" "$tmp/c_refunds.csv"' "another seed, another log"

# a scenario of requests without orders cannot be logged: exit 2, said
$P run scenarios/bench-promo.ini --reps 1 --quiet --events "$tmp/d" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "needs orders-based demand" "$tmp/err" && [ ! -e "$tmp/d_orders.csv" ]' \
	"arrival_curve scenario: exit 2 before running ($rc: $(cat "$tmp/err"))"
$P run scenarios/double11.ini --reps 1 --quiet --events "$tmp/no/such/dir/x" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 1 ] && grep -q "cannot write" "$tmp/err"' "unwritable prefix: exit 1, said ($rc: $(cat "$tmp/err"))"
$P run scenarios/double11.ini --events >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ]' "--events without a prefix exits 2"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
