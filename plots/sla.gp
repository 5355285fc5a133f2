# sla.gp: share of refunds completed within t of the request, one line per
# path and one for all refunds, each with its 95% band across the
# replications, and the scenario's targets as points.  Reads sla.csv and
# scenario.csv from dir.
chart = 'sla'
if (!exists("plots")) plots = ARG0[1:strlen(ARG0) - strlen(chart . '.gp')]
reset
load plots . 'common.gp'

data = dir . 'sla.csv'
pct(x) = x < 0 ? 0 : (x > 100 ? 100 : x)   # the band cut to 0..100%

stats data using 1 name 'hours' nooutput
# Whether any refund arrived (the all-refunds curve has values).
sla_n = 0
stats data using (v = column('all_pct'), v == v ? sla_n = sla_n + 1 : 0, 0) nooutput

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
set key inside left top Left reverse samplen 2 spacing 1.15 box lc rgb '#cccccc' opaque width 1

# Targets of the scenario: a point with its text; the refund-only target
# applies to paths 1-3, the all_done target to all refunds.
ro_pct = scn('sla_refund_only_done_pct'); ro_h = scn('sla_refund_only_done_within_hours')
all_pct = scn('sla_all_done_pct'); all_h = scn('sla_all_done_within_hours')
set style textbox opaque fillcolor rgb '#ffffff' noborder margins 1, 1
if (ro_pct == ro_pct) {
	set arrow 1 from ro_h, graph 0 to ro_h, first ro_pct nohead dt 2 lw 1.2 lc rgb c_target front
	set label 1 sprintf(L('target: refund only %g%% within %s', '目标：仅退款 %g%% 在 %s 内完结'), ro_pct, dur(ro_h)) \
		at ro_h, first ro_pct point pt 13 ps 1.8 lc rgb c_target right offset -1, 0.6 \
		font ',10' textcolor rgb c_target front boxed
}
if (all_pct == all_pct) {
	set arrow 2 from all_h, graph 0 to all_h, first all_pct nohead dt 2 lw 1.2 lc rgb c_target front
	set label 2 sprintf(L('target: all refunds %g%% within %s', '目标：全部退款 %g%% 在 %s 内完结'), all_pct, dur(all_h)) \
		at all_h, first all_pct point pt 13 ps 1.8 lc rgb c_target left offset 1, 0.6 \
		font ',10' textcolor rgb c_target front boxed
	# Near the right end the text goes left of its point.
	if (log(all_h / 0.25) / log(hours_max / 0.25) > 0.7) { set label 2 right offset -1, 0.6 }
}

if (sla_n == 0) {
	unset label 1; unset label 2; unset arrow 1; unset arrow 2
	no_data_text = L('no refund request in this run', '本次模拟没有退款申请')
	eval no_data
} else {
	set style fill transparent solid 0.15 noborder
	plot \
		data using 1:(pct(column('unshipped_low'))):(pct(column('unshipped_high'))) with filledcurves lc rgb c_p1, \
		'' using 1:(pct(column('in_transit_low'))):(pct(column('in_transit_high'))) with filledcurves lc rgb c_p2, \
		'' using 1:(pct(column('received_no_return_low'))):(pct(column('received_no_return_high'))) with filledcurves lc rgb c_p3, \
		'' using 1:(pct(column('return_low'))):(pct(column('return_high'))) with filledcurves lc rgb c_p4, \
		'' using 1:(pct(column('all_low'))):(pct(column('all_high'))) with filledcurves lc rgb c_all, \
		'' using 1:(column('unshipped_pct')) with lines lw 2 lc rgb c_p1 title L('1 not shipped, refund only', '1 未发货仅退款'), \
		'' using 1:(column('in_transit_pct')) with lines lw 2 lc rgb c_p2 title L('2 shipped, not received', '2 已发货未收到货'), \
		'' using 1:(column('received_no_return_pct')) with lines lw 2 lc rgb c_p3 title L('3 received, no return', '3 已收到货不退货'), \
		'' using 1:(column('return_pct')) with lines lw 2 lc rgb c_p4 title L('4 return and refund', '4 退货退款'), \
		'' using 1:(column('all_pct')) with lines lw 3 lc rgb c_all title L('all refunds', '全部退款'), \
		NaN with filledcurves lc rgb '#999999' fs transparent solid 0.3 title L('95% band across replications', '各次重复的 95% 区间')
}
unset output
undefine out
