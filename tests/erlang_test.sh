#!/bin/sh
# erlang_test: promocap erlang as a planner meets it: the classic 80/20
# answers (tests/test_erlang_a.c checks the figures themselves), the tables
# over agents and over a day, Erlang A, and bad input (exit 2, a message
# naming the value, nothing on stdout).
BUILD=${BUILD:-build}
P=$BUILD/promocap
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "not ok - $*"; }
check() { if eval "$1"; then ok; else bad "$2"; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
D=tests/data/erlang

# agents needed: the classic case (100 calls / 30 min, AHT 180 s, 80/20)
$P erlang --calls 100 --per 30min --aht 180s --target "80% within 20s" --shrinkage 30% >"$tmp/out" 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ]' "classic exits 0 ($(cat "$tmp/err"))"
check 'grep -q "^agents  *14 needed" "$tmp/out"' "classic: 14 agents"
check 'grep -q "^scheduled  *20 " "$tmp/out"' "classic: 20 scheduled with 30% shrinkage"
check 'grep -q "^service level  *88.8% answered within 20s (target 80%: met)" "$tmp/out"' "classic: service level"
check 'grep -q "^P(wait)  *17.4%" "$tmp/out"' "classic: P(wait)"
check 'grep -q "^ASA  *7.8s" "$tmp/out"' "classic: ASA"
check 'grep -q "^occupancy  *71.4%" "$tmp/out"' "classic: occupancy"
check '! grep -q "^abandonment" "$tmp/out"' "classic: no abandonment line without --patience"
$P erlang --calls 100 --aht 3min --target 80/20 | grep -q "^agents  *14 needed"; check '[ $? -eq 0 ]' "80/20 shorthand"
$P erlang --calls 100 --aht 3min --target "80% within 20s" --max-occupancy 70% | grep -q "^agents  *15 needed"
check '[ $? -eq 0 ]' "--max-occupancy 70% gives 15"

# Erlang A: abandonment shown, fewer agents than Erlang C for the same target
$P erlang --calls 100 --aht 3min --target "80% within 20s" --patience 5min >"$tmp/out" 2>&1
check 'grep -q "^abandonment  *[0-9.]*% hang up (mean patience 5min)" "$tmp/out"' "patience: abandonment shown"
n=$(sed -n 's/^agents  *\([0-9]*\) needed.*/\1/p' "$tmp/out")
check '[ -n "$n" ] && [ "$n" -le 14 ]' "patience: at most 14 agents (got '$n')"
$P erlang --calls 100 --aht 3min --target "80% within 20s" --patience 5min --max-abandon 1% >"$tmp/out" 2>&1
m=$(sed -n 's/^agents  *\([0-9]*\) needed.*/\1/p' "$tmp/out")
check '[ -n "$m" ] && [ "$m" -gt "$n" ]' "--max-abandon 1% needs more agents ($m vs $n)"

# a team's service level, a table over agents
$P erlang --calls 100 --aht 3min --agents 14 --within 20s | grep -q "^service level  *88.8% answered within 20s$"
check '[ $? -eq 0 ]' "--agents 14"
$P erlang --calls 100 --aht 3min --agents 10:20 --target 80/20 >"$tmp/t.csv"; rc=$?
check '[ $rc -eq 0 ]' "--agents 10:20 exits 0"
check '[ "$(wc -l <"$tmp/t.csv")" -eq 12 ]' "--agents 10:20: header and 11 rows"
check 'head -1 "$tmp/t.csv" | grep -q "^\"agents\",\"scheduled\",\"erlangs\",\"service_level\",\"p_wait\",\"asa_s\",\"occupancy\",\"abandon\",\"meets_target\"$"' "table header"
check 'grep -q "^10,10,10,0,1,,1,,\"no\"$" "$tmp/t.csv"' "10 agents for 10 erlangs: unstable row"
check 'grep -q "^13,.*\"no\"$" "$tmp/t.csv" && grep -q "^14,.*\"yes\"$" "$tmp/t.csv"' "13 misses, 14 meets"
if [ -x "$BUILD/tests/tool_csvcheck" ]; then
	"$BUILD/tests/tool_csvcheck" "$tmp/t.csv" >/dev/null 2>&1; check '[ $? -eq 0 ]' "table parses as CSV"
