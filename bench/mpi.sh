#!/bin/sh
# mpi.sh (make MPI=1 bench-mpi): what sharing tasks over MPI ranks costs and
# gains.  1. The cost of every task of a 400-point double11 sweep and of a
# 100-replication large-brand run, one thread, with the message each task
# sends rank 0 and rank 0's cost per task; the 1,000-point x 20-replication
# sweep at 64 ranks estimated from them.  2. Strong scaling on this machine:
# the same sweep (BENCH_SCALE_REPS replications, 5) and a large-brand run
# (BENCH_SCALE_LB_REPS, 10) under mpirun at 1 and 2 ranks of one thread each,
# alternated BENCH_ROUNDS (3) times: median wall time, and whether the
# outputs are the same bytes.
# Sizes: BENCH_SWEEP_REPS (default 20, the scenario's), BENCH_LB_REPS (100);
# BENCH_PARTS="costs" or "scale" runs one part.
set -u
MPI_BUILD=${MPI_BUILD:-build-mpi}
SR=${BENCH_SWEEP_REPS:-20}
LR=${BENCH_LB_REPS:-100}
LINK=${BENCH_LINK_MB_S:-100}
ROUNDS=${BENCH_ROUNDS:-3}
SCALE_REPS=${BENCH_SCALE_REPS:-5}
SCALE_LB_REPS=${BENCH_SCALE_LB_REPS:-10}
MPIRUN="mpirun --oversubscribe --allow-run-as-root"
VARY="--vary agents=4:23:1 --vary refund_rate=2%:11.5%:0.5%"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
command -v mpirun >/dev/null 2>&1 || { echo "mpirun missing (make deps MPI=1)"; exit 1; }
make --no-print-directory -s build/bench/tasks >/dev/null || exit 1

PARTS=${BENCH_PARTS:-costs scale}
case $PARTS in *costs*)
echo "== task costs: scenarios/double11.ini, 400 points x $SR replications (one thread)"
build/bench/tasks scenarios/double11.ini "$SR" $VARY --estimate 1000 20 64 "$LINK"
echo
echo "== task costs: scenarios/large-brand.ini, $LR replications (one thread)"
build/bench/tasks scenarios/large-brand.ini "$LR" --estimate 1000 20 64 "$LINK"
echo
;; esac
# Median of the numbers on stdin.
median() {
	sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# 1 and 2 ranks of one thread each, alternated ROUNDS times (the machine's
# other load falls on both alike): median wall seconds and CPU seconds (user
# and system, every rank and mpirun, /usr/bin/time), the speed-up, and
# whether every round wrote the same bytes as the first.  On a machine
# shared with other work the wall times follow the scheduler's share: two
# processes get a larger share than one; the CPU seconds show the overhead.
scale() {
	name=$1; shift
	echo "== strong scaling: $name (one thread a rank, median of $ROUNDS rounds)"
	: >"$tmp/w1"; : >"$tmp/w2"; : >"$tmp/c1"; : >"$tmp/c2"; same=yes
	for i in $(seq 1 "$ROUNDS"); do
		for n in 1 2; do
			rm -rf "$tmp/n$n"
			/usr/bin/time -f "%e %U %S" -o "$tmp/t" $MPIRUN -n $n --bind-to none "$MPI_BUILD/promocap" "$@" \
				--threads 1 --quiet --no-charts -o "$tmp/n$n"
			awk '{ print $1 }' "$tmp/t" >>"$tmp/w$n"
			awk '{ print $2 + $3 }' "$tmp/t" >>"$tmp/c$n"
		done
		[ -d "$tmp/ref" ] || cp -r "$tmp/n1" "$tmp/ref"
		diff -r "$tmp/ref" "$tmp/n1" >/dev/null && diff -r "$tmp/ref" "$tmp/n2" >/dev/null || same=no
	done
	t1=$(median <"$tmp/w1"); t2=$(median <"$tmp/w2"); c1=$(median <"$tmp/c1"); c2=$(median <"$tmp/c2")
	echo "wall: 1 rank ${t1} s, 2 ranks ${t2} s, speed-up $(echo "$t1 $t2" | awk '{ printf "%.2f", $1 / $2 }')   same bytes: $same"
	echo "cpu:  1 rank ${c1} s, 2 ranks ${c2} s (all processes)"
	echo "  (rounds, wall 1 rank: $(tr '\n' ' ' <"$tmp/w1")s; 2 ranks: $(tr '\n' ' ' <"$tmp/w2")s)"
	rm -rf "$tmp/n1" "$tmp/n2" "$tmp/ref"
}
case $PARTS in *scale*)
scale "sweep double11, 400 points x $SCALE_REPS replications" sweep scenarios/double11.ini $VARY --reps "$SCALE_REPS"
scale "run large-brand, $SCALE_LB_REPS replications" run scenarios/large-brand.ini --reps "$SCALE_LB_REPS"
;; esac
echo
echo "(the machine's cores: $(nproc); other load on them shows in the wall times)"
