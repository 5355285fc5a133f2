#!/bin/sh
# plot_test: charts and the review pack as a user meets them: every chart a
# valid PNG/SVG/PDF of sane size, Chinese labels with --lang zh, gnuplot's
# own errors named by script, a clear message without gnuplot (tables
# kept), scenario text that never runs in gnuplot nor acts as HTML, and the
# report rendered headless in chromium (skipped when it is not installed).
BUILD=${BUILD:-build}
P=$BUILD/promocap
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "not ok - $*"; }
check() { if eval "$1"; then ok; else bad "$2"; fi; }
tmp=$(mktemp -d); trap '[ -n "$KEEP" ] || rm -rf "$tmp"' EXIT
charts="demand targets service_days backlog sla first_response segments utilisation"

if ! command -v gnuplot >/dev/null 2>&1; then
	echo "# skipped: gnuplot not installed (make deps installs gnuplot-nox)"
	echo "0 passed, 0 failed"
	exit 0
fi

size() { wc -c <"$1" | tr -d ' '; }
is_png() { [ -f "$1" ] && [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] &&
	[ "$(size "$1")" -gt 10000 ] && [ "$(size "$1")" -lt 5000000 ]; }
is_pdf() { [ -f "$1" ] && [ "$(head -c 5 "$1")" = "%PDF-" ] && [ "$(size "$1")" -gt 5000 ]; }
# An SVG: starts with <?xml or <svg, ends with </svg>, parses as XML where
# python3 is at hand, and is of sane size.
is_svg() {
	[ -f "$1" ] || return 1
	case "$(head -c 5 "$1")" in "<?xml"|"<svg"*) ;; *) return 1;; esac
	[ "$(tail -c 7 "$1" | tr -d '\n')" = "</svg>" ] || [ "$(tail -c 8 "$1" | tr -d '\n')" = "</svg>" ] || return 1
	[ "$(size "$1")" -gt 5000 ] && [ "$(size "$1")" -lt 10000000 ] || return 1
	if command -v python3 >/dev/null 2>&1; then
		python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' "$1" 2>/dev/null || return 1
	fi
	return 0
}

# a run draws every chart as PNG and SVG, atomically (no temporary left)
$P run tests/data/sim/golden.ini -o "$tmp/r" --reps 2 >"$tmp/out" 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ]' "run with charts exits 0 ($(cat "$tmp/err"))"
check 'grep -q "charts written to $tmp/r/" "$tmp/out"' "run says where the charts are"
for c in $charts; do
	check 'is_png "$tmp/r/$c.png"' "$c.png is a PNG of sane size"
	check 'is_svg "$tmp/r/$c.svg"' "$c.svg is an SVG document"
done
check '[ -s "$tmp/r/scenario.csv" ] && [ -s "$tmp/r/shifts.csv" ]' "scenario.csv and shifts.csv written"
check '[ -z "$(ls -A "$tmp/r" | grep "^\.")" ]' "no temporary files left ($(ls -A "$tmp/r" | grep '^\.' | tr '\n' ' '))"
check 'grep -q "requests per hour" "$tmp/r/demand.svg" && grep -q "waiting for an agent" "$tmp/r/backlog.svg"' \
	"English labels by default"
check 'grep -q "11-0[0-9]" "$tmp/r/backlog.svg" && grep -q "00:00" "$tmp/r/backlog.svg"' "dates on the time axis"
# the enquiries' line and key entry only where there are enquiries (double11's
# after-sales work is claims, simulated as refunds in the stack)
$P run scenarios/double11.ini -o "$tmp/d11" --reps 1 --format svg --no-xlsx --quiet 2>"$tmp/err"
check 'grep -q "after-sales enquiries open" "$tmp/r/backlog.svg" && [ -s "$tmp/d11/backlog.svg" ] &&
	! grep -q "after-sales enquiries open" "$tmp/d11/backlog.svg"' "the enquiries' key entry only with enquiries ($(cat "$tmp/err"))"
check 'grep -q "after-sales enquiries" "$tmp/r/demand.svg" && [ -s "$tmp/d11/demand.svg" ] &&
	! grep -q "after-sales enquiries" "$tmp/d11/demand.svg"' "the demand chart's enquiries entry only with enquiries"
check 'grep -q "golden small scenario" "$tmp/r/sla.svg"' "scenario name in the title"

# --no-charts: tables only
$P run tests/data/sim/golden.ini -o "$tmp/n" --reps 2 --no-charts --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ] && [ -s "$tmp/n/intervals.csv" ] && [ ! -e "$tmp/n/sla.png" ]' "--no-charts draws nothing"

# plot re-renders from the tables: PDF only, Chinese labels
$P plot "$tmp/r" --format pdf --lang zh -o "$tmp/zh" --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ]' "plot --format pdf --lang zh exits 0 ($(cat "$tmp/err"))"
for c in $charts; do
	check 'is_pdf "$tmp/zh/$c.pdf"' "$c.pdf is a PDF"
	check '[ ! -e "$tmp/zh/$c.png" ] && [ ! -e "$tmp/zh/$c.svg" ]' "--format pdf writes only PDF ($c)"
