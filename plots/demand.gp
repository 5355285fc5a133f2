# demand.gp: orders per hour over the promotion (top); refund requests per
# hour stacked by path, with the refund agents' capacity in requests per
# hour (bottom): the agents on duty times the requests an agent-hour
# handles in this run (the agents' work over the requests).  Up to 14 days
# hour by hour; over longer horizons a bar per day (requests per hour
# averaged over the day) with the day's busiest hour and the capacity of
# the day, so that 60 days stay readable.  Reads intervals.csv and
# scenario.csv from dir.
chart = 'demand'
if (!exists("plots")) plots = ARG0[1:strlen(ARG0) - strlen(chart . '.gp')]
reset
load plots . 'common.gp'

ih = scn('interval_min') / 60.0    # hours per interval: counts -> per hour
data = dir . 'intervals.csv'
stats data every ::0::0 using (c_h = cn('hours_from_start'), c_o = cn('orders_expected'), \
	c1 = cn('arrivals_unshipped'), c2 = cn('arrivals_in_transit'), c3 = cn('arrivals_received_no_return'), \
	c4 = cn('arrivals_return'), c5 = cn('arrivals_after_sales'), c_staff = cn('staff_agent'), \
	c_load = cn('offered_load_agent'), 0) nooutput
orders_top = 0; req_all = 0; as_all = 0; work_all = 0; staff_top = 0
x_end = (t_end - t_start) / 3600.0
daily = span_days > 14
# Over 14 days, a row per day: requests by path, the busiest hour, the
# staff-hours and the most agents on duty, summed in the same pass.
nd = daily ? int(ceil(span_days)) : 1
array s1[nd]; array s2[nd]; array s3[nd]; array s4[nd]; array s5[nd]; array pk[nd]; array cs[nd]; array cm[nd]; array hrs[nd]
do for [i = 1:nd] { s1[i] = 0; s2[i] = 0; s3[i] = 0; s4[i] = 0; s5[i] = 0; pk[i] = 0; cs[i] = 0; cm[i] = 0; hrs[i] = 0 }
# One pass: the most orders in an hour, all requests, the agents' work
# (offered load in erlangs times the interval), the most agents on duty.
stats data using (o = column(c_o) / ih, \
	n = column(c1) + column(c2) + column(c3) + column(c4) + column(c5), \
	orders_top = max(orders_top, o), req_all = req_all + n, as_all = as_all + column(c5), \
	work_all = work_all + column(c_load) * ih, staff_top = max(staff_top, column(c_staff)), \
	d = int(column(c_h) / 24) + 1, daily && d <= nd ? ( \
		s1[d] = s1[d] + column(c1), s2[d] = s2[d] + column(c2), s3[d] = s3[d] + column(c3), \
		s4[d] = s4[d] + column(c4), s5[d] = s5[d] + column(c5), pk[d] = max(pk[d], n / ih), \
		cs[d] = cs[d] + column(c_staff) * ih, cm[d] = max(cm[d], column(c_staff)), hrs[d] = hrs[d] + ih) : 0, \
	0) nooutput
# The enquiries' key entry only when there are any (claims on received
# goods are refunds, in the paths' layers).
t_as = as_all > 0 ? L('after-sales enquiries', '售后咨询') : ''
# Requests an agent-hour handles; capacity = agents on duty x that.
per_agent_h = work_all > 0 ? req_all / work_all : NaN

set multiplot layout 2,1 title chart_title(L('Demand and capacity', '需求与处理能力')) font ',15'
set lmargin at screen 0.075
set rmargin at screen 0.97
set xrange [0:x_end]
# Date tics on an axis in hours from the start (labels only below).
set mxtics 1
set xtics scale 0.6 ()
do for [d = 0:int(span_days)] {
	if (d * 86400 % day_tics == 0) { set xtics add ('' d * 24) }
}

# Top: paid orders per hour (the order curve of the scenario).
set tmargin at screen 0.87
set bmargin at screen 0.67
# A large shop's orders in thousands (gnuplot would write 1e+06).
k = orders_top >= 1e5 ? 1000.0 : 1
set ylabel k > 1 ? L('orders/h (thousands)', '订单/小时（千）') : L('orders per hour', '每小时订单数')
set ytics 0, nice_step(orders_top / k, 4)
set yrange [0:*]
set style fill solid 0.5 noborder
set key inside right top Left reverse samplen 2 box lc rgb '#cccccc' opaque
o_col = ih == 1 && k == 1 ? sprintf('%d', c_o) : sprintf('($%d / %g)', c_o, ih * k)
plot data using c_h:@o_col with filledcurves y1=0 lc rgb '#9ecae1' title L('paid orders', '付款订单')

