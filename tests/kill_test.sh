#!/bin/sh
# kill_test: `promocap run -o DIR` killed with SIGKILL at random moments never
# leaves a half-written table: every CSV in DIR parses (with the library's
# reader) and is byte-identical to a complete run's; temporaries are hidden
# .NAME.PID.tmp files, removed by the next run; files promocap does not own
# are never touched; a report.xlsx left is a whole workbook.
BUILD=${BUILD:-build}
P=$BUILD/promocap
CSV=$BUILD/tests/tool_csvcheck
S=tests/data/sim/kill.ini
TRIALS=${TRIALS:-8}
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "not ok - $*"; }
check() { if eval "$1"; then ok; else bad "$2"; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
tables="kpis.csv daily.csv intervals.csv sla.csv segments.csv first_response.csv scenario.csv shifts.csv scorecard.csv peaks.csv"

# The reference: a complete run (same seed, so every whole file equals it).
start=$(date +%s%N)
$P run "$S" -o "$tmp/ref" --quiet --threads 1 2>"$tmp/err"; rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
check '[ $rc -eq 0 ]' "reference run exits 0 ($(cat "$tmp/err"))"
[ "$ms" -gt 0 ] || ms=300

# The output folder holds files of the user's, one named like a temporary
# of a table but with a live process's PID (this shell's).
out="$tmp/out"
mkdir -p "$out"
echo "my notes" >"$out/notes.txt"
echo "keep" >"$out/.kpis.csv.$$.tmp"
echo "keep" >"$out/.report.csv.999999.tmp"

i=0; writing=0
while [ $i -lt "$TRIALS" ]; do
	i=$((i + 1))
	# a moment from 0 to 120% of a whole run, in seconds
	at=$(awk -v ms="$ms" -v seed="$i$$" 'BEGIN { srand(seed); printf "%.3f", rand() * ms * 1.2 / 1000 }')
	$P run "$S" -o "$out" --quiet --threads 1 >/dev/null 2>&1 &
	pid=$!
	sleep "$at"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	for f in "$out"/*.csv; do
		[ -e "$f" ] || continue
		name=$(basename "$f")
		check 'echo " $tables " | grep -q " $name "' "trial $i (kill at ${at}s): '$name' is one of promocap's tables"
		check '$CSV "$f" >/dev/null' "trial $i (kill at ${at}s): $name parses: $($CSV "$f")"
		check 'cmp -s "$f" "$tmp/ref/$name"' "trial $i (kill at ${at}s): $name is whole, equal to a complete run's"
	done
	# Every chart present is whole: a PNG from its signature to its IEND
	# chunk, an SVG to its closing tag.
	for f in "$out"/*.png; do
		[ -e "$f" ] || continue
		check '[ "$(head -c 8 "$f" | od -An -tx1 | tr -d " \n")" = "89504e470d0a1a0a" ] && tail -c 12 "$f" | od -An -c | tr -d " \n" | grep -q "IEND"' \
			"trial $i (kill at ${at}s): $(basename "$f") is a whole PNG"
	done
	for f in "$out"/*.svg; do
		[ -e "$f" ] || continue
		check 'tail -c 20 "$f" | grep -q "</svg>"' "trial $i (kill at ${at}s): $(basename "$f") is a whole SVG"
	done
	# The workbook, when present, is a whole zip (its central directory
	# at the end); python3's zipfile reads it where unzip is missing.
	for f in "$out"/*.xlsx; do
		[ -e "$f" ] || continue
		if command -v unzip >/dev/null 2>&1; then
			check 'unzip -tq "$f" >/dev/null 2>&1' "trial $i (kill at ${at}s): $(basename "$f") is a whole workbook"
		elif command -v python3 >/dev/null 2>&1; then
			check 'python3 -m zipfile -t "$f" >/dev/null 2>&1' "trial $i (kill at ${at}s): $(basename "$f") is a whole workbook"
		fi
	done
	for f in "$out"/.*.tmp; do
		[ -e "$f" ] || continue
		case "$f" in */.kpis.csv.$$.tmp|*/.report.csv.999999.tmp) continue;; esac
		writing=$((writing + 1))
		check 'basename "$f" | grep -Eq "^\.[a-z_]+\.(csv|png|svg|pdf|xlsx)\.[0-9]+\.tmp$"' "trial $i: leftover '$f' is a hidden .NAME.PID.tmp"
	done
done

echo "# $TRIALS kills, $writing temporaries left by kills while writing"

# A run to the end removes the dead runs' temporaries and nothing else.
$P run "$S" -o "$out" --quiet --threads 1 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ]' "a last run exits 0 ($(cat "$tmp/err"))"
for t in $tables; do
	check 'cmp -s "$out/$t" "$tmp/ref/$t"' "after the last run $t is whole"
done
left=$(ls -A "$out" | grep '\.tmp$' | grep -v "^\.kpis\.csv\.$$\.tmp$" | grep -v '^\.report\.csv\.999999\.tmp$')
check '[ -z "$left" ]' "the dead runs' temporaries are gone, got: $left"
check '[ "$(cat "$out/notes.txt")" = "my notes" ]' "the user's notes.txt is untouched"
check '[ -e "$out/.kpis.csv.$$.tmp" ]' "a live process's temporary is kept"
check '[ -e "$out/.report.csv.999999.tmp" ]' "a file that is not promocap's temporary is kept"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
