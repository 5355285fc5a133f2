#!/bin/sh
# sweep_test: promocap sweep and compare as a user meets them: bad --vary
# keys and ranges (exit 2, the message, nothing written), byte-identical
# tables for 1, 2 and 3 threads, compare of a scenario with itself (all
# differences 0), Ctrl-C part way (exit 1, finished points written, the rest
# marked), the progress bar only on a terminal, include through the CLI,
# and plots/sweep.gp and plots/compare.gp drawing their tables.
BUILD=${BUILD:-build}
P=$BUILD/promocap
G=tests/data/sim/golden.ini
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "not ok - $*"; }
check() { if eval "$1"; then ok; else bad "$2"; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# usage
$P sweep --help | grep -q "usage: promocap sweep"; check '[ $? -eq 0 ]' "sweep --help"
$P compare --help | grep -q "usage: promocap compare"; check '[ $? -eq 0 ]' "compare --help"
$P --help | grep -q -- "--vary KEY=VALUES"; check '[ $? -eq 0 ]' "--help documents --vary"
$P sweep $G -o "$tmp/none" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "sweep needs at least one --vary" "$tmp/err"' "sweep without --vary exits 2"
$P run $G --vary agents=1,2 >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "unknown option '"'"'--vary'"'"'" "$tmp/err"' "run refuses --vary"
$P compare $G >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "compare needs two scenarios or more" "$tmp/err"' "compare of one exits 2"
$P run $G $G >/dev/null 2>"$tmp/err"; check '[ $? -eq 2 ]' "run takes one scenario"

# bad --vary: exit 2, the exact message, nothing written
while IFS='|' read -r spec want; do
	[ -n "$spec" ] || continue
	rm -rf "$tmp/bad"
	$P sweep $G --vary "$spec" -o "$tmp/bad" >"$tmp/out" 2>"$tmp/err"; rc=$?
	got=$(cat "$tmp/err")
	check '[ $rc -eq 2 ]' "--vary '$spec' exits 2 (got $rc)"
	check '[ "$got" = "promocap: $want" ]' "--vary '$spec': got '$got', want 'promocap: $want'"
	check '[ ! -e "$tmp/bad" ] && [ ! -s "$tmp/out" ]' "--vary '$spec': nothing written"
done <<'EOF'
refund_ratio=3%:8%:1%|--vary 'refund_ratio=3%:8%:1%': unknown key 'refund_ratio' (see promocap check --keys)
handle=fixed(1min)|--vary 'handle=fixed(1min)': key 'handle' is in several sections (path.unshipped, path.in_transit, path.received_no_return, after_sales, service.where_is_my_parcel, service.order_change, service.invoice, service.price_protection, service.quality, service.warranty, service.exchange, presale): write SECTION.handle
refunds.rate=8%:3%:1%|--vary 'refunds.rate=8%:3%:1%': FROM must not be above TO, got '8%' to '3%'
refunds.rate=3%:8%:0%|--vary 'refunds.rate=3%:8%:0%': the step must be above 0, got '0%'
refunds.rate=50%:120%:10%|--vary 'refunds.rate=50%:120%:10%': 'rate' must be a share from 0% to 100%, got '110%'
agents=1:x:1|--vary 'agents=1:x:1': 'staff.agent.roster' takes a whole number, got 'x'
agents.night=1:3:1|--vary 'agents.night=1:3:1': the agent has no shift 'night', its shifts are day, evening
refunds.rate|--vary 'refunds.rate': expected KEY=VALUES
EOF
# a bad combination, a second bad --vary after a good one
$P sweep $G --vary staff.agent.min_per_shift=0,5 --vary staff.agent.max_per_shift=9,3 -o "$tmp/bad" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && [ ! -e "$tmp/bad" ] && grep -q "^promocap: --vary point staff.agent.min_per_shift=5, staff.agent.max_per_shift=3: " "$tmp/err"' "a bad combination exits 2, nothing written"
$P sweep $G --vary agents=1,2 --vary bogus=1 -o "$tmp/bad" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && [ ! -e "$tmp/bad" ]' "a bad second --vary exits 2"
# the change-point roster of tests/data/good.ini takes no shift headcount
$P sweep tests/data/good.ini --vary supervisors.day=1,2 -o "$tmp/bad" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "gives capacity change points: a shift headcount needs a roster by shift" "$tmp/err"' "shift headcount on change points exits 2"

# a sweep: tables whole, no temporary files, silent stderr off a terminal,
# byte-identical whatever the thread count
for t in 1 2 3; do
	$P sweep $G --vary agents=1:4:1 --vary agents.evening=0,2 --vary refund_rate=4%,7% --reps 3 \
		--threads $t -o "$tmp/s$t" >"$tmp/sum$t" 2>"$tmp/err$t"; rc=$?
	check '[ $rc -eq 0 ]' "sweep on $t threads exits 0 ($(cat "$tmp/err$t"))"
	check '[ ! -s "$tmp/err$t" ]' "sweep on $t threads: nothing on stderr off a terminal"
done
for f in sweep.csv whatif.csv; do
	check 'cmp -s "$tmp/s1/$f" "$tmp/s2/$f" && cmp -s "$tmp/s1/$f" "$tmp/s3/$f"' "$f identical for 1, 2 and 3 threads"
done
check 'grep -v "written to" "$tmp/sum1" > "$tmp/sum1b" && grep -v "written to" "$tmp/sum3" | cmp -s "$tmp/sum1b" -' "summary identical for 1 and 3 threads"
# the what-if charts: drawn by sweep itself, whole PNG and SVG files
png_magic() { [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]; }
check 'png_magic "$tmp/s1/whatif_first_response_within.png" && [ $(wc -c <"$tmp/s1/whatif_first_response_within.png") -gt 5000 ]' "sweep draws whatif_first_response_within.png"
check 'tail -c 20 "$tmp/s1/whatif_dispute_refund_rate.svg" | grep -q "</svg>"' "sweep draws whatif_dispute_refund_rate.svg"
check '[ "$(wc -l < "$tmp/s1/sweep.csv")" -eq 17 ]' "sweep.csv: a header and 16 points"
check '[ -z "$(ls -A "$tmp/s1" | grep tmp)" ]' "no temporary files left"
check 'grep -q "^16,\"4\",\"2\",\"7%\",\"yes\",3," "$tmp/s1/sweep.csv"' "the last point is agents 4, evening 2, rate 7%"
check 'grep -q "staff.agent.roster: 1 ... 4 (4 values)" "$tmp/sum1"' "summary lists the axes"
check 'head -1 "$tmp/s1/whatif.csv" | grep -q "\"agents.evening=0 refunds.rate=4%\",\"agents.evening=0 refunds.rate=7%\",\"agents.evening=2 refunds.rate=4%\""' "whatif.csv: one column per combination of the other axes"
$P sweep $G --vary agents=1:4:1 --reps 3 --seed 7 -o "$tmp/s4" --quiet >"$tmp/out" 2>&1
check '[ ! -s "$tmp/out" ] && grep -q "^4,\"4\",\"yes\",3," "$tmp/s4/sweep.csv"' "--quiet prints nothing, --reps sets the replications"
# the monotone KPI through the CLI: mean first response falls as agents are added
col=$(head -1 "$tmp/s4/sweep.csv" | tr ',' '\n' | grep -n '^"first_response_mean_minutes_mean"$' | cut -d: -f1)
check '[ -n "$col" ] && tail -n +2 "$tmp/s4/sweep.csv" | cut -d, -f"$col" | awk "NR > 1 && \$1 >= prev { bad = 1 } { prev = \$1 } END { exit bad }"' "first response mean falls from 1 to 4 agents"

# compare: a scenario with itself differs by exactly 0; tables identical
# for 1 and 3 threads
$P compare $G $G --reps 4 -o "$tmp/c1" --threads 1 >"$tmp/csum" 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ]' "compare exits 0 ($(cat "$tmp/err"))"
$P compare $G $G --reps 4 -o "$tmp/c3" --threads 3 --quiet >/dev/null 2>&1
check 'png_magic "$tmp/c1/sla_compare.png" && tail -c 20 "$tmp/c1/sla_compare.svg" | grep -q "</svg>"' "compare draws sla_compare.png and .svg"
$P compare $G $G --reps 2 -o "$tmp/cnc" --no-charts --quiet >/dev/null 2>&1
check '[ -s "$tmp/cnc/compare.csv" ] && [ ! -e "$tmp/cnc/sla_compare.png" ]' "compare --no-charts draws nothing"
for f in compare.csv compare_scenarios.csv sla_compare.csv; do
	check '[ -s "$tmp/c1/$f" ] && cmp -s "$tmp/c1/$f" "$tmp/c3/$f"' "$f written, identical for 1 and 3 threads"
