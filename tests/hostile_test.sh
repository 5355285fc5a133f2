#!/bin/sh
# hostile_test: the command line against scenarios too large for memory,
# paths with spaces and Chinese characters, text that would be a spreadsheet
# formula, and bytes that are not UTF-8.
BUILD=${BUILD:-build}
P=$BUILD/promocap
CSV=$BUILD/tests/tool_csvcheck
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "not ok - $*"; }
check() { if eval "$1"; then ok; else bad "$2"; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
tables="kpis daily intervals sla segments first_response"

# GMV 1e11: 20,000,000 refunds; above --max-memory the run is refused with
# exit 2 before anything is written.
cat >"$tmp/gmv.ini" <<'INI'
[promotion]
sales_start = 2026-11-01
sales_end = 2026-11-11
gmv = 1e11
aov = 250
[refunds]
rate = 5%
INI
$P run "$tmp/gmv.ini" -o "$tmp/gmv-out" --max-memory 1G >"$tmp/out" 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ]' "gmv 1e11 above --max-memory 1G exits 2 (got $rc)"
check 'grep -q "^promocap: $tmp/gmv.ini: the run needs about .* GiB. of memory (20000000 refunds and 8000000 after-sales cases a replication, 20 replications on [0-9]* threads\{0,1\}), above the limit of 1 GiB; run fewer replications or threads, or raise --max-memory$" "$tmp/err"' \
	"gmv 1e11: the message gives the estimate and the limit: $(cat "$tmp/err")"
check '[ ! -e "$tmp/gmv-out" ] && [ ! -s "$tmp/out" ]' "gmv 1e11: nothing written"
$P check "$tmp/gmv.ini" >/dev/null 2>&1; check '[ $? -eq 0 ]' "gmv 1e11: check accepts the scenario"
for v in abc 0 -1G 1X 1.5.5G '' 2P; do
	$P run tests/data/sim/golden.ini --max-memory "$v" >/dev/null 2>"$tmp/err"; rc=$?
	check '[ $rc -eq 2 ] && grep -q "'"'"'--max-memory'"'"' must be a size such as 4G or 512M, got '"'$v'"'" "$tmp/err"' \
		"--max-memory '$v' is a usage error: $(cat "$tmp/err")"
done
$P run tests/data/sim/golden.ini --max-memory 1.5GiB --quiet; check '[ $? -eq 0 ]' "--max-memory 1.5GiB runs golden"
$P run tests/data/sim/golden.ini --max-memory 1M --quiet 2>/dev/null; check '[ $? -eq 2 ]' "--max-memory 1M refuses golden"

# Paths with spaces and Chinese characters: scenario, CSV tables, -o DIR.
d="$tmp/双11 场景 (copy)"
mkdir -p "$d/曲线 目录"
cp scenarios/curves/d11-daily.csv "$d/曲线 目录/每日 份额.csv"
cp scenarios/curves/intraday.csv "$d/曲线 目录/intraday one.csv"
sed -e 's|^daily_share .*|daily_share  = 曲线 目录/每日 份额.csv|' \
    -e 's|^hourly_share .*|hourly_share = 曲线 目录/intraday one.csv|' \
    -e 's|^roster = rosters/.*|roster = 8|' -e 's|^replications .*|replications = 2|' \
    scenarios/double11.ini >"$d/双11 场景 一.ini"
out="$tmp/输出 dir/run 1"
$P run "$d/双11 场景 一.ini" -o "$out" --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ]' "a scenario under a path with spaces and Chinese runs ($(cat "$tmp/err"))"
for t in $tables; do
	check '$CSV "$out/$t.csv" >/dev/null' "$t.csv written under '$out' and parses"
done
rm "$d/曲线 目录/每日 份额.csv"
line=$(grep -n '^daily_share' "$d/双11 场景 一.ini" | cut -d: -f1)
$P run "$d/双11 场景 一.ini" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -qF "$d/双11 场景 一.ini:$line: cannot open '"'"'$d/曲线 目录/每日 份额.csv'"'"': No such file or directory" "$tmp/err"' \
	"a missing CSV under such a path is named in full: $(cat "$tmp/err")"

# A scenario name that is a spreadsheet formula: the run writes it nowhere as
# a formula (no cell of any table starts with = + - @ unquoted or quoted).
sed 's|^name .*|name         = =cmd\|'"'"' /C calc'"'"'!A0|' tests/data/sim/golden.ini >"$tmp/inject.ini"
sed -i 's|hourly_share = .*||' "$tmp/inject.ini"
$P run "$tmp/inject.ini" -o "$tmp/inject" >"$tmp/out" 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ]' "a formula as the name runs ($(cat "$tmp/err"))"
check 'grep -qF "=cmd|'"'"' /C calc'"'"'!A0" "$tmp/out"' "the summary shows the name as written"
check '! cat "$tmp"/inject/*.csv | grep -Eq "(^|,)\"?[=+@]"' "no table cell starts a formula"

# Bytes that are not UTF-8 in the name: refused with exit 2.
printf '[promotion]\nname = \315\313\277\356\nsales_start = 2026-11-01\nsales_end = 2026-11-01\ngmv = 1e5\naov = 100\n[refunds]\nrate = 5%%\n' >"$tmp/gbk.ini"
$P run "$tmp/gbk.ini" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "gbk.ini:2: .name. must be UTF-8 text" "$tmp/err"' "a GBK name is refused: $(cat "$tmp/err")"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
