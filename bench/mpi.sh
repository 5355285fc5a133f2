#!/bin/sh
# mpi.sh (make MPI=1 bench-mpi): what sharing tasks over MPI ranks costs and
# gains.  1. The cost of every task of a 400-point double11 sweep and of a
# 100-replication large-brand run, one thread, with the message each task
# sends rank 0 and rank 0's cost per task; the 1,000-point x 20-replication
# sweep at 64 ranks estimated from them.  2. Strong scaling on this machine:
# the same sweep and run under mpirun at 1 and 2 ranks of one thread each,
# wall time, and whether the outputs are the same bytes.
# Sizes: BENCH_SWEEP_REPS (default 20, the scenario's), BENCH_LB_REPS (100).
set -u
MPI_BUILD=${MPI_BUILD:-build-mpi}
SR=${BENCH_SWEEP_REPS:-20}
LR=${BENCH_LB_REPS:-100}
LINK=${BENCH_LINK_MB_S:-100}
MPIRUN="mpirun --oversubscribe --allow-run-as-root"
VARY="--vary agents=4:23:1 --vary refund_rate=2%:11.5%:0.5%"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
command -v mpirun >/dev/null 2>&1 || { echo "mpirun missing (make deps MPI=1)"; exit 1; }
make --no-print-directory -s build/bench/tasks >/dev/null || exit 1

echo "== task costs: scenarios/double11.ini, 400 points x $SR replications (one thread)"
build/bench/tasks scenarios/double11.ini "$SR" $VARY --estimate 1000 20 64 "$LINK"
echo
echo "== task costs: scenarios/large-brand.ini, $LR replications (one thread)"
build/bench/tasks scenarios/large-brand.ini "$LR" --estimate 1000 20 64 "$LINK"
echo
# Wall seconds of a command.
wall() {
	s=$(date +%s.%N); "$@"; rc=$?; e=$(date +%s.%N)
	echo "$s $e" | awk '{ printf "%.2f", $2 - $1 }'
	return $rc
}
scale() {
	name=$1; shift
	echo "== strong scaling: $name (one thread a rank)"
	t1=$(wall $MPIRUN -n 1 "$MPI_BUILD/promocap" "$@" --threads 1 --quiet --no-charts -o "$tmp/n1")
	t2=$(wall $MPIRUN -n 2 "$MPI_BUILD/promocap" "$@" --threads 1 --quiet --no-charts -o "$tmp/n2")
	same=no; diff -r "$tmp/n1" "$tmp/n2" >/dev/null && same=yes
	echo "1 rank: ${t1} s   2 ranks: ${t2} s   speed-up: $(echo "$t1 $t2" | awk '{ printf "%.2f", $1 / $2 }')   same bytes: $same"
	rm -rf "$tmp/n1" "$tmp/n2"
}
scale "sweep double11, 400 points x $SR replications" sweep scenarios/double11.ini $VARY --reps "$SR"
scale "run large-brand, $LR replications" run scenarios/large-brand.ini --reps "$LR"
echo
echo "(the machine's cores: $(nproc); other load on them shows in the wall times)"
