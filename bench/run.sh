#!/bin/sh
# run.sh: the reference benchmarks of shared/bench/MODELS.md and the
# large-brand scenario: wall time, events per second, peak memory.
set -u
BUILD=${BUILD:-build}
BIN=$BUILD/promocap
echo "== model (a): M/M/c, 1,000,000 arrivals, on the engine"
"$BUILD"/bench/mmc --seed 1
echo
echo "== model (b): scenarios/bench-promo.ini, 5 replications on 1 thread"
"$BIN" run scenarios/bench-promo.ini --reps 5 --threads 1 --stats
echo
echo "== large brand: scenarios/large-brand.ini, 2 replications on 1 thread"
"$BIN" run scenarios/large-brand.ini --reps 2 --threads 1 --stats --quiet