done
$P plot "$tmp/r" --format svg --lang zh -o "$tmp/zhs" --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ]' "plot --format svg --lang zh exits 0"
check 'grep -q "每小时申请数" "$tmp/zhs/demand.svg"' "demand chart in Chinese"
check 'grep -q "待客服处理" "$tmp/zhs/backlog.svg" && grep -q "退款入口开放" "$tmp/zhs/backlog.svg"' "backlog chart in Chinese"
check 'grep -q "全部退款" "$tmp/zhs/sla.svg"' "SLA chart in Chinese"
check 'grep -q "首次响应" "$tmp/zhs/first_response.svg"' "first response chart in Chinese"
check 'grep -q "退货退款自主完结时长" "$tmp/zhs/segments.svg" && grep -q "退款同意" "$tmp/zhs/segments.svg"' \
	"segments chart in Chinese (MODEL.md terms)"
check 'grep -q "退款专员" "$tmp/zhs/utilisation.svg"' "utilisation chart in Chinese"
check 'grep -q "服务目标" "$tmp/zhs/targets.svg" && grep -q "首次响应及时率" "$tmp/zhs/targets.svg"' "targets chart in Chinese"
check 'grep -q "每日服务水平" "$tmp/zhs/service_days.svg"' "per-day service-level chart in Chinese"
check 'grep -q "处理能力" "$tmp/zhs/demand.svg" && ! grep -q "在岗人数" "$tmp/zhs/demand.svg"' "demand against capacity, no people on a requests axis"
check 'is_svg "$tmp/zhs/sla.svg"' "Chinese SVG parses"
check 'fc-list :lang=zh family 2>/dev/null | grep -q .' "a font with Chinese glyphs is installed (fonts-noto-cjk)"
$P plot "$tmp/r" --quiet 2>/dev/null; check '[ $? -eq 0 ] && is_png "$tmp/r/sla.png"' "plot DIR redraws in place"

# the scripts run by hand, as documented
(cd "$tmp" && gnuplot -e "dir='r'; out='hand.png'" "$OLDPWD/plots/sla.gp") 2>"$tmp/err"
check 'is_png "$tmp/hand.png"' "gnuplot -e \"dir='r'\" plots/sla.gp works by hand ($(cat "$tmp/err"))"

# bad use of plot
$P plot "$tmp/nowhere" >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "no table .*nowhere/scenario.csv" "$tmp/err"' "plot of a folder without tables exits 2"
$P plot "$tmp/r" --format gif >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "'"'"'--format'"'"' must be png, svg or pdf, got '"'"'gif'"'"'" "$tmp/err"' "--format gif refused"
$P plot "$tmp/r" --lang fr >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ]' "--lang fr refused"
$P run tests/data/sim/golden.ini --report >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ] && grep -q "needs '"'"'-o DIR'"'"'" "$tmp/err"' "--report without -o refused"
$P report tests/data/sim/golden.ini >/dev/null 2>"$tmp/err"; rc=$?
check '[ $rc -eq 2 ]' "report without -o refused"

# without gnuplot: a clear message, exit 1, the tables still written
PATH=/nonexistent $P run tests/data/sim/golden.ini -o "$tmp/nog" --reps 2 --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 1 ]' "no gnuplot: exit 1 (got $rc)"
check 'grep -q "^promocap: gnuplot not found on PATH: no charts drawn" "$tmp/err"' "no gnuplot: clear message ($(cat "$tmp/err"))"
check '[ -s "$tmp/nog/kpis.csv" ] && [ -s "$tmp/nog/intervals.csv" ] && [ -s "$tmp/nog/scenario.csv" ]' "no gnuplot: tables written"
check '[ -z "$(ls -A "$tmp/nog" | grep -e "^\." -e png -e svg)" ]' "no gnuplot: no chart, no temporary file"
PATH=/nonexistent $P plot "$tmp/r" -o "$tmp/nog2" --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 1 ] && grep -q "gnuplot not found" "$tmp/err"' "no gnuplot: plot exits 1"

