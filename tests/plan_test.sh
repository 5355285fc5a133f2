#!/bin/sh
# plan_test: promocap plan as a user meets it: exit codes 0, 1 and 2 with
# their messages, every file written whole, the same bytes for 1 and 2
# threads, and a written roster that a scenario can use.
BUILD=${BUILD:-build}
P=$BUILD/promocap
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "not ok - $*"; }
check() { if eval "$1"; then ok; else bad "$2"; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
D=tests/data/plan

$P plan --help | grep -q "usage: promocap plan"; check '[ $? -eq 0 ]' "plan --help"
$P --help | grep -q "^  plan "; check '[ $? -eq 0 ]' "plan in the command list"
$P plan $D/stationary.ini --relax 0 >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ]' "--relax 0 exits 2 (got $rc)"
check 'grep -q "'"'"'--relax'"'"' must be a percentage above 0 and at most 100, got '"'"'0'"'"'" "$tmp/err"' "--relax 0 is named"
$P plan $D/stationary.ini --budget x >/dev/null 2>&1; check '[ $? -eq 2 ]' "--budget x exits 2"
$P plan $D/stationary.ini --screen-reps 0 >/dev/null 2>&1; check '[ $? -eq 2 ]' "--screen-reps 0 exits 2"
$P run $D/stationary.ini --budget 5 >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "option '"'"'--budget'"'"' belongs to promocap plan" "$tmp/err"' "run refuses the planner's options"

# feasible: exit 0, every table, no temporary file left
$P plan $D/stationary.ini -o "$tmp/s1" --threads 1 >"$tmp/s1.txt" 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ]' "stationary plan exits 0 (got $rc: $(cat "$tmp/err"))"
for t in staffing methods headcount_vs_kpi roster_agent roster_supervisor roster_inspector \
	kpis daily intervals sla segments first_response; do
	check '[ -s "$tmp/s1/$t.csv" ]' "$t.csv written"
done
check '[ -z "$(ls -A "$tmp/s1" | grep tmp)" ]' "no temporary files left"
check 'head -1 "$tmp/s1/staffing.csv" | grep -q "^\"resource\",\"date\",\"shift\",\"start\",\"end\",\"headcount\",\"staff_hours\",\"utilisation_pct\",\"binding_target\",\"binding_checked\"$"' "staffing.csv header"
check 'grep -q "^\"agent\",\"2026-11-01\",\"all\"" "$tmp/s1/staffing.csv"' "staffing.csv has the agents of the first day"
check '[ $(grep -c "^\"simulation\"\|^\"sipp\"\|^\"mol\"\|^\"closed_form\"\|^\"maximum\"" "$tmp/s1/methods.csv") -eq 5 ]' "methods.csv compares five rosters"
check 'grep -q "^staffing, the simulation-based plan" "$tmp/s1.txt"' "the summary shows the staffing"
check 'grep -q "^methods compared" "$tmp/s1.txt"' "the summary compares the methods"
check 'grep -q "^busiest shift: agent" "$tmp/s1.txt"' "the summary shows the busiest shift"

# same seed, the same bytes whatever the thread count
$P plan $D/stationary.ini -o "$tmp/s2" --threads 2 >"$tmp/s2.txt" 2>/dev/null
grep -v "written to" "$tmp/s1.txt" >"$tmp/a"; grep -v "written to" "$tmp/s2.txt" >"$tmp/b"
check 'cmp -s "$tmp/a" "$tmp/b"' "the same summary for 1 and 2 threads"
for t in staffing methods headcount_vs_kpi roster_agent kpis; do
	check 'cmp -s "$tmp/s1/$t.csv" "$tmp/s2/$t.csv"' "$t.csv identical for 1 and 2 threads"
done

# the written roster, named by the scenario, meets the target again
sed 's/^roster        = 10$/roster        = roster_agent.csv/' $D/stationary.ini >"$tmp/s1/again.ini"
cp $D/stationary-curve.csv "$tmp/s1/"
$P run "$tmp/s1/again.ini" -o "$tmp/again" --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ]' "the scenario runs with the written roster ($(cat "$tmp/err"))"
check 'grep "^\"first_response_within\"" "$tmp/again/kpis.csv" | grep -q "\"yes\"$"' "and meets the target"
check 'cmp -s "$tmp/again/kpis.csv" "$tmp/s1/kpis.csv"' "with the plan's own KPIs"

# infeasible: exit 1, says which target and by how much, still writes the plan
$P plan $D/infeasible.ini -o "$tmp/inf" >"$tmp/inf.txt" 2>"$tmp/err"; rc=$?
check '[ $rc -eq 1 ]' "infeasible plan exits 1 (got $rc)"
check 'grep -q "^promocap: tests/data/plan/infeasible.ini: target '"'"'first response within 2min'"'"' (at least 90%) cannot be met within max_per_shift: [0-9.]*% at the maximum, [0-9.]* points short$" "$tmp/err"' "the message names the target and the shortfall: $(cat "$tmp/err")"
check 'grep -q "CANNOT BE MET" "$tmp/inf.txt"' "the summary says it"
check '[ -s "$tmp/inf/staffing.csv" ]' "the plan for what can be attained is written"

# rosters of capacity change points cannot be planned: exit 2, nothing written
$P plan $D/changes.ini -o "$tmp/ch" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ]' "change points exit 2 (got $rc)"
check '[ "$(cat "$tmp/err")" = "promocap: tests/data/plan/changes.ini: the agent roster '"'"'changes.csv'"'"' gives capacity change points; the planner needs a headcount per shift: a number or a CSV date,shift,headcount" ]' "change points message: $(cat "$tmp/err")"
check '[ ! -e "$tmp/ch" ]' "nothing written"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