done
# (quoted cells, which may hold commas, are blanked out before splitting)
diffs=$(sed 's/"[^"]*"/q/g' "$tmp/c1/compare.csv" | awk -F, -v head="$(head -1 "$tmp/c1/compare.csv")" '
	NR == 1 { n = split(head, h, ","); for (i = 1; i <= n; i++) if (h[i] ~ /_diff/) c[i] = 1; next }
	{ for (i in c) if ($i != "" && $i != "0") print NR, i, $i }')
check '[ -z "$diffs" ] && [ "$(wc -l < "$tmp/c1/compare.csv")" -gt 30 ]' "compare with itself: every difference is 0 ($diffs)"
check 'grep -q "same demand as A, the same refunds" "$tmp/csum"' "compare says the demand is shared"
# another refund rate: the demand cannot be shared, and it says so
sed 's/^rate          = 6%/rate = 7%/' $G > "$tmp/g7.ini"
sed -i 's|= ../../../scenarios|= '"$PWD"'/scenarios|' "$tmp/g7.ini"
$P compare $G "$tmp/g7.ini" --reps 2 -o "$tmp/c7" >"$tmp/csum7" 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ] && grep -q "cannot share demand with A (refunds.rate differ)" "$tmp/csum7"' "compare names differing demand ($(cat "$tmp/err"))"
check 'grep -q "\"g7\",\"$tmp/g7.ini\",\"golden small scenario\",\"99\",2,\"no\",\"refunds.rate\"" "$tmp/c7/compare_scenarios.csv"' "compare_scenarios.csv: same_demand no"
$P compare $G tests/data/bad_negative.ini -o "$tmp/cbad" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && [ ! -e "$tmp/cbad" ] && grep -q "^promocap: tests/data/bad_negative.ini:[0-9]*: " "$tmp/err"' "compare with a bad scenario exits 2 at its line, nothing written"

