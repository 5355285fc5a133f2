# backtest.gp: promocap backtest's daily curves, predicted against actual:
# refund requests, open refunds at each day's end (backlog) and refunds
# completed, one panel each: the predicted mean with its 95% CI (dark band)
# and the 95% range of one promotion (light band), the actual days as dots.
# House style: style.gp.
#
#   gnuplot -e "data='out/backtest_daily.csv'" plots/backtest.gp
#
# Variables (-e): data (backtest_daily.csv), lang (en or zh), fmt (png, svg
# or pdf; default png), out (default: backtest.FMT beside data),
# scenario_name (the scenario's name, under the title).

if (!exists("plots")) plots = ARG0[1:strlen(ARG0) - strlen('backtest.gp')]
if (!exists("data")) data = "out/backtest_daily.csv"
if (!exists("fmt")) fmt = "png"
if (!exists("out")) out = data[1:strstrt(data, "backtest_daily.csv") - 1] . "backtest." . fmt
if (!exists("scenario_name")) scenario_name = ''
reset
load plots . 'style.gp'
set datafile missing NaN

# The days' span, read before the axis turns to time (stats needs a
# plain axis).
stats data using (strptime('%Y-%m-%d', strcol(1))) name 'days' nooutput
array tops[3]
do for [p = 1:3] {
	stats data using (max(column(2 + 6 * (p - 1) + 4), column(2 + 6 * (p - 1) + 5))) name 'top' nooutput
	tops[p] = top_max
}
set xdata time
set timefmt '%Y-%m-%d'
set format x '%m-%d'
set xrange [days_min - 43200:days_max + 43200]
set key inside top center horizontal opaque box lc rgb '#cccccc' samplen 2 spacing 1 width 1 maxrows 1
set style fill transparent solid 0.25 noborder
c_pred = '#4c72b0'
c_actual = '#d62728'

title = L('Backtest: predicted against last year, by day', '回测：预测与去年实际（按日）')
if (scenario_name ne '') { title = title . "\n" . scenario_name }
set multiplot layout 3,1 title title font ',15'
set lmargin 11
set rmargin 3

# One panel: the curve whose columns start at first (mean, ci_low,
# ci_high, range_low, range_high, actual).
array heads[3] = ['refund requests (per day)', 'open refunds at the end of the day', 'refunds completed (per day)']
array heads_zh[3] = ['退款申请（每日）', '日末未完结退款', '已完结退款（每日）']
do for [p = 1:3] {
	first = 2 + 6 * (p - 1)
	set ylabel L(heads[p], heads_zh[p]) font ',10'
	# Head room above the highest curve for the key (first panel only).
	set yrange [0:(tops[p] > 0 ? tops[p] * (p == 1 ? 1.45 : 1.1) : 1)]
	if (p == 1) { set key } else { unset key }
	if (p == 3) { set xlabel L('date', '日期') } else { unset xlabel }
	plot data using 1:(column(first + 3)):(column(first + 4)) with filledcurves lc rgb c_pred \
		title L('95% range of one promotion', '单次促销 95% 范围'), \
		'' using 1:(column(first + 1)):(column(first + 2)) with filledcurves lc rgb c_pred fs transparent solid 0.45 \
		title L('95% CI of the mean', '均值 95% 置信区间'), \
		'' using 1:(column(first)) with lines lw 2 lc rgb c_pred title L('predicted mean', '预测均值'), \
		'' using 1:(column(first + 5)) with linespoints lw 1.2 pt 7 ps 0.6 lc rgb c_actual \
		title L('actual (last year)', '实际（去年）')
}
unset multiplot
unset output