fi
$P erlang --calls 100 --aht 3min --target 80/20 --fractional | grep -q "^agents  *13.0[0-9] needed"
check '[ $? -eq 0 ]' "--fractional: 13.0x agents"
$P erlang --calls 100 --aht 3min --agents 13.5 --within 20s --fractional >/dev/null; check '[ $? -eq 0 ]' "--fractional --agents 13.5"

# a day from an interval CSV
$P erlang --intervals $D/day.csv --aht 180s --target "80% within 20s" --shrinkage 30% >"$tmp/day.csv" 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ]' "--intervals exits 0 ($(cat "$tmp/err"))"
check 'head -1 "$tmp/day.csv" | grep -q "^\"start\",\"agents\""' "--intervals: the label column first"
check 'grep -q "^\"09:00\",14,20,10," "$tmp/day.csv"' "--intervals: 09:00 needs 14, 20 scheduled"
check 'grep -q "^\"10:00\",0,0,0,1,0,0,0,0,\"yes\"$" "$tmp/day.csv"' "--intervals: no calls, no agents"
check '[ "$(wc -l <"$tmp/day.csv")" -eq 5 ]' "--intervals: a row per interval"
$P erlang --intervals $D/day_aht.csv --aht 180s --target 80/20 | grep -q '^"09:30",17,'
check '[ $? -eq 0 ]' "--intervals: the aht column overrides --aht"

# bad input: exit 2, the message, nothing on stdout
bad_input() { # want-substring args...
	want=$1; shift
	$P erlang "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
	check '[ $rc -eq 2 ]' "erlang $* exits 2 (got $rc)"
	check 'grep -qF -- "$want" "$tmp/err"' "erlang $*: message '$want' (got '$(cat "$tmp/err")')"
	check '[ ! -s "$tmp/out" ]' "erlang $*: nothing on stdout"
}
bad_input "'--calls' must be a number > 0, got '-5'" --calls -5 --aht 3min --target 80/20
bad_input "'--aht' must be a duration > 0 with a unit (20s, 3min, 1h), got '0s'" --calls 5 --aht 0s --target 80/20
bad_input "'--target' must ask for less than 100% of the calls, got '120% within 20s'" --calls 5 --aht 3min --target "120% within 20s"
bad_input "'--target' must read like" --calls 5 --aht 3min --target "soon"
bad_input "'--patience' must be a duration > 0 with a unit (20s, 3min, 1h), got '0s'" --calls 5 --aht 3min --target 80/20 --patience 0s
bad_input "no team of up to '100' agents (--max-agents) meets the targets" --calls 100000 --aht 3min --target 80/20 --max-agents 100
bad_input "the queue is unstable" --calls 100 --aht 3min --agents 9 --within 20s
bad_input "'--shrinkage' must be a share from 0% to below 100%, got '100%'" --calls 100 --aht 3min --target 80/20 --shrinkage 100%
bad_input "'--max-abandon' needs '--patience'" --calls 100 --aht 3min --target 80/20 --max-abandon 5%
bad_input "'--fractional' is Erlang C's continuous extension" --calls 100 --aht 3min --target 80/20 --patience 5min --fractional
bad_input "erlang needs '--aht D'" --calls 100 --target 80/20
bad_input "unknown option '--bogus'" --calls 100 --aht 3min --target 80/20 --bogus
bad_input "bad_calls.csv:3: 'calls' must be a number >= 0, got '-3'" --intervals $D/bad_calls.csv --aht 3min --target 80/20
bad_input "cannot open '$D/nope.csv'" --intervals $D/nope.csv --aht 3min --target 80/20
$P erlang --help | grep -q -- "--max-abandon P"; check '[ $? -eq 0 ]' "erlang --help lists its options"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
