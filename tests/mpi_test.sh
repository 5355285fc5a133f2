#!/bin/sh
# mpi_test: promocap under mpirun (make MPI=1 test-mpi): run, sweep (tasks and
# whole points), compare, plan and the several-scenario forms at 2 and 3
# ranks, oversubscribed, give the same bytes as the build without MPI; a
# rank stopped by a signal or killed ends the job with a message naming the
# task and nothing written; Ctrl-C on rank 0 stops as without MPI.  Skips,
# saying why, without the MPI build or mpirun.
MPI_BUILD=${MPI_BUILD:-}
PLAIN_BUILD=${PLAIN_BUILD:-build}
M=$MPI_BUILD/promocap
P=$PLAIN_BUILD/promocap
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "not ok - $*"; }
check() { if eval "$1"; then ok; else bad "$2"; fi; }
skip() { echo "skipped: $*"; echo "0 passed, 0 failed"; exit 0; }

[ -n "$MPI_BUILD" ] || skip "no MPI build (make MPI=1 test-mpi)"
[ -x "$M" ] || skip "$M missing (make MPI=1)"
command -v mpirun >/dev/null 2>&1 || skip "mpirun missing (make deps MPI=1)"
"$M" --help | grep -q "built with Open MPI" || skip "$M was not built with MPI"
[ -x "$P" ] || skip "$P missing (make)"
MPIRUN="mpirun --oversubscribe --allow-run-as-root"
# Under the sanitizers, LeakSanitizer would report Open MPI's own
# allocations of MPI_Init (never freed, by design) in every rank.
case $MPI_BUILD in *-san) MPIRUN="$MPIRUN -x ASAN_OPTIONS=detect_leaks=0";; esac
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
G=tests/data/sim/golden.ini
D=scenarios/double11.ini
N=scenarios/double11-night.ini

# Runs "$@" as the plain build (into $tmp/plain) and at N ranks (into
# $tmp/nN), stdout beside; compares every file byte for byte, and stdout
# with the folder's name taken out.
same() {
	name=$1; shift
	rm -rf "$tmp/plain" "$tmp/n2" "$tmp/n3"
	$P "$@" --threads 2 -o "$tmp/plain" >"$tmp/plain.out" 2>"$tmp/plain.err"; prc=$?
	for n in 2 3; do
		$MPIRUN -n $n "$M" "$@" --threads 1 -o "$tmp/n$n" >"$tmp/n$n.out" 2>"$tmp/n$n.err"; rc=$?
		check '[ $rc -eq $prc ]' "$name: $n ranks exit $rc, without MPI $prc ($(head -c 300 "$tmp/n$n.err"))"
		check 'diff -r "$tmp/plain" "$tmp/n$n" >/dev/null' "$name: $n ranks wrote other bytes"
		sed "s|$tmp/n$n|DIR|g" "$tmp/n$n.out" >"$tmp/a"; sed "s|$tmp/plain|DIR|g" "$tmp/plain.out" >"$tmp/b"
		check 'cmp -s "$tmp/a" "$tmp/b"' "$name: $n ranks printed another summary"
	done
	check '[ -n "$(ls "$tmp/plain")" ]' "$name: something written"
}

same "run" run $D --reps 6 --no-charts
same "run with charts" run $G --reps 3 --format svg
same "sweep, tasks" sweep $D --vary agents=6:12:3 --vary refund_rate=4%,6% --reps 3 --no-charts
same "sweep, whole points" sweep $G --vary agents=2:14:1 --reps 2 --no-charts
same "compare" compare $D $N --reps 5 --no-charts
same "plan" plan tests/data/plan/stationary.ini --no-charts
same "sweep of several scenarios" sweep $D $N $G --vary agents=6,9 --reps 2 --no-charts
same "compare --each" compare --each $D $N --each $G $G --reps 3 --no-charts
# replan's carry-in travels with the scenario to the other ranks (rank 1
# once read the sender's pointer to it and died of a segfault).
R=tests/data/replan/small.ini
$P run $R --reps 1 --threads 1 -o "$tmp/log-run" --no-charts --no-xlsx --quiet --events "$tmp/log"
awk -F'","' 'NR == 1 || $3 <= "2026-11-13 10:00:00"' "$tmp/log_refunds.csv" >"$tmp/cut.csv"
same "replan with a carry-in" replan $R --now "2026-11-13 10:00" --actuals "$tmp/cut.csv" --no-charts --no-xlsx
check 'grep -q "^carry-in at 2026-11-13 10:00: [1-9][0-9]* open refunds" "$tmp/plain.out"' "replan under mpirun: refunds carried in"

