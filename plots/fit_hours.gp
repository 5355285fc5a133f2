# fit_hours.gp: promocap fit's day profile: the share of the orders paid
# and of the refund requests made in each hour of the day, with their 95%
# Wilson intervals as bands, from fit_hours.csv.  House style: style.gp.
#
#   gnuplot -e "dir='out/'" plots/fit_hours.gp
#
# Variables: dir (the fit's folder, with a final /), chart_title, lang (en
# or zh), fmt (png, svg or pdf), out (default dir/fit_hours.fmt).

if (!exists("plots")) plots = ARG0[1:strlen(ARG0) - strlen('fit_hours.gp')]
if (!exists("dir")) dir = ''
if (!exists("chart_title")) chart_title = L('Orders and refund requests by hour', '每小时订单与退款申请')
if (!exists("fmt")) fmt = 'png'
if (!exists("out")) out = dir . 'fit_hours.' . fmt
reset
load plots . 'style.gp'

data = dir . 'fit_hours.csv'
stats data using 5 nooutput
n_orders = STATS_sum
stats data using 9 nooutput
n_req = STATS_sum
stats data using 4 nooutput
top = STATS_max
stats data using 8 nooutput
top = max(top, STATS_max)

set title chart_title
set xlabel L('hour of the day', '一天中的小时')
set ylabel L('share of the day', '占全天的比例')
set xrange [-0.5:23.5]
set xtics 0, 2, 23 format '%02.0f:00'
set yrange [0:top * 1.1]
set format y '%g%%'
set style fill transparent solid 0.22 noborder
plot data using 1:3:4 with filledcurves lc rgb c_p1 notitle, \
	'' using 1:2 with linespoints lw 2.5 pt 7 ps 0.8 lc rgb c_p1 \
		title sprintf(L('orders paid (n = %d), band: 95%% CI', '付款订单（n = %d），阴影：95%% 置信区间'), n_orders), \
	'' using 1:7:8 with filledcurves lc rgb c_p2 notitle, \
	'' using 1:6 with linespoints lw 2.5 pt 5 ps 0.8 lc rgb c_p2 \
		title sprintf(L('refund requests (n = %d), band: 95%% CI', '退款申请（n = %d），阴影：95%% 置信区间'), n_req)
unset output
undefine out
