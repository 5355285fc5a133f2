# demand.gp: orders per hour over the promotion (top) and refund requests
# per hour stacked by path, with staff on duty per resource (bottom, right
# axis).  Reads intervals.csv and scenario.csv from dir.
chart = 'demand'
if (!exists("plots")) plots = ARG0[1:strlen(ARG0) - strlen(chart . '.gp')]
reset
load plots . 'common.gp'

ih = scn('interval_min') / 60.0    # hours per interval: counts -> per hour
data = dir . 'intervals.csv'
t(c) = timecolumn(1, '%Y-%m-%d %H:%M')
per_h(name) = column(name) / ih
p1 = 'arrivals_unshipped'; p2 = 'arrivals_in_transit'; p3 = 'arrivals_received_no_return'
p4 = 'arrivals_return'; pas = 'arrivals_after_sales'

stats data using (per_h('orders_expected')) name 'orders' nooutput
# Staff on duty: the right axis reaches a little above the most people on duty.
stats data using (max(column('staff_agent'), max(column('staff_supervisor'), column('staff_inspector')))) name 'staff' nooutput
staff_top = staff_max > 0 ? ceil(staff_max * 1.15) : 1

set multiplot layout 2,1 title chart_title(L('Demand and staff on duty', '需求与在岗人数')) font ',15'
set lmargin at screen 0.075
set rmargin at screen 0.925
set xdata time
set timefmt '%Y-%m-%d %H:%M'
set format x time_format
set xtics t_start, day_tics
set mxtics 2
set xrange [t_start:t_end]
set key Left reverse samplen 2 spacing 1.1 box lc rgb '#cccccc' opaque

# Top: paid orders per hour (the order curve of the scenario).
set tmargin at screen 0.87
set bmargin at screen 0.67
set format x ''
# A large shop's orders in thousands (gnuplot would write 1e+06).
k = orders_max >= 1e5 ? 1000.0 : 1
set ylabel k > 1 ? L('orders/h (thousands)', '订单/小时（千）') : L('orders per hour', '每小时订单数')
set ytics 0, nice_step(orders_max / k, 4)
set yrange [0:*]
set style fill solid 0.5 noborder
set key inside right top
plot data using (t(0)):(per_h('orders_expected') / k) with filledcurves y1=0 lc rgb '#9ecae1' \
	title L('paid orders', '付款订单')

# Bottom: refund requests by path, stacked, after-sales enquiries on top;
# staff on duty on the right axis.
set tmargin at screen 0.62
set bmargin at screen 0.2
set format x time_format
set xlabel L('date and time', '日期时间')
set ylabel L('requests per hour', '每小时申请数')
set y2label L('staff on duty (people)', '在岗人数（人）')
set y2tics 0, max(1, nice_step(staff_top, 5))    # whole people
set ytics nomirror
set format y '%g'
set ytics autofreq
set y2range [0:staff_top]
set key at screen 0.5, screen 0.015 center bottom horizontal maxrows 2 width 2 nobox noopaque
set style fill solid 0.85 noborder
plot \
	data using (t(0)):(per_h(p1) + per_h(p2) + per_h(p3) + per_h(p4) + per_h(pas)) with filledcurves y1=0 lc rgb c_as \
		title L('after-sales enquiries', '售后咨询'), \
	'' using (t(0)):(per_h(p1) + per_h(p2) + per_h(p3) + per_h(p4)) with filledcurves y1=0 lc rgb c_p4 \
		title L('4 return and refund', '4 退货退款'), \
	'' using (t(0)):(per_h(p1) + per_h(p2) + per_h(p3)) with filledcurves y1=0 lc rgb c_p3 \
		title L('3 received, no return', '3 已收到货不退货'), \
	'' using (t(0)):(per_h(p1) + per_h(p2)) with filledcurves y1=0 lc rgb c_p2 \
		title L('2 shipped, not received', '2 已发货未收到货'), \
	'' using (t(0)):(per_h(p1)) with filledcurves y1=0 lc rgb c_p1 \
		title L('1 not shipped, refund only', '1 未发货仅退款'), \
	'' using (t(0)):(column('staff_agent')) axes x1y2 with steps lw 1.5 lc rgb c_agent \
		title L('refund agents on duty', '在岗退款专员'), \
	'' using (t(0)):(column('staff_supervisor')) axes x1y2 with steps lw 1.5 dt 2 lc rgb c_supervisor \
		title L('supervisors on duty', '在岗主管'), \
	'' using (t(0)):(column('staff_inspector')) axes x1y2 with steps lw 1.5 dt 3 lc rgb c_inspector \
		title L('QC inspectors on duty', '在岗质检员')
unset multiplot
unset output
undefine out
