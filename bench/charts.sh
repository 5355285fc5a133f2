#!/bin/sh
# charts.sh: the chart phase of a run, scenarios/double11.ini: the time
# `promocap plot DIR` takes to draw a run's charts (PNG and SVG, every
# chart, the gnuplots included), against the same phase of an earlier
# commit (BENCH_BASE, default HEAD~1, built in a temporary worktree), both
# on the same tables.  The two alternate BENCH_ROUNDS times (default 11),
# so that other load on the machine falls on both alike; the medians of
# the wall time and of the CPU time (user + system, gnuplot's included)
# are printed, and the ratio of the medians.  Without git or the base
# commit only the current build is timed.
set -u
BUILD=${BUILD:-build}
ROUNDS=${BENCH_ROUNDS:-11}
BASE=${BENCH_BASE:-HEAD~1}
SCENARIO=${BENCH_SCENARIO:-scenarios/double11.ini}
P=$BUILD/promocap
tmp=$(mktemp -d)
trap 'if [ -d "$tmp/base" ]; then git worktree remove --force "$tmp/base" >/dev/null 2>&1; fi; rm -rf "$tmp"' EXIT

if ! command -v gnuplot >/dev/null 2>&1 || [ ! -x /usr/bin/time ]; then
	echo "charts: gnuplot or /usr/bin/time missing, not measured"
	exit 0
fi
"$P" run "$SCENARIO" -o "$tmp/tables" --no-charts --quiet --no-xlsx || exit 1

# The base: its own binary and its own chart scripts.
. bench/common.sh
bench_base "$BASE"

# One timed plot: appends "wall cpu" to the file $1.
timed() {
	out=$1; shift
	/usr/bin/time -f "%e %U %S" -o "$tmp/t" "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
	awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$tmp/t" >>"$out"
}

: >"$tmp/new"; : >"$tmp/old"
i=0
while [ $i -lt "$ROUNDS" ]; do
	timed "$tmp/new" "$P" plot "$tmp/tables" -o "$tmp/new-charts" --quiet
	if [ -n "$base" ]; then
		PROMOCAP_PLOTS=$base/plots timed "$tmp/old" "$base/build/promocap" plot "$tmp/tables" -o "$tmp/old-charts" --quiet
	fi
	i=$((i + 1))
done
nw=$(cut -d' ' -f1 "$tmp/new" | median); nc=$(cut -d' ' -f2 "$tmp/new" | median)
n=$(ls "$tmp/new-charts" | grep -c '\.png$')
echo "this build: $n charts, PNG and SVG: wall median $nw s, CPU median $nc s ($ROUNDS rounds, $(nproc 2>/dev/null || echo ?) cores)"
if [ -n "$base" ]; then
	ow=$(cut -d' ' -f1 "$tmp/old" | median); oc=$(cut -d' ' -f2 "$tmp/old" | median)
	o=$(ls "$tmp/old-charts" | grep -c '\.png$')
	echo "base $BASE ($(git rev-parse --short "$BASE")): $o charts: wall median $ow s, CPU median $oc s"
	awk -v a="$nw" -v b="$ow" -v c="$nc" -v d="$oc" 'BEGIN { printf "this build / base: wall %.2fx, CPU %.2fx (paired rounds, medians)\n", a / b, c / d }'
fi
