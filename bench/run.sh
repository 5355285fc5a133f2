#!/bin/sh
# run.sh: the reference benchmarks of shared/bench/MODELS.md and the
# large-brand scenario: wall time, events per second, peak memory.  Each
# replication runs on one thread; the figures are per replication; the
# engine against the previous commit (bench/engine.sh), paired rounds.  Then a
# sweep of double11 (50 points x 10 replications) on 1 and 2 threads: wall
# time, CPU time, the speed-up, and whether the tables are identical.  And
# the planner on double11 and large-brand, on every core: wall time and the
# simulations it used (checks, replications); plan --confidence 90% against
# plan on double11-forecast (bench/confidence.sh, paired rounds, medians);
# the planner with shift
# design (GLPK) on the 50-day, three-resource 618 scenario.  And promocap
# erlang for 10,000 calls per 30 min at AHT 300 s: the answer in the
# library, and the whole command under /usr/bin/time (wall time includes
# starting the process, which a loaded machine stretches; user + system is
# the work).  Then promocap fit on a 1,000,000-refund export that
# scenarios/bench-fit.ini writes with run --events: wall, CPU, peak memory.
# Then the chart phase of a run (bench/charts.sh): promocap plot of
# double11 against the previous commit, paired rounds, medians.  Last, the
# planner against the previous commit (bench/plan.sh): promocap plan -o DIR
# on double11, large-brand and 618, paired rounds, medians.
set -u
BUILD=${BUILD:-build}
echo "== model (a): M/M/c, 1,000,000 arrivals, on the engine"
"$BUILD"/bench/mmc --seed 1
echo
echo "== model (b): scenarios/bench-promo.ini"
"$BUILD"/bench/promo scenarios/bench-promo.ini 5
echo
echo "== large brand: scenarios/large-brand.ini"
"$BUILD"/bench/promo scenarios/large-brand.ini 3
echo
echo "== the engine against the previous commit (bench/engine.sh): large-brand and model (b), paired rounds, medians (goal: large-brand <= 0.7 s a replication)"
BUILD=$BUILD sh bench/engine.sh
echo
echo "== sweep: scenarios/double11.ini, 50 points x 10 replications, 1 and 2 threads"
"$BUILD"/bench/sweep scenarios/double11.ini 2
echo
echo "== planning: scenarios/double11.ini (promocap plan: wall time, checks, replications)"
"$BUILD"/promocap plan scenarios/double11.ini --quiet --stats
echo "exit code: $? (1: a target cannot be met within max_per_shift, see above)"
echo
echo "== planning for the forecast's spread: scenarios/double11-forecast.ini, plan against plan --confidence 90% (goal: under 4x)"
BUILD=$BUILD sh bench/confidence.sh
echo
echo "== planning: scenarios/large-brand.ini"
"$BUILD"/promocap plan scenarios/large-brand.ini --quiet --stats
echo "exit code: $? (1: a target cannot be met within max_per_shift, see above)"
echo
echo "== erlang: 10,000 calls per 30 min, AHT 300 s, 80% within 20 s (about 1,700 agents)"
"$BUILD"/bench/erlang
if [ -x /usr/bin/time ]; then
	for extra in "" "--patience 5min"; do
		# shellcheck disable=SC2086
		/usr/bin/time -f "promocap erlang $extra: %e s wall, %U s user, %S s system, %M KB peak" \
			"$BUILD"/promocap erlang --calls 10000 --per 30min --aht 300s --target "80% within 20s" $extra >/dev/null
	done
fi
echo "== planning with shift design: scenarios/618.ini (50 days, three resources; target < 30 s)"
"$BUILD"/promocap plan scenarios/618.ini --quiet --stats
echo "exit code: $? (1: a target cannot be met on every day, see above)"
echo
echo "== fit: a 1,000,000-refund export (scenarios/bench-fit.ini logged with run --events; target < 10 s, < 500 MiB)"
fitdir=$(mktemp -d)
"$BUILD"/promocap run scenarios/bench-fit.ini --quiet --events "$fitdir/log"
wc -l "$fitdir"/log_orders.csv "$fitdir"/log_refunds.csv "$fitdir"/log_work.csv
if [ -x /usr/bin/time ]; then
	# the fit as a manager runs it (report charts drawn), then the fit alone
	for charts in "" --no-charts; do
		/usr/bin/time -f "promocap fit ${charts:-(charts drawn)}: %e s wall, %U s user, %S s system, %M KB peak" \
			"$BUILD"/promocap fit --orders "$fitdir/log_orders.csv" --refunds "$fitdir/log_refunds.csv" \
			--work "$fitdir/log_work.csv" -o "$fitdir/fit$charts" --quiet $charts
	done
else
	"$BUILD"/promocap fit --orders "$fitdir/log_orders.csv" --refunds "$fitdir/log_refunds.csv" \
		--work "$fitdir/log_work.csv" -o "$fitdir/fit"
fi
rm -rf "$fitdir"
echo
echo "== charts: a run's charts of scenarios/double11.ini (promocap plot), against the previous commit (target < 0.5 s)"
BUILD=$BUILD sh bench/charts.sh
echo
echo "== planning against the previous commit: promocap plan -o DIR --seed 1 on double11, large-brand, 618 (targets < 3 s, < 20 s, < 30 s)"
BUILD=$BUILD sh bench/plan.sh
