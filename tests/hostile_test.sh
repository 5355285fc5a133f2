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
tmp=$(mktemp -d); mounted=""
trap 'for m in $mounted; do umount "$m" 2>/dev/null; done; rm -rf "$tmp"' EXIT
# whole FILE: a chart from its first bytes to its last (PNG to IEND, SVG to
# its closing tag, PDF to %%EOF).
whole() {
	case "$1" in
	*.png) [ "$(tail -c 12 "$1" | od -An -tx1 | tr -d ' \n')" = 0000000049454e44ae426082 ] ;;
	*.svg) tail -c 64 "$1" | tr -d ' \n\r\t' | grep -q '</svg>$' ;;
	*.pdf) tail -c 64 "$1" | grep -q '%%EOF' ;;
	esac
}
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


# ---- issue 14 -------------------------------------------------------------
G=tests/data/sim/golden.ini

# 1. A chart cut off (gnuplot exits 0 after a failed write) is never taken
# for whole: a fake gnuplot that writes half an SVG and exits 0.
mkdir -p "$tmp/bin"
cat >"$tmp/bin/gnuplot" <<'SH'
#!/bin/sh
sed -n "s/^out = [\"']\(.*\)[\"']\$/\1/p" | while IFS= read -r f; do printf '<svg><g clip-path="u' >"$f"; done
exit 0
SH
chmod +x "$tmp/bin/gnuplot"
PATH="$tmp/bin:$PATH" $P run $G -o "$tmp/cut" --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 1 ] && grep -q "^promocap: cannot write '"'"'$tmp/cut/demand.png'"'"': gnuplot left it incomplete$" "$tmp/err"' \
	"a cut-off chart is refused, exit 1 (got $rc): $(cat "$tmp/err")"