# Bottom: requests and capacity, both in requests per hour.
set tmargin at screen 0.62
set bmargin at screen 0.2
do for [d = 0:int(span_days)] {
	if (d * 86400 % day_tics == 0) { set xtics add (strftime('%m-%d', t_start + d * 86400) d * 24) }
}
set xlabel L('date', '日期')
set ylabel L('requests per hour', '每小时申请数')
set ytics autofreq
set key at screen 0.5, screen 0.015 center bottom horizontal maxrows 2 width 2 nobox noopaque
t_cap = L('capacity of the agents on duty', '在岗退款专员的处理能力')
# (a macro is expanded as its block is read: set it before the block)
cap = per_agent_h == per_agent_h ? sprintf('($%d * %.9g)', c_staff, per_agent_h) : 'NaN'
if (!daily) {
	set style fill solid 0.85 noborder
	plot \
		data using c_h:((column(c1) + column(c2) + column(c3) + column(c4) + column(c5)) / ih) with filledcurves y1=0 lc rgb c_as \
			title t_as, \
		'' using c_h:((column(c1) + column(c2) + column(c3) + column(c4)) / ih) with filledcurves y1=0 lc rgb c_p4 \
			title L('4 return and refund', '4 退货退款'), \
		'' using c_h:((column(c1) + column(c2) + column(c3)) / ih) with filledcurves y1=0 lc rgb c_p3 \
			title L('3 received, no return', '3 已收到货不退货'), \
		'' using c_h:((column(c1) + column(c2)) / ih) with filledcurves y1=0 lc rgb c_p2 \
			title L('2 shipped, not received', '2 已发货未收到货'), \
		'' using c_h:(column(c1) / ih) with filledcurves y1=0 lc rgb c_p1 \
			title L('1 not shipped, refund only', '1 未发货仅退款'), \
		'' using c_h:@cap with fsteps lw 2 lc rgb c_capacity title t_cap
} else {
	# A row per day: mean requests per hour by path, the busiest hour, the
	# mean and the highest capacity per hour.
	set print $days
	print 'hour,p1,p2,p3,p4,as,peak,cap_mean,cap_max'
	do for [i = 1:nd] {
		h = hrs[i] > 0 ? hrs[i] : 1
		print sprintf('%g,%g,%g,%g,%g,%g,%g,%g,%g', (i - 0.5) * 24, s1[i] / h, (s1[i] + s2[i]) / h, \
			(s1[i] + s2[i] + s3[i]) / h, (s1[i] + s2[i] + s3[i] + s4[i]) / h, \
			(s1[i] + s2[i] + s3[i] + s4[i] + s5[i]) / h, pk[i] > 0 ? pk[i] : NaN, per_agent_h * cs[i] / h, per_agent_h * cm[i])
	}
	# The capacity steps run to the end of the last day.
	h = hrs[nd] > 0 ? hrs[nd] : 1
	print sprintf('%g,NaN,NaN,NaN,NaN,NaN,NaN,%g,%g', (nd + 0.5) * 24, per_agent_h * cs[nd] / h, per_agent_h * cm[nd])
	unset print
	set boxwidth 24 * 0.8
	set style fill solid 0.85 noborder
	plot \
		$days using 1:6 with boxes lc rgb c_as title t_as, \
		'' using 1:5 with boxes lc rgb c_p4 title L('4 return and refund', '4 退货退款'), \
		'' using 1:4 with boxes lc rgb c_p3 title L('3 received, no return', '3 已收到货不退货'), \
		'' using 1:3 with boxes lc rgb c_p2 title L('2 shipped, not received', '2 已发货未收到货'), \
		'' using 1:2 with boxes lc rgb c_p1 title L('1 not shipped, refund only', '1 未发货仅退款'), \
		'' using 1:7 with points pt 7 ps 0.8 lc rgb c_target title L('busiest hour of the day (requests/h)', '当日最忙一小时（申请/小时）'), \
		'' using ($1 - 12):8 with fsteps lw 2 lc rgb c_capacity \
			title L('capacity, mean over the day', '处理能力（全天平均）'), \
		'' using ($1 - 12):9 with fsteps lw 1.5 dt 2 lc rgb c_capacity \
			title L('capacity at the most staffed hour', '处理能力（在岗最多时）')
}
unset multiplot
unset output
undefine out