# include through the CLI: the variant's override, errors at the included file's line
$P check tests/data/include/variant.ini | grep -q '^rate = 8%$'; check '[ $? -eq 0 ]' "include: the variant's rate"
$P check tests/data/include/cycle_a.ini >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "^promocap: tests/data/include/cycle_b.ini:2: include cycle: " "$tmp/err"' "include cycle exits 2 at the including line"
$P compare scenarios/double11.ini scenarios/double11-night.ini --reps 2 --quiet -o "$tmp/night" 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ] && grep -q ",\"yes\",\"\"$" "$tmp/night/compare_scenarios.csv"' "double11-night shares double11's demand ($(cat "$tmp/err"))"

# Ctrl-C part way: exit 1, finished points written, the rest marked, no temporaries
# 400 points of 20 replications of double11: some 9 s in all on 2 free cores,
# so 2 s of its CPU time never finish the sweep, and one point usually takes
# under 2 s; on a slow machine under the sanitizers it may not, and the stop
# comes before any point finished: then again with twice the CPU time (the
# test is of a sweep stopped part way, whatever the machine's speed)
# $want s of the sweep's own CPU time, not of the clock: on a loaded machine
# 2 s of wall time may not finish a single point (at most 120 s of waiting)
cpu() { awk '{ print $14 + $15 }' /proc/$pid/stat 2>/dev/null || echo 999999; }
for want in 2 4 8 16; do
	rm -rf "$tmp/int"
	$P sweep scenarios/double11.ini --vary agents=1:400:1 --reps 20 --threads 2 -o "$tmp/int" --quiet >/dev/null 2>"$tmp/err" &
	pid=$!
	if [ -r /proc/$pid/stat ]; then
		hz=$(getconf CLK_TCK 2>/dev/null || echo 100); w=0
		while [ "$(cpu)" -lt $((want * hz)) ] && [ $w -lt 1200 ] && kill -0 $pid 2>/dev/null; do sleep 0.1; w=$((w + 1)); done
	else
		sleep "$want"
	fi
	kill -INT $pid 2>/dev/null
	wait $pid; rc=$?
	grep -q "stopped before a point finished" "$tmp/err" || break
