#!/bin/sh
# pack_test: the review packs (report.html) of run, plan (with and without
# shift design), compare and sweep, in English and Chinese: each
# self-contained (no src= or href= to a file or the network, charts inlined
# as SVG), the verdict first and agreeing with the command's exit code and
# figures, the staffing grid with the planned headcount and cost, the
# targets met or missed, the scenario differences, the points; no citation
# of a document outside the repository.  Each page is rendered in headless
# chromium (--dump-dom and --screenshot) where it is installed (CI installs
# it); without it those checks are skipped with a message.
BUILD=${BUILD:-build}
P=$BUILD/promocap
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "not ok - $*"; }
check() { if eval "$1"; then ok; else bad "$2"; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
S=tests/data/sim/golden.ini
chrome=$(command -v chromium || command -v chromium-browser)
[ -n "$chrome" ] || echo "# skipped: chromium not installed, the packs are checked as text only"
is_png() { [ "$(head -c 8 "$1" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]; }

# selfcontained FILE: every src= and href= is a data: URI, no script.
selfcontained() {
	[ -z "$(grep -oE '(src|href)="[^"]*' "$1" | grep -v '^src="data:image/svg+xml;base64,')" ] &&
	! grep -qi '<script' "$1" && ! grep -qE '(src|href)=[^"]' "$1"
}
# render NAME FILE [shot]: the page's DOM as chromium builds it (NAME.dom),
# with shot also a screenshot (NAME.png); checks them.  Each start of
# chromium costs seconds: the Chinese pages but the plan's are checked as
# text only.
render() {
	rn=$1; rf=$2
	[ -n "$chrome" ] || return 0
	profile=$(mktemp -d)
	timeout 90 "$chrome" --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
		--dump-dom "file://$rf" >"$tmp/$rn.dom" 2>"$tmp/$rn.log"
	check 'grep -q "id=\"verdict\"" "$tmp/$rn.dom" && grep -q "</html>" "$tmp/$rn.dom"' "chromium builds the page of $rn ($(tail -n 2 "$tmp/$rn.log"))"
	if [ -n "$3" ]; then
		timeout 90 "$chrome" --headless --no-sandbox --disable-gpu --disable-background-networking \
			--disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
			--window-size=1280,2000 --screenshot="$tmp/$rn.png" "file://$rf" >>"$tmp/$rn.log" 2>&1
		check 'is_png "$tmp/$rn.png"' "chromium renders $rn"
	fi
	rm -rf "$profile"
}
# common NAME FILE LANG: what every pack has.
common() {
	cn=$1; cf=$2; cl=$3
	check '[ -s "$cf" ]' "$cn: report.html written"
	check 'selfcontained "$cf"' "$cn: self-contained (no src=/href= to a file, no script)"
	check '! grep -qE "\[00[0-9]\]" "$cf"' "$cn: no citation of a document outside the repository"
	if [ "$cl" = zh ]; then
		check 'grep -q "<html lang=\"zh-CN\">" "$cf" && grep -q "<h2>结论" "$cf"' "$cn: Chinese page with its verdict"
	else
		check 'grep -q "<html lang=\"en\">" "$cf" && grep -q "<h2>Verdict" "$cf"' "$cn: English page with its verdict"
	fi
	# the verdict is the first section
	first=$(grep -o '<section id="[a-z]*"' "$cf" | head -n 1)
	check '[ "$first" = "<section id=\"verdict\"" ]' "$cn: the verdict comes first (got $first)"
	check '[ -z "$(ls -A "$(dirname "$cf")" | grep "^\.report")" ]' "$cn: written atomically"
	case "$cn" in run|plan-*|*-en|design) render "$cn" "$cf" $([ "$cn" = plan-en ] && echo shot);; esac
}

# run: its report.html opens with the verdict the run prints (its causes
# and actions checked by simulation), cites the repository's docs only
$P run "$S" -o "$tmp/run" --reps 2 --report --format svg >"$tmp/run.out" 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ] && [ -s "$tmp/run/report.html" ]' "run --report ($(cat "$tmp/err"))"
check '! grep -qE "\[00[0-9]\]" "$tmp/run/report.html" && grep -q "docs/business.md §6" "$tmp/run/report.html"' "run: cites docs/business.md, not [004]"
common run "$tmp/run/report.html" en
# the headline says what kpis.csv's met column says; the details are the
# verdict run prints (its causes, the actions it checked)
targets=$(awk -F, 'NR > 1 && ($NF == "\"yes\"" || $NF == "\"no\"")' "$tmp/run/kpis.csv" | wc -l)
missed=$(awk -F, 'NR > 1 && $NF == "\"no\""' "$tmp/run/kpis.csv" | wc -l)
if [ "$missed" -eq 0 ]; then want="All $targets targets met"; else want="$missed of $targets targets MISSED"; fi
check 'grep -q "<div class=\"verdict [a-z]*\"><p>$want</p>" "$tmp/run/report.html"' "run: the verdict '$want' as kpis.csv"
why=$(grep -c "^  why: " "$tmp/run.out")
check '[ "$why" -gt 0 ] && [ "$(tr -d "\n" <"$tmp/run/report.html" | grep -o "<ul class=\"verdict-causes\">.*" | sed "s|</ul>.*||" | grep -o "<li>" | wc -l)" -eq "$why" ]' "run: the $why causes printed are on the page"
$P run "$S" --reps 2 -o "$tmp/runq" --report --no-charts --quiet 2>/dev/null
check 'grep -q "<div class=\"verdict [a-z]*\"><p>$want</p>" "$tmp/runq/report.html" && grep -q "verdict-causes" "$tmp/runq/report.html"' "run --quiet --report: the same verdict on the page"
$P run "$S" --reps 2 2>/dev/null | grep -q "\[00[0-9]\]"
check '[ $? -ne 0 ]' "run's summary cites no document outside the repository"

# plan: verdict, grid, targets, methods
for lang in en zh; do
	d="$tmp/plan-$lang"
	$P plan tests/data/plan/stationary.ini -o "$d" --report --format svg --lang $lang >"$d.out" 2>"$tmp/err"; rc=$?
	check '[ $rc -eq 0 ]' "plan --report --lang $lang exits 0 ($(cat "$tmp/err"))"
	common "plan-$lang" "$d/report.html" $lang
done
H="$tmp/plan-en/report.html"
check 'grep -q "Every target is met with the planned roster" "$H"' "plan: the verdict says met, as exit 0 does"
cost=$(sed -n 's/.*; cost \([0-9]*\) CNY$/\1/p' "$tmp/plan-en.out")
costg=$(printf "%s" "$cost" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')
check '[ -n "$cost" ] && grep -q "for $costg CNY" "$H"' "plan: the cost in the verdict is the plan's ($costg CNY)"
check 'grep -q "<table class=\"grid\" id=\"grid\">" "$H" && grep -q "<th class=\"role\" colspan=\"1\">agents</th>" "$H"' "plan: the grid with the agents' shift"
check '! grep -q "<th class=\"role\"[^>]*>supervisors</th>" "$H" && grep -q "Nobody on any shift: supervisors, inspectors" "$H"' "plan: no column of a role nobody works"
# the grid's first day holds roster_agent.csv's headcount, its total the cost
day1=$(sed -n 2p "$tmp/plan-en/roster_agent.csv" | cut -d, -f1 | tr -d '"')
head1=$(sed -n 2p "$tmp/plan-en/roster_agent.csv" | cut -d, -f3)
row=$(tr -d '\n' <"$H" | grep -o "<tr class=\"sale\"><th>$day1</th><td class=\"n\">[0-9]*</td>" | head -n 1)
check '[ "$row" = "<tr class=\"sale\"><th>$day1</th><td class=\"n\">$head1</td>" ]' "plan grid: $day1, a sales day, has $head1 agents as roster_agent.csv (got '$row')"
check 'tr -d "\n" <"$H" | grep -q "<tr class=\"total\"><th>total</th>.*<td class=\"n\">$costg</td>"' "plan grid: the total cost is $costg"
check 'grep -q "0 – 62\|0 - 62" "$H"; [ $? -ne 0 ]' "plan: no min – max staffing range"
check 'grep -q "id=\"targets\"" "$H" && grep -q "first response within 2min" "$H" && grep -q "class=\"met\">met</td>" "$H"' "plan: the targets with met"
check 'grep -q "id=\"methods\"" "$H" && grep -q "simulation search (the plan)" "$H"' "plan: the methods compared"
check '[ "$(grep -c "data:image/svg+xml;base64" "$H")" -ge 6 ]' "plan: the charts inlined"
check 'grep -q "排班表" "$tmp/plan-zh/report.html" && grep -q "合计" "$tmp/plan-zh/report.html"' "plan zh: the grid in Chinese"

# an infeasible plan: exit 1 and a red verdict naming the target
$P plan tests/data/plan/infeasible.ini -o "$tmp/inf" --report --no-charts --quiet 2>/dev/null; rc=$?
check '[ $rc -eq 1 ] && grep -q "verdict bad" "$tmp/inf/report.html" && grep -q "NOT every target is met" "$tmp/inf/report.html"' "infeasible plan: exit 1, the verdict says NOT met"
check 'grep -q "cannot be met within max_per_shift" "$tmp/inf/report.html"' "infeasible plan: the target that cannot be met"
check 'grep -q "charts not drawn (--no-charts)" "$tmp/inf/report.html"' "--no-charts: the pack says so"

# plan with shift design
$P plan tests/data/plan/design-stationary.ini -o "$tmp/des" --report --format svg --quiet 2>"$tmp/err"; rc=$?
check '[ $rc -eq 0 ]' "plan with shift design --report ($(cat "$tmp/err"))"
common design "$tmp/des/report.html" en
check 'grep -q "id=\"shifts\"" "$tmp/des/report.html" && grep -q "id=\"grid-agent\"" "$tmp/des/report.html"' "design: the patterns and the grid"
dcost=$(awk -F, 'NR > 1 { s += $NF } END { printf "%.0f", s }' "$tmp/des/staffing.csv" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')
check 'grep -q "for $dcost CNY" "$tmp/des/report.html"' "design: the verdict's cost is staffing.csv's ($dcost CNY)"
check 'grep -q "chart-daily_sla" "$tmp/des/report.html"' "design: the day-by-day chart"

# compare: verdict per scenario, the keys that differ, KPIs side by side
sed 's/^roster = 2$/roster = 3/' "$S" >"$tmp/golden-b.ini"
sed -i "s|= \.\./\.\./\.\./|= $(pwd)/|" "$tmp/golden-b.ini"
cp "$S" "$tmp/golden.ini"; sed -i "s|= \.\./\.\./\.\./|= $(pwd)/|" "$tmp/golden.ini"
for lang in en zh; do
	charts="--format svg"; [ $lang = zh ] && charts=--no-charts
	$P compare "$tmp/golden.ini" "$tmp/golden-b.ini" -o "$tmp/cmp-$lang" --reps 3 --report $charts --lang $lang --quiet 2>"$tmp/err"; rc=$?
	check '[ $rc -eq 0 ]' "compare --report --lang $lang ($(cat "$tmp/err"))"
	common "compare-$lang" "$tmp/cmp-$lang/report.html" $lang
done
H="$tmp/cmp-en/report.html"
check 'grep -q "<li>golden: " "$H" && grep -q "<li>golden-b: " "$H"' "compare: a verdict line per scenario"
check 'tr -d "\n" <"$H" | grep -q "<tr><td>staff.agent.roster</td><td>2</td><td>3</td></tr>"' "compare: the key that differs, 2 against 3"
check '! tr -d "\n" <"$H" | grep -q "<tr><td>refunds.rate</td>"' "compare: keys alike are not listed"
check 'grep -q "id=\"side\"" "$H" && grep -q "golden-b − golden" "$H"' "compare: KPIs side by side with the difference"
check 'grep -q "class=\"n missed\"\|class=\"n met\"" "$H"' "compare: met/missed per scenario"
check '! grep -q "e-1[0-9]" "$H"' "compare: no floating-point noise"
check 'grep -q "chart-sla_compare" "$H" && grep -q "data:image/svg+xml;base64" "$H"' "compare: the SLA curves"
n1=$(grep -c "<li>" "$H")
check '[ "$n1" -ge 2 ]' "compare: $n1 verdict lines"

# sweep: verdict, values, points, what-if charts
for lang in en zh; do
	charts="--format svg"; [ $lang = zh ] && charts=--no-charts
	$P sweep "$S" --vary agents=1:3:1 --reps 2 -o "$tmp/sw-$lang" --report $charts --lang $lang --quiet 2>"$tmp/err"; rc=$?
	check '[ $rc -eq 0 ]' "sweep --report --lang $lang ($(cat "$tmp/err"))"
	common "sweep-$lang" "$tmp/sw-$lang/report.html" $lang
done
H="$tmp/sw-en/report.html"
check 'grep -q "id=\"swept\"" "$H" && grep -q "1 · 2 · 3" "$H"' "sweep: the values swept"
rows=$(tr -d '\n' <"$H" | grep -o '<table id="points".*</table>' | grep -o '<tr><td class="n">[0-9]*</td>' | wc -l)
check '[ "$rows" -eq 3 ]' "sweep: one row per point (got $rows)"
met=$(awk -F, 'NR > 1' "$tmp/sw-en/sweep.csv" | wc -l)
check 'grep -q "points meet every target\|No point meets every target" "$H"' "sweep: the verdict over the points"
check 'grep -q "met at every point\|met at no point\|met at [0-9]* of 3 points" "$H"' "sweep: where each target is met"
check '[ "$(grep -c "data:image/svg+xml;base64" "$H")" -eq 6 ]' "sweep: six what-if charts inlined"
# the staff cost of a point: its staff-hours (sweep.csv) times each role's
# cost (as check resolves it)
costs=$($P check "$S" | awk '/^\[/ { sec = $0 } /^cost = / && (sec == "[staff.agent]" || sec == "[staff.supervisor]" || sec == "[staff.inspector]") { printf "%s ", $3 }')
set -- $costs
c1=$(awk -v ca="$1" -v cs="$2" -v ci="$3" -F, 'NR == 1 { for (i = 1; i <= NF; i++) { gsub(/"/, "", $i); col[$i] = i } }
	NR == 2 { printf "%.0f", $col["staff_hours_agent_hours_mean"] * ca + $col["staff_hours_supervisor_hours_mean"] * cs + $col["staff_hours_inspector_hours_mean"] * ci }' "$tmp/sw-en/sweep.csv" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')
check 'tr -d "\n" <"$H" | grep -q "<tr><td class=\"n\">1</td><td>1</td><td class=\"n [a-z]*\">[0-9]* / [0-9]*</td><td class=\"n\">$c1</td>"' "sweep: point 1 costs $c1 CNY, its staff-hours times the cost"

# forecasts: run's pack has the summary's words in a section after the
# verdict and the spread beside each KPI (the share of draws meeting a
# target as kpis.csv says); plan --confidence's pack, the share of draws
# meeting every target in its verdict and the plan at P10 and P90 of
# demand; without a distribution neither
F=scenarios/double11-forecast.ini
$P run $F -o "$tmp/fc" --reps 12 --report --no-charts >"$tmp/fc.out" 2>"$tmp/err"; rc=$?
check '[ $rc -le 1 ] && [ -s "$tmp/fc/report.html" ]' "forecast run --report ($(cat "$tmp/err"))"
H="$tmp/fc/report.html"
common fc-en "$H" en
check '[ "$(grep -o "<section id=\"[a-z]*\"" "$H" | sed -n 2p)" = "<section id=\"forecast\"" ]' "forecast: its section right after the verdict"
words=$(grep -c "^  .* (P10-P90); chance alone adds" "$tmp/fc.out")
check '[ "$words" -gt 0 ] && [ "$(grep -c "^<li>.* (P10-P90); chance alone adds" "$H")" -eq "$words" ]' "forecast: the summary's $words lines in words on the page"
line=$(grep "^  first response within 30min is" "$tmp/fc.out" | sed 's/^  //; s/+-/±/; s/>=/≥/')
check '[ -n "$line" ] && grep -qF "<li>$line</li>" "$H"' "forecast: first response's words as the summary says them ($line)"
check 'grep -q "<th class=\"n\">P10–P90</th><th class=\"n\">chance ±</th><th class=\"n\">draws met</th>" "$H"' "forecast: the KPI table's spread columns"
met=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) { gsub(/"/, "", $i); col[$i] = i } } $1 == "\"first_response_within\"" { print $col["draws_meeting_target_pct"] }' "$tmp/fc/kpis.csv")
check '[ -n "$met" ] && grep -q "<tr><td>first response within 30min</td>.*<td class=\"n\">$met%</td></tr>" "$H"' "forecast: draws meeting first response's target as kpis.csv ($met%)"
check '! grep -q "id=\"forecast\"\|P10–P90" "$tmp/run/report.html" "$tmp/plan-en/report.html"' "without a distribution no spread on the page"
$P plan $F --confidence 90% --reps 6 --budget 600 -o "$tmp/pc" --report --no-charts --no-xlsx >"$tmp/pc.out" 2>"$tmp/err"; rc=$?
check '[ $rc -le 1 ] && [ -s "$tmp/pc/report.html" ]' "plan --confidence --report ($(cat "$tmp/err"))"
H="$tmp/pc/report.html"
common pc-en "$H" en
share=$(head -n 1 "$tmp/pc.out" | sed 's/^forecast confidence (docs\/forecast.md): //')
check '[ -n "$share" ] && grep -qF "<li>Forecast: $share</li>" "$H"' "plan --confidence: the verdict has the share of draws ($share)"
check 'grep -q "<th class=\"n\">at P10 demand</th>" "$H" && grep -q "<th class=\"n\">at P90 demand</th>" "$H"' "plan --confidence: the plan at P10 and P90 of demand"
miss=$(sed -n 's/^  draws missing first response within 30min: \([0-9]*\) of 100$/\1/p' "$tmp/pc.out"); miss=${miss:-0}
check 'grep -q "<td>first response within 30min.*<td class=\"n\">[0-9]*% ($((100 - miss)) / 100)</td></tr>" "$H"' "plan --confidence: $((100 - miss)) of 100 draws meet first response, as the summary says"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
