#!/bin/sh
# verdict_test: the verdict that leads `promocap run`, against golden text
# for three small scenarios: every target met; work arriving while no agent
# is on duty (with a checked action); a structural limit of the refund paths.
# UPDATE=1 rewrites the golden files.
BUILD=${BUILD:-build}
BIN=$BUILD/promocap
D=tests/data/verdict
passed=0; failed=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "not ok - $1"; }
for s in all_met off_shift structural; do
	# The verdict is the first block of the output, up to its blank line.
	"$BIN" run "$D/$s.ini" --threads 2 >"$tmp/out.txt" 2>"$tmp/err.txt"; rc=$?
	sed -n '1,/^$/p' "$tmp/out.txt" | sed '$d' >"$tmp/$s.txt"
	if [ "${UPDATE:-0}" = 1 ]; then cp "$tmp/$s.txt" "$D/$s.txt"; fi
	if [ $rc -eq 0 ]; then ok; else bad "$s: run exited $rc: $(cat "$tmp/err.txt")"; fi
	if diff -u "$D/$s.txt" "$tmp/$s.txt"; then ok; else bad "$s: the verdict differs from $D/$s.txt"; fi
	# The same verdict whatever the threads.
	"$BIN" run "$D/$s.ini" --threads 1 2>/dev/null | sed -n '1,/^$/p' | sed '$d' >"$tmp/$s.1.txt"
	if cmp -s "$tmp/$s.txt" "$tmp/$s.1.txt"; then ok; else bad "$s: the verdict depends on --threads"; fi
done
grep -q '^verdict: all 6 targets met$' "$D/all_met.txt" && ok || bad "all_met: not every target met"
grep -q 'why: .*no agent is on duty' "$D/off_shift.txt" && ok || bad "off_shift: no off-duty cause"
grep -q 'action (checked, 4 replications): add [0-9]* agents* ' "$D/off_shift.txt" && ok || bad "off_shift: no checked action"
grep -q 'why: structural limit' "$D/structural.txt" && ok || bad "structural: no structural cause"
grep -q 'more staff cannot lift a structural limit' "$D/structural.txt" && ok || bad "structural: suggests staff"
# zh: the same verdict in Chinese.
"$BIN" run "$D/off_shift.ini" --lang zh 2>/dev/null | head -1 | grep -q '^结论：' && ok || bad "zh verdict"
# The run's review pack leads with the same verdict, its action included.
"$BIN" run "$D/off_shift.ini" -o "$tmp/pack" --report --no-charts --no-xlsx --quiet >/dev/null 2>&1
grep -q '<section class="verdict-details"' "$tmp/pack/report.html" && grep -q 'What to do (checked by simulation)' "$tmp/pack/report.html" &&
	[ "$(grep -n '<section class="verdict-details' "$tmp/pack/report.html" | cut -d: -f1)" -lt "$(grep -n 'id="inputs"\|Key inputs' "$tmp/pack/report.html" | head -1 | cut -d: -f1)" ] &&
	ok || bad "report.html: the verdict first, with its checked action"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