done
check '[ $rc -eq 1 ]' "SIGINT: exit 1 (got $rc)"
check 'grep -q "^promocap: stopped: [0-9]* of 400 points finished" "$tmp/err"' "SIGINT: says how far it came ($(cat "$tmp/err"))"
check '[ -s "$tmp/int/sweep.csv" ] && [ -s "$tmp/int/whatif.csv" ]' "SIGINT: tables written"
check 'grep -q "^1,\"1\",\"yes\",20," "$tmp/int/sweep.csv" && grep -q "^400,\"400\",\"no\",20,,," "$tmp/int/sweep.csv"' "SIGINT: finished points complete = yes, the rest no"
check '[ "$(wc -l < "$tmp/int/sweep.csv")" -eq 401 ] && [ -z "$(ls -A "$tmp/int" | grep tmp)" ]' "SIGINT: whole files, no temporaries"
# complete = yes rows carry figures, complete = no rows none
n_yes=$(grep -c '"yes",20,' "$tmp/int/sweep.csv")
check '[ "$n_yes" -ge 1 ] && [ "$(grep -c "\"yes\",20,[0-9]" "$tmp/int/sweep.csv")" -eq "$n_yes" ]' "SIGINT: the $n_yes finished points have figures"
check '[ -z "$(grep "\"no\"," "$tmp/int/sweep.csv" | grep -v "\"no\",20,*\$")" ]' "SIGINT: the others have none"

# the progress bar on a terminal (script gives one), never off it
if command -v script >/dev/null 2>&1; then
	script -qfec "$P sweep $G --vary agents=1:3:1 --reps 2 -o $tmp/tty >/dev/null" "$tmp/typescript" >/dev/null 2>&1
	check 'grep -q "3/3 points  6/6 replications" "$tmp/typescript"' "progress bar on a terminal"
	script -qfec "$P sweep $G --vary agents=1:3:1 --reps 2 --quiet -o $tmp/tty2" "$tmp/typescript2" >/dev/null 2>&1
	check '! grep -q "replications" "$tmp/typescript2"' "no progress bar with --quiet"
else
	echo "# script(1) not found: progress bar on a terminal not checked"
fi

# The verdict leads: how many points meet every target; each point names
# the targets it misses; a lever only some points turn on gets its own
# columns, matched by key.
$P sweep tests/data/verdict/off_shift.ini --vary agents=1:3:2 --reps 2 --quiet -o "$tmp/sv" --no-charts --no-xlsx >/dev/null 2>&1
$P sweep tests/data/verdict/off_shift.ini --vary agents=1:3:2 --reps 2 --no-charts --no-xlsx >"$tmp/sv.txt" 2>/dev/null
check 'head -1 "$tmp/sv.txt" | grep -q "^verdict: no point meets every target; the closest: point [12] (staff.agent.roster=[13]) misses first response"' "sweep: verdict first ($(head -1 "$tmp/sv.txt"))"
check 'grep -q "targets missed" "$tmp/sv.txt" && grep -Eq "^ +1 .* 4/5  first response$" "$tmp/sv.txt"' "sweep: a targets missed column"
$P sweep $G --vary "auto_refund.unshipped_below=none;200" --reps 2 -o "$tmp/sa" --no-charts --no-xlsx --quiet >/dev/null 2>&1
check 'head -1 "$tmp/sa/sweep.csv" | grep -q "auto_refund_money_mean" && [ "$(sed -n 2p "$tmp/sa/sweep.csv" | awk -F, "{print NF}")" -eq "$(head -1 "$tmp/sa/sweep.csv" | awk -F, "{print NF}")" ]' "sweep: a lever one point turns on gets its columns"

# plots/sweep.gp draws whatif.csv (PNG and SVG)
if command -v gnuplot >/dev/null 2>&1; then
	gnuplot -e "data='$tmp/s1/whatif.csv'; kpi='first_response_within'" plots/sweep.gp 2>"$tmp/gp"
	check '[ -s "$tmp/s1/first_response_within.png" ] && [ ! -s "$tmp/gp" ]' "sweep.gp draws a PNG ($(cat "$tmp/gp"))"
	gnuplot -e "data='$tmp/s1/whatif.csv'; kpi='segment_payout'; term='svg'" plots/sweep.gp 2>"$tmp/gp"
	check 'grep -q "<svg" "$tmp/s1/segment_payout.svg" && [ ! -s "$tmp/gp" ]' "sweep.gp draws an SVG without a target ($(cat "$tmp/gp"))"
	gnuplot -e "data='$tmp/c1/sla_compare.csv'; days=3" plots/compare.gp 2>"$tmp/gp"
	check '[ -s "$tmp/c1/sla_compare.png" ] && [ ! -s "$tmp/gp" ]' "compare.gp draws the SLA curves ($(cat "$tmp/gp"))"
else
	echo "# gnuplot not found: plots/sweep.gp and plots/compare.gp not drawn"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
