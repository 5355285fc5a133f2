# sla.gp: share of refunds completed within t of the request, one line per
# path and one for all refunds, each with its 95% band across the
# replications, and the scenario's targets as points.  Reads sla.csv and
# scenario.csv from dir.
chart = 'sla'
if (!exists("plots")) plots = ARG0[1:strlen(ARG0) - strlen(chart . '.gp')]
reset
load plots . 'common.gp'

data = dir . 'sla.csv'
# The columns by name, once (promocap cuts the bands to 0..100%).
stats data every ::0::0 using (u1 = cn('unshipped_pct'), u2 = cn('unshipped_low'), u3 = cn('unshipped_high'), \
	t1 = cn('in_transit_pct'), t2 = cn('in_transit_low'), t3 = cn('in_transit_high'), \
	r1 = cn('received_no_return_pct'), r2 = cn('received_no_return_low'), r3 = cn('received_no_return_high'), \
	w1 = cn('return_pct'), w2 = cn('return_low'), w3 = cn('return_high'), \
	a1 = cn('all_pct'), a2 = cn('all_low'), a3 = cn('all_high'), \
	sla_n = column(a1) == column(a1), 0) nooutput
# sla_n: whether any refund arrived (the all-refunds curve has values).
stats data using 1 name 'hours' nooutput

set title chart_title(L('Refunds completed within t of the request', '退款申请后 t 时间内完结的比例'))
set logscale x
set xrange [0.25:hours_max]
set xtics (dur(0.25) 0.25, dur(1) 1, dur(4) 4, dur(12) 12, dur(24) 24, dur(48) 48, \
	dur(120) 120, dur(240) 240, dur(480) 480, dur(720) 720, dur(1440) 1440)
set mxtics default
set xlabel L('time from refund request (log scale)', '自退款申请起的时间（对数刻度）')
set ylabel L('refunds completed (%)', '已完结退款（%）')
set yrange [0:105]
set ytics 0, 10, 100

# The all-refunds target: a dashed line from the axis to a point on its
# level, its text above the plot (never over a curve).  The refund-only
# target counts the shop's first action, not completion: the targets and
# service_days charts show it.
all_pct = scn('sla_all_done_pct'); all_h = scn('sla_all_done_within_hours')
if (all_pct == all_pct) {
	set arrow 2 from all_h, graph 0 to all_h, graph 1 nohead dt 2 lw 1.2 lc rgb c_target front
	set label 1 '' at all_h, first all_pct point pt 13 ps 1.8 lc rgb c_target front
	set label 2 sprintf(L('target: all refunds %g%% within %s', '目标：全部退款 %g%% 在 %s 内完结'), all_pct, dur(all_h)) \
		at all_h, graph 1 center offset 0, 0.8 font ',10' textcolor rgb c_target front
	# Near either end the text runs inward from the line.
	if (log(all_h / 0.25) / log(hours_max / 0.25) > 0.8) { set label 2 right offset 1, 0.8 }
	if (log(all_h / 0.25) / log(hours_max / 0.25) < 0.2) { set label 2 left offset -1, 0.8 }
}
set tmargin 6
set key outside below center horizontal maxrows 2 Left reverse samplen 2 width 2 height 1 nobox noopaque

if (sla_n == 0) {
	unset label 1; unset label 2; unset arrow 2
	no_data_text = L('no refund request in this run', '本次模拟没有退款申请')
	eval no_data
} else {
	# The rows thinned on the log axis (every quarter hour to 24 h, every
	# hour to 120 h, every 3 h after), read once into a table of plain
	# numbers per curve (hours, share, band): a tenth of the rows, the same
	# curves.  A table starts with a row of NaN: a path without refunds
	# (its cells empty, which gnuplot skips) leaves it there, not missing.
	array tcol[15] = [u1, u2, u3, t1, t2, t3, r1, r2, r3, w1, w2, w3, a1, a2, a3]
	do for [k = 1:5] {
		eval sprintf("set print $c%d; print 'NaN,NaN,NaN,NaN'; unset print", k)
		ca = tcol[3 * k - 2]; cb = tcol[3 * k - 1]; cc = tcol[3 * k]
		eval sprintf("set table $c%d append separator comma", k)
		plot data every ::0::95 using 1:ca:cb:cc with table, \
			'' every 4::99::479 using 1:ca:cb:cc with table, \
			'' every 12::491 using 1:ca:cb:cc with table
		unset table
	}
	# Refund only (paths 1-3) together: the paths' shares weighted by their
	# requests (daily.csv); a path without requests weighs nothing.
	wu = 0; wt = 0; wr = 0
	stats dir . 'daily.csv' using (wu = wu + column('requests_unshipped'), wt = wt + column('requests_in_transit'), \
		wr = wr + column('requests_received_no_return'), 0) nooutput
	w_all = wu + wt + wr
	set print $c6; print 'NaN,NaN'; unset print
	if (w_all > 0) {
		set table $c6 append separator comma
		plot data every ::0::95 using 1:((wu > 0 ? wu * column(u1) : 0) + (wt > 0 ? wt * column(t1) : 0) + \
				(wr > 0 ? wr * column(r1) : 0)) / w_all with table, \
			'' every 4::99::479 using 1:((wu > 0 ? wu * column(u1) : 0) + (wt > 0 ? wt * column(t1) : 0) + \
				(wr > 0 ? wr * column(r1) : 0)) / w_all with table, \
			'' every 12::491 using 1:((wu > 0 ? wu * column(u1) : 0) + (wt > 0 ? wt * column(t1) : 0) + \
				(wr > 0 ? wr * column(r1) : 0)) / w_all with table
		unset table
	}
	set datafile nocolumnheaders
	set style fill transparent solid 0.15 noborder
	plot \
		$c1 using 1:3:4 with filledcurves lc rgb c_p1, \
		$c2 using 1:3:4 with filledcurves lc rgb c_p2, \
		$c3 using 1:3:4 with filledcurves lc rgb c_p3, \
		$c4 using 1:3:4 with filledcurves lc rgb c_p4, \
		$c5 using 1:3:4 with filledcurves lc rgb c_all, \
		$c1 using 1:2 with lines lw 2 lc rgb c_p1 title L('1 not shipped, refund only', '1 未发货仅退款'), \
		$c2 using 1:2 with lines lw 2 lc rgb c_p2 title L('2 shipped, not received', '2 已发货未收到货'), \
		$c3 using 1:2 with lines lw 2 lc rgb c_p3 title L('3 received, no return', '3 已收到货不退货'), \
		$c4 using 1:2 with lines lw 2 lc rgb c_p4 title L('4 return and refund', '4 退货退款'), \
		$c6 using 1:2 with lines lw 2.5 dt 2 lc rgb '#6a3d9a' title L('refund only (1-3 together)', '仅退款（1-3 合计）'), \
		$c5 using 1:2 with lines lw 3 lc rgb c_all title L('all refunds', '全部退款'), \
		NaN with filledcurves lc rgb '#999999' fs transparent solid 0.3 title L('95% band across replications', '各次重复的 95% 区间')
}
unset output
undefine out