# gnuplot's own error, named with the script; the other charts still drawn
mkdir -p "$tmp/plots" && cp plots/*.gp "$tmp/plots/"
printf '\nset frobnicate 42\n' >>"$tmp/plots/sla.gp"
PROMOCAP_PLOTS=$tmp/plots $P plot "$tmp/r" -o "$tmp/broken" --format png --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 1 ]' "a failing script: exit 1"
check 'grep -q "^promocap: gnuplot failed on chart '"'"'sla'"'"' ($tmp/plots/sla.gp):" "$tmp/err"' "failing chart named ($(head -n 3 "$tmp/err"))"
check 'grep -q "sla.gp.*line [0-9]*:" "$tmp/err"' "gnuplot's own message with the script's line"
check '[ ! -e "$tmp/broken/sla.png" ] && is_png "$tmp/broken/demand.png"' "only the failing chart is missing"

# scenario text never runs in gnuplot, never acts as HTML
sed -e "s|^name .*|name = pwn \`touch $tmp/PWNED1\` system(\"touch $tmp/PWNED2\") '\$(touch $tmp/PWNED3)' <script>alert(1)</script> @x \"q\"|" \
	-e "s|^hourly_share.*|hourly_share = $(pwd)/scenarios/curves/intraday.csv|" tests/data/sim/golden.ini >"$tmp/evil.ini"
$P report "$tmp/evil.ini" -o "$tmp/evil" --reps 2 --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ]' "report of a hostile name exits 0 ($(cat "$tmp/err"))"
(cd "$tmp" && gnuplot -e "dir='evil'; out='evil-hand.png'" "$OLDPWD/plots/demand.gp") 2>/dev/null
$P plot "$tmp/evil" --quiet 2>/dev/null
check '[ ! -e "$tmp/PWNED1" ] && [ ! -e "$tmp/PWNED2" ] && [ ! -e "$tmp/PWNED3" ]' "nothing in a scenario name is executed"
check 'grep -q "touch $tmp/PWNED1" "$tmp/evil/sla.svg"' "the hostile name is shown as text"
check 'is_svg "$tmp/evil/sla.svg"' "the hostile name leaves the SVG well-formed"
check '! grep -q "<script" "$tmp/evil/report.html"' "no <script> in the report"
check 'grep -q "&lt;script&gt;alert(1)&lt;/script&gt;" "$tmp/evil/report.html"' "the name escaped in the report"

# the what-if and comparison charts in the house style, in Chinese
$P sweep tests/data/sim/golden.ini --vary agents=1:2:1 --reps 2 --lang zh --format svg -o "$tmp/swz" --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ] && grep -q "假设分析" "$tmp/swz/whatif_first_response_within.svg" && grep -q "退款专员人数" "$tmp/swz/whatif_first_response_within.svg"' \
	"sweep chart in Chinese, the key in words ($(cat "$tmp/err"))"
check '! grep -q "staff.agent.roster" "$tmp/swz/whatif_first_response_within.svg"' "no config key on the sweep chart's axis"
check 'grep -q "各次重复的 95% 区间" "$tmp/swz/whatif_first_response_within.svg"' "sweep chart with its CI band"
$P compare tests/data/sim/golden.ini tests/data/sim/golden.ini --reps 2 --lang zh --format svg -o "$tmp/cmz" --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ] && grep -q "各方案" "$tmp/cmz/sla_compare.svg" && grep -q "golden small scenario" "$tmp/cmz/sla_compare.svg"' \
	"compare chart in Chinese with the scenarios' names ($(cat "$tmp/err"))"
check '! grep -q "golden_all_pct" "$tmp/cmz/sla_compare.svg"' "no raw column name in the compare chart's legend"

# a run without refunds still gets every chart (empty ones say why)
sed -e "s|^rate .*|rate = 0%|" -e "s|^hourly_share.*|hourly_share = $(pwd)/scenarios/curves/intraday.csv|" \
	tests/data/sim/golden.ini >"$tmp/none.ini"
$P run "$tmp/none.ini" -o "$tmp/none" --reps 2 --format svg --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ]' "a run without refunds draws its charts ($(head -n 3 "$tmp/err"))"
check 'grep -q "no refund request in this run" "$tmp/none/sla.svg" && grep -q "no return-refund finished" "$tmp/none/segments.svg"' \
	"empty charts say why"

# the review pack: one self-contained page
$P run tests/data/sim/golden.ini -o "$tmp/rep" --reps 2 --report --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ] && [ -s "$tmp/rep/report.html" ]' "run --report writes report.html ($(cat "$tmp/err"))"
check '[ "$(grep -c "data:image/svg+xml;base64" "$tmp/rep/report.html")" -eq 8 ]' "eight charts inlined"
check '! grep -qiE "(src|href)=\"?(https?:)?//" "$tmp/rep/report.html"' "no network reference"
check 'grep -q "baseline" "$tmp/rep/report.html" && grep -q "95% CI" "$tmp/rep/report.html"' "baseline and KPI CIs in the report"
check '[ -z "$(ls -A "$tmp/rep" | grep "^\.")" ]' "report written atomically"
PATH=/nonexistent $P report tests/data/sim/golden.ini -o "$tmp/repn" --reps 2 --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 1 ] && grep -q "charts not drawn: gnuplot not found" "$tmp/repn/report.html"' \
	"report without gnuplot: exit 1, page says why"

# the page renders headless in chromium
chrome=$(command -v chromium || command -v chromium-browser)
if [ -n "$chrome" ]; then
	profile=$(mktemp -d)
	timeout 60 "$chrome" --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
		--window-size=1200,4000 --screenshot="$tmp/shot.png" "file://$tmp/rep/report.html" \
		>"$tmp/chrome.log" 2>&1
	rm -rf "$profile"
	check 'is_png "$tmp/shot.png"' "chromium renders report.html ($(tail -n 3 "$tmp/chrome.log"))"
else
	echo "# skipped: chromium not installed"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