check '! ls "$tmp/cut" | grep -Eq "\.(png|svg)$"' "no cut-off chart is left in place"
# A full disk (a 400 KiB tmpfs: the tables fit, the charts do not), then
# one too small for the tables: the reason is given, exit 1, and every chart
# left is whole.
if mkdir -p "$tmp/full" && mount -t tmpfs -o size=400k tmpfs "$tmp/full" 2>/dev/null; then
	mounted="$tmp/full"
	$P run $G -o "$tmp/full/o" --quiet 2>"$tmp/err"; rc=$?
	check '[ $rc -eq 1 ] && grep -Eq "^promocap: cannot write .*\.(svg|png).: No space left on device$" "$tmp/err"' \
		"charts on a full disk: exit 1 with the reason (got $rc): $(cat "$tmp/err")"
	for c in "$tmp"/full/o/*.png "$tmp"/full/o/*.svg; do
		[ -e "$c" ] || continue
		check 'whole "$c"' "a chart left on the full disk is whole: $c"
	done
	for t in $tables; do
		check '$CSV "$tmp/full/o/$t.csv" >/dev/null' "full disk: $t.csv is whole"
	done
	umount "$tmp/full"; mount -t tmpfs -o size=100k tmpfs "$tmp/full"
	$P run $G -o "$tmp/full/o" --quiet 2>"$tmp/err"; rc=$?
	check '[ $rc -eq 1 ] && grep -q "^promocap: cannot write .*\.csv.: No space left on device$" "$tmp/err"' \
		"a table on a full disk: exit 1 with the reason (got $rc): $(cat "$tmp/err")"
	umount "$tmp/full"; mounted=""
else
	echo "# skip: no tmpfs mount (not root): the full-disk cases"
fi

# 2. A named pipe as scenario, include or CSV: refused at once, not waited on.
mkfifo "$tmp/pipe.ini" "$tmp/pipe.csv"
timeout 10 $P check "$tmp/pipe.ini" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -qF "cannot read '"'"'$tmp/pipe.ini'"'"': not a regular file" "$tmp/err"' \
	"a FIFO scenario is refused without blocking (got $rc): $(cat "$tmp/err")"
printf 'include = pipe.ini\n' >"$tmp/inc-pipe.ini"
timeout 10 $P run "$tmp/inc-pipe.ini" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -qF "inc-pipe.ini:1: cannot read include '"'"'$tmp/pipe.ini'"'"': not a regular file" "$tmp/err"' \
	"a FIFO include is refused without blocking (got $rc): $(cat "$tmp/err")"
sed "s|^hourly_share = .*|hourly_share = $tmp/pipe.csv|" $G >"$tmp/csv-pipe.ini"
timeout 10 $P check "$tmp/csv-pipe.ini" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -qF "cannot read '"'"'$tmp/pipe.csv'"'"': not a regular file" "$tmp/err"' \
	"a FIFO CSV is refused without blocking (got $rc): $(cat "$tmp/err")"

# 3. A NUL byte anywhere in a scenario: refused at its line.
printf '[promotion]\nsales_start = 2026-11-01\nsales_end = 2026-11-01\ngmv = 5\0000000\naov = 1\n[refunds]\nrate = 5%%\n' >"$tmp/nul.ini"
$P run "$tmp/nul.ini" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "nul.ini:4: line holds a NUL byte" "$tmp/err"' "a NUL byte is refused at file:line (got $rc): $(cat "$tmp/err")"
printf '; comment \000\n' | cat - $G >"$tmp/nul2.ini"
$P check "$tmp/nul2.ini" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "nul2.ini:1: line holds a NUL byte" "$tmp/err"' "a NUL byte in a comment too (got $rc): $(cat "$tmp/err")"

# 4. Long tables: the estimate stays above the peak (a 2,000,000-row
# arrival curve and a 500,000-row roster).
mkdir -p "$tmp/long/bench"
cp scenarios/bench-promo.ini "$tmp/long/"
cp scenarios/bench/inspectors.csv "$tmp/long/bench/"
awk 'BEGIN { print "segment,start_min,rate_per_min"; for (i = 0; i < 2000000; i++) printf "%d,%.2f,0.001\n", i, i * 0.01 }' >"$tmp/long/bench/rates.csv"
awk 'BEGIN { print "time_min,capacity"; for (i = 0; i < 500000; i++) printf "%.2f,%d\n", i * 0.05, 20 + i % 7 }' >"$tmp/long/bench/agents.csv"
$P run "$tmp/long/bench-promo.ini" --reps 1 --threads 1 --stats --quiet 2>"$tmp/err"; rc=$?
peak=$(sed -n 's/^peak_rss_mib: //p' "$tmp/err"); est=$(sed -n 's/^memory_estimate_mib: //p' "$tmp/err")
check '[ $rc -eq 0 ] && awk -v p="$peak" -v e="$est" "BEGIN { exit !(e >= p && p > 100) }"' \
	"long tables: the estimate ($est MiB) is at or above the peak ($peak MiB)"
rm -rf "$tmp/long"

# 5. plan, sweep and compare estimate before they start, like run.
for cmd in "plan $tmp/gmv.ini" "sweep $tmp/gmv.ini --vary agents=4:8:2" "compare $tmp/gmv.ini $G"; do
	timeout 60 $P $cmd --max-memory 1G -o "$tmp/guard" >"$tmp/out" 2>"$tmp/err"; rc=$?
	check '[ $rc -eq 2 ] && grep -q "^promocap: $tmp/gmv.ini: the [a-z]* needs about .* GiB. of memory (20000000 refunds .*above the limit of 1 GiB" "$tmp/err" && [ ! -e "$tmp/guard" ]' \
		"$cmd --max-memory 1G is refused with exit 2 before it starts (got $rc): $(cat "$tmp/err")"
done
# SIGTERM under ulimit -v ends a comparison of long replications at once
# (not with AddressSanitizer, which reserves terabytes of address space).
case $BUILD in
*san*) echo "# skip: ulimit -v under a sanitizer build" ;;
*)
	( ulimit -v 3000000; exec $P compare scenarios/large-brand.ini scenarios/large-brand.ini --quiet >/dev/null 2>"$tmp/err" ) &
	pid=$!; sleep 3; t0=$(date +%s%N); kill -TERM $pid; wait $pid; rc=$?; t1=$(date +%s%N)
	check '[ $rc -eq 1 ] && [ $(( (t1 - t0) / 1000000 )) -lt 2000 ]' \
		"SIGTERM under ulimit -v ends compare in $(( (t1 - t0) / 1000000 )) ms (rc $rc): $(cat "$tmp/err")"
	;;
esac

# 6. --seed takes the whole 64-bit range, as the key does.
$P run $G --seed 18446744073709551615 --reps 2 -o "$tmp/s1" --quiet --no-charts; rc=$?
sed 's|^seed .*|seed = 18446744073709551615|; s|^replications .*|replications = 2|' $G >"$tmp/seed.ini"
sed -i "s|= \.\./|= $PWD/tests/data/sim/../|" "$tmp/seed.ini"
$P run "$tmp/seed.ini" -o "$tmp/s2" --quiet --no-charts
check '[ $rc -eq 0 ] && cmp -s "$tmp/s1/kpis.csv" "$tmp/s2/kpis.csv"' "--seed 2^64-1 runs as the key seed = 2^64-1 (rc $rc)"
$P run $G --seed 18446744073709551616 >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "'"'"'--seed'"'"' must be a whole number 0..18446744073709551615" "$tmp/err"' "--seed 2^64 is refused: $(cat "$tmp/err")"
# A dead run's gnuplot messages go with its other temporaries.
: >"$tmp/s1/.gnuplot.99999998.stderr"; : >"$tmp/s1/.gnuplot.$$.stderr"
$P run $G -o "$tmp/s1" --reps 2 --quiet --no-charts
check '[ ! -e "$tmp/s1/.gnuplot.99999998.stderr" ] && [ -e "$tmp/s1/.gnuplot.$$.stderr" ]' \
	"a dead run's .gnuplot.PID.stderr is removed, a live one's kept"
# C1 controls (CSI) and bytes that are not UTF-8 never reach the terminal.
$P run "$(printf '%s/x\302\233[31m\377.ini' "$tmp")" 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -qF "$tmp/x?[31m?.ini" "$tmp/err" && ! grep -q "$(printf "\302\233")" "$tmp/err" && ! grep -q "$(printf "\377")" "$tmp/err"' \
	"a C1 control and a stray byte are shown as '?': $(cat "$tmp/err")"
$P run "$G" --seed "$(printf '1\302\2332')" 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -qF "got '"'"'1?2'"'"'" "$tmp/err"' "an option's value too: $(cat "$tmp/err")"
$P plan $G --reps 4 --screen-reps 6 >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "'"'"'--screen-reps'"'"' must be at most the replications (4), got '"'"'6'"'"'" "$tmp/err"' \
	"--screen-reps above --reps is refused (got $rc): $(cat "$tmp/err")"

# 7. Two runs into one folder: the second is refused while the first holds it.
mkdir -p "$tmp/busy"
flock "$tmp/busy/.promocap.lock" sleep 4 &
lockpid=$!; sleep 0.5
$P run $G -o "$tmp/busy" --quiet >"$tmp/out" 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -qF "'"'"'$tmp/busy'"'"' is in use by another promocap run" "$tmp/err" && [ ! -e "$tmp/busy/kpis.csv" ]' \
	"a second writer of a folder is refused with exit 2 (got $rc): $(cat "$tmp/err")"
for cmd in "sweep $G --vary agents=4:6:2" "compare $G $G" "plan $G --reps 4"; do
	$P $cmd -o "$tmp/busy" --quiet >/dev/null 2>"$tmp/err"; rc=$?
	check '[ $rc -eq 2 ] && grep -q "is in use by another promocap run" "$tmp/err"' "${cmd%% *} into a held folder is refused (got $rc)"
done
wait $lockpid
$P run $G -o "$tmp/busy" --quiet --no-charts; check '[ $? -eq 0 ] && [ -s "$tmp/busy/kpis.csv" ]' "once free, the folder is written"

# 8. Messages that say what is wrong.
$P check "$tmp" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -qF "cannot read '"'"'$tmp'"'"': Is a directory" "$tmp/err"' "a folder as scenario: $(cat "$tmp/err")"
tr '\n' '\r' <$G >"$tmp/cr.ini"
$P check "$tmp/cr.ini" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "cr.ini:1: lines end with a carriage return alone" "$tmp/err"' "CR-only line ends are named: $(cat "$tmp/err")"
iconv -f UTF-8 -t UTF-16 <$G >"$tmp/u16.ini"
$P check "$tmp/u16.ini" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "u16.ini:1: the file is UTF-16 .*save it as UTF-8" "$tmp/err"' "a UTF-16 INI gets the hint: $(cat "$tmp/err")"
iconv -f UTF-8 -t UTF-16LE <$G >"$tmp/u16le.ini"
$P check "$tmp/u16le.ini" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "u16le.ini:1: .*UTF-16? save it as UTF-8" "$tmp/err"' "a UTF-16 INI without a BOM too: $(cat "$tmp/err")"
printf '[promotion]\nsales_start = 2026-11-01\nsales_end = 2026-11-01\ngmv = 1e5\naov = 1e-300\n[refunds]\nrate = 5%%\n' >"$tmp/aov.ini"
$P run "$tmp/aov.ini" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "aov.ini:5: .aov. is too small" "$tmp/err" && [ $(wc -c <"$tmp/err") -lt 200 ]' \
	"aov = 1e-300 is refused at its key, briefly: $(cat "$tmp/err")"

# 9. Shares' CI bands stay in [0, 100] (2 replications: t = 12.7).
$P run $G --reps 2 -o "$tmp/ci" --quiet --no-charts
for t in sla first_response; do
	check 'awk -F, "NR == 1 { for (i = 1; i <= NF; i++) { gsub(/\"/, \"\", \$i); n[i] = \$i } next }
		{ for (i = 2; i <= NF; i++) if (n[i] ~ /_(low|high)\$/ && (\$i < 0 || \$i > 100)) exit 1 }" "$tmp/ci/$t.csv"' \
		"$t.csv: every CI band within [0, 100]"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
