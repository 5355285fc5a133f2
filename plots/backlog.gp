# backlog.gp: open refunds by what they wait for, stacked, over time, with
# escalations and after-sales enquiries (when there are any) as lines and
# the platform's deadlines marked: entry opening, the refund peak,
# automatic approval of unanswered requests (seller_response_timeout
# after the peak) and the escalation peak (the protection period after
# the refund peak [004]).
# Reads intervals.csv and scenario.csv from dir.
chart = 'backlog'
if (!exists("plots")) plots = ARG0[1:strlen(ARG0) - strlen(chart . '.gp')]
reset
load plots . 'common.gp'

data = dir . 'intervals.csv'
stats data every ::0::0 using (c_h = cn('hours_from_start'), b1 = cn('backlog_agent'), b2 = cn('backlog_courier'), \
	b3 = cn('backlog_supervisor'), b4 = cn('backlog_buyer'), b5 = cn('backlog_transit'), \
	b6 = cn('backlog_inspection'), b7 = cn('backlog_payout'), c_esc = cn('escalated_open'), \
	c_aso = cn('after_sales_open'), 0) nooutput
b(i) = column(i == 1 ? b1 : i == 2 ? b2 : i == 3 ? b3 : i == 4 ? b4 : i == 5 ? b5 : i == 6 ? b6 : b7)
# The open refunds stacked up to layer n (one evaluation a row and layer).
s(n) = sum [s_i = 1:n] b(s_i)

# Head room above the highest backlog for the deadline labels.
stats data using (s(7)) name 'open' nooutput
y_top = open_max > 0 ? open_max * 1.35 : 10
set yrange [0:y_top]
# Counts in full: 2500, 900000 (gnuplot's %g would write 1e+06).
if (open_max >= 1e5) { set format y '%.0f' }

set title chart_title(L('Open refunds by state', '未完结退款（按状态）'))
# An axis in hours from the start, with date tics.
set xrange [0:(t_end - t_start) / 3600.0]
set xtics scale 0.6 ()
do for [d = 0:int(span_days)] {
	if (d * 86400 % day_tics == 0) { set xtics add (strftime('%m-%d', t_start + d * 86400) d * 24) }
}
set mxtics 1
set xlabel L('date', '日期')
set ylabel L('open refunds (cases)', '未完结退款（件）')
set key outside below center horizontal maxcols 3 width 1 height 1 Left reverse samplen 2

# Deadlines: a dashed line each (drawn with the data, under the box),
# numbered above the plot; a box at the top left says what the numbers
# are, so close dates cannot collide.
num_style = "center offset 0, 0.7 font ',10' textcolor rgb '#222222' front"
t_entry = sct('entry_opens')
t_peak = sct('refund_peak')
t_timeout = sct('timeout_peak')
t_escalation = sct('escalation_peak')
when(t) = strftime(' %m-%d %H:%M', t)
marks = ''
n_marks = 0
set print $marks
print 'time_s'
if (t_entry == t_entry) {
	n_marks = n_marks + 1
	print sprintf('%.6g', (t_entry - t_start) / 3600.0)
	set label 11 sprintf('%d', n_marks) at (t_entry - t_start) / 3600.0, graph 1 @num_style
	marks = marks . sprintf("%d  %s%s\n", n_marks, L('refund entry opens', '退款入口开放'), when(t_entry))
}
if (t_peak == t_peak) {
	n_marks = n_marks + 1
	print sprintf('%.6g', (t_peak - t_start) / 3600.0)
	set label 12 sprintf('%d', n_marks) at (t_peak - t_start) / 3600.0, graph 1 @num_style
	marks = marks . sprintf("%d  %s%s\n", n_marks, L('refund peak', '退款高峰'), when(t_peak))
}
if (t_timeout == t_timeout) {
	n_marks = n_marks + 1
	print sprintf('%.6g', (t_timeout - t_start) / 3600.0)
	set label 13 sprintf('%d', n_marks) at (t_timeout - t_start) / 3600.0, graph 1 @num_style
	marks = marks . sprintf("%d  %s%s\n", n_marks, sprintf(L('unanswered peak requests approved automatically (+%g h)', \
		'高峰申请未响应将超时自动同意（+%g 小时）'), scn('response_timeout_hours')), when(t_timeout))
}
if (t_escalation == t_escalation) {
	n_marks = n_marks + 1
	print sprintf('%.6g', (t_escalation - t_start) / 3600.0)
	set label 14 sprintf('%d', n_marks) at (t_escalation - t_start) / 3600.0, graph 1 @num_style
	marks = marks . sprintf("%d  %s%s\n", n_marks, sprintf(L('escalations to the platform expected to peak (+%g d protection period)', \
		'预计小二介入高峰（保护期 %g 天后）'), scn('protection_period_hours') / 24), when(t_escalation))
}
unset print
if (n_marks > 0) {
	set style textbox opaque fillcolor rgb '#ffffff' border lc rgb '#cccccc' margins 5, 4
	set label 20 marks[1:strlen(marks) - 1] at graph 0.02, graph 1.01 - 0.027 * n_marks left \
		font ',9' textcolor rgb '#333333' front boxed
}

set style fill solid 0.85 noborder
# The stack read once into a table of plain numbers: hours, the seven
# layers' tops (payout's the highest), escalated, after-sales open.
set table $bl separator comma
plot data using c_h:(v1 = column(b1)):(v2 = v1 + column(b2)):(v3 = v2 + column(b3)):(v4 = v3 + column(b4)): \
	(v5 = v4 + column(b5)):(v6 = v5 + column(b6)):(v6 + column(b7)):c_esc:c_aso with table
unset table
set datafile nocolumnheaders
# After-sales enquiries only where the scenario has them (the claims on
# received goods are refunds, in the stack): no key entry for a flat zero.
stats $bl using 10 name 'aso' nooutput
aso_title = aso_max > 0 ? L('after-sales enquiries open', '售后咨询未完结') : ''
plot \
	$bl using 1:8 with filledcurves y1=0 lc rgb '#8c564b' title L('waiting for payout', '待退款'), \
	'' using 1:7 with filledcurves y1=0 lc rgb '#e377c2' title L('waiting for inspection', '待验货'), \
	'' using 1:6 with filledcurves y1=0 lc rgb '#bcbd22' title L('return in transit', '退货在途'), \
	'' using 1:5 with filledcurves y1=0 lc rgb '#17becf' title L('buyer to ship back', '待买家寄回'), \
	'' using 1:4 with filledcurves y1=0 lc rgb c_supervisor title L('waiting for supervisor', '待主管审批'), \
	'' using 1:3 with filledcurves y1=0 lc rgb c_p2 title L('courier feedback / parcel returning', '待快递反馈/拦截退回'), \
	'' using 1:2 with filledcurves y1=0 lc rgb c_p1 title L('waiting for an agent (first response)', '待客服处理（首次响应）'), \
	'' using 1:9 with lines lw 2 lc rgb c_target title L('escalated to the platform (open)', '小二介入中（未完结）'), \
	'' using 1:(aso_max > 0 ? $10 : NaN) with lines lw 1.5 dt 4 lc rgb '#555555' title aso_title, \
	$marks every ::1 using 1:(0):(0):(y_top) with vectors nohead dt 2 lw 1.2 lc rgb c_mark notitle
unset output
undefine out
