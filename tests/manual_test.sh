#!/bin/sh
# manual_test: the manual page renders without a warning and holds every
# command, option and scenario key; the bash completion completes
# commands, options, --vary keys and --format/--lang values; --version
# names the version, the commit and the libraries; make install puts the
# page and the completion in place.
BUILD=${BUILD:-build}
P=$BUILD/promocap
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "not ok - $*"; }
check() { if eval "$1"; then ok; else bad "$2"; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# the manual page: generated now, the same as the one the build wrote
$P manpage >"$tmp/promocap.1"; check '[ $? -eq 0 ]' "promocap manpage exits 0"
if [ -f "$BUILD/promocap.1" ]; then
	check 'cmp -s "$tmp/promocap.1" "$BUILD/promocap.1"' "$BUILD/promocap.1 is up to date"
fi
if command -v groff >/dev/null 2>&1; then
	groff -ww -man -Tutf8 "$tmp/promocap.1" >"$tmp/man.txt" 2>"$tmp/man.err"; rc=$?
	check '[ $rc -eq 0 ]' "groff exits 0"
	check '[ ! -s "$tmp/man.err" ]' "groff -ww gives no warning: $(head -3 "$tmp/man.err")"
	sed 's/.\x08//g' "$tmp/man.txt" >"$tmp/man.plain"
	for c in run sweep compare check plot report plan erlang; do
		check 'grep -q "^       $c " "$tmp/man.plain" || grep -q "^       $c$" "$tmp/man.plain"' "the page describes $c"
	done
	for o in --reps --vary --max-memory --patience --max-occupancy --version; do
		check 'grep -q -- "^       \(-[A-Za-z], \)\{0,1\}$o" "$tmp/man.plain"' "the page has option $o"
	done
	# every key of the key reference, in its section
	$P check --keys | sed -n 's/^| `\([a-z_0-9]*\)` |.*/\1/p' >"$tmp/keys"
	nkeys=$(wc -l <"$tmp/keys")
	sed -n '/^SCENARIO KEYS/,/^EXIT STATUS/p' "$tmp/man.plain" >"$tmp/man.keys"
	missing=$(while read -r k; do grep -q "^       $k  *(" "$tmp/man.keys" || printf '%s ' "$k"; done <"$tmp/keys")
	check '[ "$nkeys" -gt 50 ] && [ -z "$missing" ]' "the page has every key of check --keys (missing: $missing)"
	check 'grep -q "^       response_timeout_to_agent (default" "$tmp/man.plain" || grep -q "^       gmv (required)" "$tmp/man.plain"' "a key with its default"
	check 'grep -q "^EXIT STATUS" "$tmp/man.plain"' "the page has EXIT STATUS"
else
	echo "skipped: the page's rendering (groff is not installed: apt-get install groff-base)"
fi
if command -v man >/dev/null 2>&1; then
	MANWIDTH=80 man --warnings -E UTF-8 -l "$tmp/promocap.1" >/dev/null 2>"$tmp/man2.err"
	check '[ ! -s "$tmp/man2.err" ]' "man --warnings -l gives no warning: $(head -3 "$tmp/man2.err")"
fi

# the completion
$P completion bash >"$tmp/promocap.bash"; check '[ $? -eq 0 ]' "promocap completion bash exits 0"
if [ -f "$BUILD/promocap.bash" ]; then
	check 'cmp -s "$tmp/promocap.bash" "$BUILD/promocap.bash"' "$BUILD/promocap.bash is up to date"
fi
# complete WORDS...: the completions of the last word, one line each.
cat >"$tmp/complete.sh" <<'EOS'
. "$1"; shift
COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=()
_promocap promocap "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
EOS
complete() { bash "$tmp/complete.sh" "$tmp/promocap.bash" "$@" 2>&1 | sort | tr '\n' ' '; }
got=$(complete promocap ""); check 'echo "$got" | grep -q "erlang .*plan .*run .*sweep"' "commands: got '$got'"
got=$(complete promocap er); check '[ "$got" = "erlang " ]' "promocap er: got '$got'"
got=$(complete promocap run x.ini --fo); check '[ "$got" = "--format " ]' "run --fo: got '$got'"
got=$(complete promocap run x.ini --format ""); check '[ "$got" = "pdf png svg " ]' "--format values: got '$got'"
got=$(complete promocap plot out --lang ""); check '[ "$got" = "en zh " ]' "--lang values: got '$got'"
got=$(complete promocap sweep x.ini --vary refund_r); check '[ "$got" = "refund_rate= " ]' "--vary alias: got '$got'"
got=$(complete promocap sweep x.ini --vary refunds.ra); check '[ "$got" = "refunds.rate= " ]' "--vary section.key: got '$got'"
got=$(complete promocap sweep x.ini --vary staff.agent.ro); check '[ "$got" = "staff.agent.roster= " ]' "--vary staff key: got '$got'"
got=$(complete promocap erlang --pat); check '[ "$got" = "--patience " ]' "erlang --pat: got '$got'"
got=$(complete promocap erlang --max-); check '[ "$got" = "--max-abandon --max-agents --max-occupancy " ]' "erlang --max-: got '$got'"
got=$(complete promocap check --k); check '[ "$got" = "--keys " ]' "check --k: got '$got'"
got=$(complete promocap plan x.ini --reps ""); check '[ -z "$(echo $got)" ]' "no completion for a number: got '$got'"
got=$(complete promocap run --vary); check '[ -z "$(echo $got)" ]' "run has no --vary: got '$got'"

# --version and -V
$P --version >"$tmp/v" 2>&1; rc=$?
check '[ $rc -eq 0 ]' "--version exits 0"
want=$(sed -n 's/^VERSION *:= *//p' Makefile)
check 'head -1 "$tmp/v" | grep -qx "promocap $want"' "--version: 'promocap $want' (got '$(head -1 "$tmp/v")')"
for l in commit GSL libcsv inih gnuplot; do
	check 'grep -q "^$l  *[^ ]" "$tmp/v"' "--version names $l"
done
check 'grep -q "^libcsv  *[0-9]*\.[0-9]*\.[0-9]*$" "$tmp/v"' "--version: libcsv x.y.z"
$P -V >"$tmp/v2" 2>&1; check 'cmp -s "$tmp/v" "$tmp/v2"' "-V is --version"
if [ -d .git ] || [ -f .git ]; then
	c=$(git rev-parse --short=12 HEAD 2>/dev/null)
	check 'grep -q "^commit  *$c" "$tmp/v"' "--version: the commit ($c)"
fi
PATH=/nonexistent "$P" --version | grep -q "^gnuplot  *not found"; check '[ $? -eq 0 ]' "--version without gnuplot says not found"

# make install: the page and the completion in place
if [ "$BUILD" = build ]; then
	make -s --no-print-directory install DESTDIR="$tmp/root" PREFIX=/usr >"$tmp/install.log" 2>&1
	check '[ $? -eq 0 ]' "make install ($(tail -3 "$tmp/install.log"))"
	check '[ -f "$tmp/root/usr/share/man/man1/promocap.1" ]' "installed share/man/man1/promocap.1"
	check '[ -f "$tmp/root/usr/share/bash-completion/completions/promocap" ]' "installed the bash completion"
	check '[ -x "$tmp/root/usr/bin/promocap" ]' "installed bin/promocap"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