# One rank: as without MPI.
$MPIRUN -n 1 "$M" sweep $D --vary agents=6,9 --reps 2 --no-charts -o "$tmp/n1" --quiet; rc=$?
$P sweep $D --vary agents=6,9 --reps 2 --no-charts -o "$tmp/p1" --quiet
check '[ $rc -eq 0 ] && diff -r "$tmp/p1" "$tmp/n1" >/dev/null' "1 rank: the same bytes"

# Usage errors on rank 0 end the job with exit 2, the others quit cleanly.
$MPIRUN -n 2 "$M" sweep $D --vary nokey=1,2 -o "$tmp/u" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "unknown key" "$tmp/err" && [ ! -e "$tmp/u" ]' "bad --vary under mpirun exits 2 (got $rc)"

# The pid of rank R of the mpirun job $1 (its children carry their rank).
rank_pid() {
	for c in $(pgrep -P "$1"); do
		if tr '\0' '\n' <"/proc/$c/environ" 2>/dev/null | grep -qx "OMPI_COMM_WORLD_RANK=$2"; then
			echo "$c"; return
		fi
	done
}

# CPU seconds process $1 has used.
cpu_of() {
	awk '{ print int(($14 + $15) / 100) }' "/proc/$1/stat" 2>/dev/null || echo 0
}

# Starts a long sweep at 3 ranks in the background ($job); waits until rank
# 2 is well into its first task (2 CPU seconds, whatever the load).
LONG="sweep scenarios/large-brand.ini --vary agents=30:60:10 --reps 3 --threads 1 --no-charts"
start_long() {
	rm -rf "$tmp/k"
	$MPIRUN -n 3 "$M" $LONG -o "$tmp/k" >"$tmp/k.out" 2>"$tmp/k.err" &
	job=$!
	r2=
	for i in $(seq 1 300); do
		r2=$(rank_pid $job 2)
		[ -n "$r2" ] && [ "$(cpu_of "$r2")" -ge 2 ] && break
		sleep 0.2
	done
}

# A rank stopped by a signal: exit 1, the message names the rank and its
# task, nothing written.
start_long
kill -TERM "$(rank_pid $job 2)"
wait $job; rc=$?
check '[ $rc -eq 1 ]' "a rank stopped by SIGTERM: exit 1 (got $rc)"
check 'grep -q "rank 2 (pid [0-9]* on .*) was stopped by signal 15 (Terminated) while running scenarios/large-brand.ini point [0-9]* of 4, replication [0-9]*" "$tmp/k.err"' \
	"a rank stopped by SIGTERM: the message names the task ($(grep promocap "$tmp/k.err"))"
check '[ ! -e "$tmp/k/sweep.csv" ] && [ -z "$(ls -A "$tmp/k" 2>/dev/null)" ]' "a rank stopped by SIGTERM: nothing written"

# A rank killed (SIGKILL): mpirun ends the job; rank 0 names the tasks in
# progress and writes nothing; mpirun's exit status is the killed rank's.
start_long
kill -KILL "$(rank_pid $job 2)"
wait $job; rc=$?
check '[ $rc -ne 0 ]' "a rank killed: exit not 0 (got $rc)"
check 'grep -q "rank 2 (pid [0-9]* on .*) died while running scenarios/large-brand.ini point" "$tmp/k.err"' \
	"a rank killed: the message names the rank and its task ($(grep promocap "$tmp/k.err"))"
# (the folder's lock file of the killed rank 0 may stay, unlocked)
check '[ -z "$(ls -A "$tmp/k" 2>/dev/null | grep -v "^\.promocap\.lock$")" ]' "a rank killed: nothing written"

# Ctrl-C on rank 0: stops as without MPI, exit 1, the points that did not
# finish marked complete = no.
start_long
kill -INT "$(rank_pid $job 0)"
wait $job; rc=$?
check '[ $rc -eq 1 ]' "Ctrl-C on rank 0: exit 1 (got $rc)"
# A stop cuts the running replications short: when no point had finished,
# nothing is written and the message says so; otherwise the points that
# did not finish are marked complete = no.
if grep -q "promocap: stopped before a point finished; nothing written" "$tmp/k.err"; then
	check '[ ! -e "$tmp/k/sweep.csv" ]' "Ctrl-C on rank 0 before a point finished: nothing written"
else
	check 'grep -q "promocap: stopped: [0-9]* of 4 points finished" "$tmp/k.err"' "Ctrl-C on rank 0: the stop message"
	check 'grep -q ",\"no\"," "$tmp/k/sweep.csv"' "Ctrl-C on rank 0: complete = no rows"
fi
check '[ -z "$(ls -A "$tmp/k" | grep "^\.")" ]' "Ctrl-C on rank 0: no temporary file left"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
