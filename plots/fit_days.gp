# fit_days.gp: promocap fit's demand by day: the share of the window's
# orders paid each day and the refund rate of each day's orders (售中
# requests per order), both with their 95% Wilson intervals, from
# fit_days.csv.  House style: style.gp.
#
#   gnuplot -e "dir='out/'" plots/fit_days.gp
#
# Variables: dir (the fit's folder, with a final /), chart_title, lang (en
# or zh), fmt (png, svg or pdf), out (default dir/fit_days.fmt).

if (!exists("plots")) plots = ARG0[1:strlen(ARG0) - strlen('fit_days.gp')]
if (!exists("dir")) dir = ''
if (!exists("chart_title")) chart_title = L('Orders and refund rate by day', '每日订单与退款率')
if (!exists("fmt")) fmt = 'png'
if (!exists("out")) out = dir . 'fit_days.' . fmt
reset
load plots . 'style.gp'

data = dir . 'fit_days.csv'
stats data using 1 nooutput
n_days = STATS_records
stats data using 5 nooutput
n_orders = STATS_sum
stats data using 9 nooutput
n_rate = STATS_sum
stats data using 4 nooutput
share_top = STATS_max
stats data using 8 nooutput
rate_top = STATS_max
# A date label every k days: about 20 labels at most.
k_lab = n_days <= 20 ? 1 : ceil(n_days / 20.0)
day_label(i, s) = (int(i) % k_lab == 0) ? s[6:] : ''

set multiplot layout 2, 1 title chart_title font ',15'
set xrange [-0.7:n_days - 0.3]
set grid noxtics ytics
set xtics scale 0 nomirror
set boxwidth 0.7
set style fill solid 0.85 noborder
set key inside top right opaque box lc rgb '#ffffff' samplen 2

set tmargin 3
set ylabel L('share of the orders', '订单占比')
set yrange [0:share_top * 1.15]
set format y '%g%%'
set label 1 sprintf(L('orders paid each day over the window''s: n = %d orders; bars: 95%% CI', \
	'每日付款订单占窗口的比例：n = %d 笔订单；误差线：95%% 置信区间'), n_orders) at graph 0, graph 1 left offset 0, 0.8 font ',10' textcolor rgb '#333333'
plot data using 0:2 with boxes lc rgb c_p1 title L('order share', '订单占比'), \
	'' using 0:3:(0):($4 - $3) with vectors heads size screen 0.005, 90 lw 1.2 lc rgb '#222222' notitle, \
	'' using 0:(NaN):xtic(day_label($0, strcol(1))) notitle
unset label 1

set ylabel L('refund rate', '退款率')
set yrange [0:rate_top * 1.15]
set label 1 sprintf(L('refund requests (售中) per order of the day: n = %d requests; bars: 95%% CI', \
	'当日订单的售中退款申请 / 订单：n = %d 笔申请；误差线：95%% 置信区间'), n_rate) \
	at graph 0, graph 1 left offset 0, 0.8 font ',10' textcolor rgb '#333333'
plot data using 0:6 with boxes lc rgb c_p2 title L('refund rate of the day''s orders', '当日订单的退款率'), \
	'' using 0:7:(0):($8 - $7) with vectors heads size screen 0.005, 90 lw 1.2 lc rgb '#222222' notitle, \
	'' using 0:(NaN):xtic(day_label($0, strcol(1))) notitle
unset multiplot
unset output
undefine out
