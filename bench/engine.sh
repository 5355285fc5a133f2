#!/bin/sh
# engine.sh: the engine against an earlier commit (BENCH_BASE, default
# HEAD~1, built in a temporary worktree): bench/promo on large-brand (3
# replications a process, BENCH_ENGINE_REPS to change it) and on
# bench-promo (model (b), 5 replications), this build and the base
# alternating BENCH_ROUNDS times (default 7), so that other load on the
# machine falls on both alike.  Prints the median seconds a replication and
# the ratio.  A replication's work is the same in both when the outputs
# are (the golden digests of make test); its instructions and cache misses,
# which no other load changes, come from
#   valgrind --tool=cachegrind --cache-sim=yes build/bench/promo scenarios/large-brand.ini 1
set -u
BUILD=${BUILD:-build}
ROUNDS=${BENCH_ROUNDS:-7}
REPS=${BENCH_ENGINE_REPS:-3}
BASE=${BENCH_BASE:-HEAD~1}
tmp=$(mktemp -d)
trap 'if [ -d "$tmp/base" ]; then git worktree remove --force "$tmp/base" >/dev/null 2>&1; fi; rm -rf "$tmp"' EXIT

. bench/common.sh
bench_base "$BASE"
if [ -n "$base" ] && ! make -C "$base" -j2 build/bench/promo >"$tmp/base.log" 2>&1; then
	echo "the base's bench/promo did not build, only the current build timed"
	base=""
fi

per_rep() { "$1" "$2" "$3" 2>/dev/null | awk '/^wall_per_replication_s:/ { print $2 }'; }

for s in large-brand:"$REPS" bench-promo:5; do
	name=${s%%:*}; n=${s##*:}
	: >"$tmp/new"; : >"$tmp/old"
	i=0
	while [ $i -lt "$ROUNDS" ]; do
		per_rep "$BUILD/bench/promo" "scenarios/$name.ini" "$n" >>"$tmp/new"
		[ -z "$base" ] || per_rep "$base/build/bench/promo" "scenarios/$name.ini" "$n" >>"$tmp/old"
		i=$((i + 1))
	done
	nm=$(median <"$tmp/new")
	echo "bench/promo scenarios/$name.ini $n, $ROUNDS rounds: this build $nm s a replication (median)"
	if [ -n "$base" ]; then
		om=$(median <"$tmp/old")
		echo "  base $BASE ($(git rev-parse --short "$BASE")): $om s a replication (median)"
		awk -v a="$nm" -v b="$om" 'BEGIN { printf "  this build / base: %.3fx (paired rounds, medians)\n", a / b }'
	fi
done
