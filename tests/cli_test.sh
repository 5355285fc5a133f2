#!/bin/sh
# cli_test: the promocap command as a user meets it: exit codes, messages,
# the bad-input corpus through `run` (nothing written), outputs that parse,
# and byte-identical tables for the same seed whatever the thread count.
BUILD=${BUILD:-build}
P=$BUILD/promocap
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "not ok - $*"; }
check() { if eval "$1"; then ok; else bad "$2"; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# usage and exit codes
$P --help >/dev/null 2>&1; check '[ $? -eq 0 ]' "--help exits 0"
$P >/dev/null 2>&1; check '[ $? -eq 2 ]' "no command exits 2"
$P frobnicate >/dev/null 2>&1; check '[ $? -eq 2 ]' "unknown command exits 2"
$P run scenarios/double11.ini --bogus >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ]' "unknown option exits 2"
check 'grep -q "unknown option '"'"'--bogus'"'"'" "$tmp/err"' "unknown option is named"
$P run scenarios/double11.ini --reps 0 >/dev/null 2>"$tmp/err"; check '[ $? -eq 2 ]' "--reps 0 exits 2"
$P run tests/data/does-not-exist.ini >/dev/null 2>"$tmp/err"; check '[ $? -eq 2 ]' "missing scenario exits 2"
$P run --help | grep -q "usage: promocap run"; check '[ $? -eq 0 ]' "run --help"

# check: the resolved scenario loads again and resolves the same
$P check scenarios/double11.ini >"$tmp/d11.ini" 2>"$tmp/err"; check '[ $? -eq 0 ]' "check double11 exits 0"
grep -q '^seller_response_timeout' "$tmp/d11.ini"; check '[ $? -eq 0 ]' "check shows defaults"
cp -r scenarios/curves scenarios/rosters "$tmp/"
$P check "$tmp/d11.ini" >"$tmp/d11b.ini" 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ]' "the resolved scenario loads again ($(cat "$tmp/err"))"
check 'cmp -s "$tmp/d11.ini" "$tmp/d11b.ini"' "check of the resolved scenario prints it unchanged"
$P check --keys | grep -q '^| `gmv`'; check '[ $? -eq 0 ]' "check --keys lists gmv"
grep -q "^; Summary: '.*' sells [0-9,]* orders over" "$tmp/d11.ini"; check '[ $? -eq 0 ]' "check ends with the summary"
# a roster shorter than the run: a warning on stderr, not an error
$P check tests/data/good.ini >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ] && grep -q "^promocap: warning: tests/data/good.ini:62: '"'"'roster'"'"' '"'"'tests/data/rosters/agents.csv'"'"' ends on 2026-11-03" "$tmp/err"' "short roster: exit 0 and a warning ($(cat "$tmp/err"))"

# the bad-input corpus through the CLI: exit 2, the exact message, nothing written
for f in tests/data/bad_*.ini; do
	want=$(sed -n '1s/^; expect: //p' "$f" | sed "s|FILE|$f|g")
	out="$tmp/out-$(basename "$f" .ini)"
	$P run "$f" -o "$out" >"$tmp/stdout" 2>"$tmp/err"; rc=$?
	got=$(cat "$tmp/err")
	check '[ $rc -eq 2 ]' "$f exits 2 (got $rc)"
	check '[ "$got" = "promocap: $want" ]' "$f: got '$got', want 'promocap: $want'"
	check '[ ! -e "$out" ] && [ ! -s "$tmp/stdout" ]' "$f: nothing written"
done

# a run writes every table, whole, with a header and units
$P run tests/data/sim/golden.ini -o "$tmp/g1" --threads 1 >"$tmp/sum1" 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ]' "golden run exits 0 ($(cat "$tmp/err"))"
for t in kpis daily intervals sla segments first_response peaks; do
	check '[ -s "$tmp/g1/$t.csv" ]' "$t.csv written"
done
check '[ -z "$(ls -A "$tmp/g1" | grep tmp)" ]' "no temporary files left"
grep -q 'baseline' "$tmp/sum1"; check '[ $? -eq 0 ]' "summary shows the baseline"

# same seed, byte-identical tables, whatever the thread count
# segment quantiles: a median is at most twice the mean (Markov: the
# durations are >= 0), give or take the first 10-second bin, and at most
# the 90th percentile; 15-minute bins once put golden's instant inspection
# at a median of 7.5 minutes
awk -F, 'NR > 1 && $5 != "" && $8 != "" && ($8 > 2 * $5 + 10 / 3600 || $8 > $9 + 1e-9) { bad++ } END { exit bad > 0 }' "$tmp/g1/segments.csv"
check '[ $? -eq 0 ]' "segments.csv: each median within twice its mean and below its 90th percentile"
$P run tests/data/sim/golden.ini -o "$tmp/g2" --threads 2 --quiet 2>/dev/null
$P run tests/data/sim/golden.ini -o "$tmp/g3" --threads 3 --quiet 2>/dev/null
for t in kpis daily intervals sla segments first_response peaks; do
	check 'cmp -s "$tmp/g1/$t.csv" "$tmp/g2/$t.csv" && cmp -s "$tmp/g1/$t.csv" "$tmp/g3/$t.csv"' "$t.csv identical for 1, 2 and 3 threads"
done
$P run tests/data/sim/golden.ini -o "$tmp/g4" --seed 12345 --quiet 2>/dev/null
check '! cmp -s "$tmp/g1/kpis.csv" "$tmp/g4/kpis.csv"' "another seed gives other figures"

# double11: the worked example's baseline is 8 agents
$P run scenarios/double11.ini --reps 2 >"$tmp/d11.txt" 2>&1
grep -q -- '-> 8 agents' "$tmp/d11.txt"; check '[ $? -eq 0 ]' "double11 baseline is 8 agents"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
