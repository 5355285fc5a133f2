# common.sh: what the paired benchmarks (charts.sh, engine.sh, plan.sh) share, sourced
# with $tmp set: bench_base builds an earlier commit ($1, e.g. HEAD~1) in
# the worktree $tmp/base and sets base to it (empty when git, the commit
# or its build is missing: only the current build is timed); median reads
# numbers, one a line, and prints their median.
# shellcheck disable=SC2154,SC2034 # tmp is the caller's, base is for the caller
bench_base() {
	base=""
	if command -v git >/dev/null 2>&1 && rev=$(git rev-parse --verify -q "$1^{commit}") &&
		git worktree add --detach "$tmp/base" "$rev" >/dev/null 2>&1; then
		if make -C "$tmp/base" -j2 build/promocap >"$tmp/base.log" 2>&1; then
			base="$tmp/base"
		else
			echo "the base $1 did not build (see below), only the current build timed"
			tail -n 5 "$tmp/base.log"
		fi
	fi
}
median() { sort -n | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
