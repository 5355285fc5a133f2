#!/bin/sh
# plan.sh: promocap plan on the planner's reference scenarios (double11,
# large-brand, the 50-day three-resource 618 with shift design) against an
# earlier commit (BENCH_BASE, default HEAD~1, built in a temporary
# worktree): `promocap plan SCENARIO -o DIR --seed 1`, the whole command
# (tables, workbook and charts included), current build and base
# alternating BENCH_ROUNDS times (default 5; large-brand and 618 once
# unless BENCH_LONG_ROUNDS says more), so that other load on the machine
# falls on both alike.  Prints the medians of wall and CPU time (user +
# system, gnuplot's included), their ratio, and each build's effort
# (checks, replications) and cost.  Goals on a 2-core machine: double11
# under 3 s, large-brand under 20 s, 618 under 30 s.  BENCH_PLAN_SCENARIOS
# names other scenarios of scenarios/ (without .ini).
set -u
BUILD=${BUILD:-build}
ROUNDS=${BENCH_ROUNDS:-5}
LONG=${BENCH_LONG_ROUNDS:-1}
SCENARIOS=${BENCH_PLAN_SCENARIOS:-double11 large-brand 618}
BASE=${BENCH_BASE:-HEAD~1}
P=$BUILD/promocap
tmp=$(mktemp -d)
trap 'if [ -d "$tmp/base" ]; then git worktree remove --force "$tmp/base" >/dev/null 2>&1; fi; rm -rf "$tmp"' EXIT

if [ ! -x /usr/bin/time ]; then
	echo "plan: /usr/bin/time missing, not measured"
	exit 0
fi
. bench/common.sh
bench_base "$BASE"

# One timed plan: appends "wall cpu" to $1, keeps its output in $1.txt.
timed() {
	out=$1; shift
	rm -rf "$tmp/dir"
	/usr/bin/time -f "%e %U %S" -o "$tmp/t" "$@" -o "$tmp/dir" --seed 1 --stats >"$out.txt" 2>&1
	rc=$?
	[ $rc -le 1 ] || { tail -n 5 "$out.txt"; exit 1; }
	# time -o writes "Command exited with non-zero status 1" above the
	# figures when a target cannot be met (large-brand): the figures alone.
	tail -n 1 "$tmp/t" | awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' >>"$out"
}
# Shift design (618) counts rounds, not checks, and prints "cost: N CNY".
effort() { awk '/^checks: [0-9]+$/ { c = $2 " checks" } /^effort: [0-9]+ rounds?,/ && !c { c = $2 " " $3; sub(/,$/, "", c) } /^replications: / { r = $2 } /staff cost/ && !s { s = $3 " " $4 } /^  cost: [0-9,]+ CNY/ && !s { s = $2 " " $3 } END { printf "%s, %s replications, staff cost %s", c, r, s }' "$1"; }

for s in $SCENARIOS; do
	n=$ROUNDS
	[ "$s" = double11 ] || n=$LONG
	: >"$tmp/new"; : >"$tmp/old"
	i=0
	while [ $i -lt "$n" ]; do
		timed "$tmp/new" "$P" plan "scenarios/$s.ini"
		if [ -n "$base" ]; then
			PROMOCAP_PLOTS=$base/plots timed "$tmp/old" "$base/build/promocap" plan "scenarios/$s.ini"
		fi
		i=$((i + 1))
	done
	nw=$(cut -d' ' -f1 "$tmp/new" | median); nc=$(cut -d' ' -f2 "$tmp/new" | median)
	echo "plan scenarios/$s.ini -o DIR --seed 1, $n rounds: this build wall median $nw s, CPU median $nc s ($(effort "$tmp/new.txt"))"
	if [ -n "$base" ]; then
		ow=$(cut -d' ' -f1 "$tmp/old" | median); oc=$(cut -d' ' -f2 "$tmp/old" | median)
		echo "  base $BASE ($(git rev-parse --short "$BASE")): wall median $ow s, CPU median $oc s ($(effort "$tmp/old.txt"))"
		awk -v a="$nw" -v b="$ow" -v c="$nc" -v d="$oc" 'BEGIN { printf "  this build / base: wall %.2fx, CPU %.2fx (paired rounds, medians)\n", a / b, c / d }'
	fi
done
