# backlog.gp: open refunds by what they wait for, stacked, over time, with
# escalations and after-sales enquiries as lines and the platform's
# deadlines marked: entry opening, the refund peak, automatic approval of
# unanswered requests (seller_response_timeout after the peak) and the
# escalation peak (the protection period after the refund peak [004]).
# Reads intervals.csv and scenario.csv from dir.
chart = 'backlog'
if (!exists("plots")) plots = ARG0[1:strlen(ARG0) - strlen(chart . '.gp')]
reset
load plots . 'common.gp'

data = dir . 'intervals.csv'
t(c) = timecolumn(1, '%Y-%m-%d %H:%M')
b(name) = column('backlog_' . name)

# Head room above the highest backlog for the deadline labels.
stats data using (b('agent') + b('courier') + b('supervisor') + b('buyer') + b('transit') + \
	b('inspection') + b('payout')) name 'open' nooutput
y_top = open_max > 0 ? open_max * 1.35 : 10
set yrange [0:y_top]
# Counts in full: 2500, 900000 (gnuplot's %g would write 1e+06).
if (open_max >= 1e5) { set format y '%.0f' }

set title chart_title(L('Open refunds by state', '未完结退款（按状态）'))
set xdata time
set timefmt '%Y-%m-%d %H:%M'
set format x time_format
set xtics t_start, day_tics
set mxtics 2
set xrange [t_start:t_end]
set xlabel L('date and time', '日期时间')
set ylabel L('open refunds (cases)', '未完结退款（件）')
set key outside below center horizontal maxcols 3 width 1 Left reverse samplen 2

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
	print sprintf('%.0f', t_entry)
	set label 11 sprintf('%d', n_marks) at t_entry, graph 1 @num_style
	marks = marks . sprintf("%d  %s%s\n", n_marks, L('refund entry opens', '退款入口开放'), when(t_entry))
}
if (t_peak == t_peak) {
	n_marks = n_marks + 1
	print sprintf('%.0f', t_peak)
	set label 12 sprintf('%d', n_marks) at t_peak, graph 1 @num_style
	marks = marks . sprintf("%d  %s%s\n", n_marks, L('refund peak', '退款高峰'), when(t_peak))
}
if (t_timeout == t_timeout) {
	n_marks = n_marks + 1
	print sprintf('%.0f', t_timeout)
	set label 13 sprintf('%d', n_marks) at t_timeout, graph 1 @num_style
	marks = marks . sprintf("%d  %s%s\n", n_marks, sprintf(L('unanswered peak requests approved automatically (+%g h)', \
		'高峰申请未响应将超时自动同意（+%g 小时）'), scn('response_timeout_hours')), when(t_timeout))
}
if (t_escalation == t_escalation) {
	n_marks = n_marks + 1
	print sprintf('%.0f', t_escalation)
	set label 14 sprintf('%d', n_marks) at t_escalation, graph 1 @num_style
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
s1(c) = b('agent')
s2(c) = s1(0) + b('courier')
s3(c) = s2(0) + b('supervisor')
s4(c) = s3(0) + b('buyer')
s5(c) = s4(0) + b('transit')
s6(c) = s5(0) + b('inspection')
s7(c) = s6(0) + b('payout')
plot \
	data using (t(0)):(s7(0)) with filledcurves y1=0 lc rgb '#8c564b' title L('waiting for payout', '待退款'), \
	'' using (t(0)):(s6(0)) with filledcurves y1=0 lc rgb '#e377c2' title L('waiting for inspection', '待验货'), \
	'' using (t(0)):(s5(0)) with filledcurves y1=0 lc rgb '#bcbd22' title L('return in transit', '退货在途'), \
	'' using (t(0)):(s4(0)) with filledcurves y1=0 lc rgb '#17becf' title L('buyer to ship back', '待买家寄回'), \
	'' using (t(0)):(s3(0)) with filledcurves y1=0 lc rgb c_supervisor title L('waiting for supervisor', '待主管审批'), \
	'' using (t(0)):(s2(0)) with filledcurves y1=0 lc rgb c_p2 title L('courier feedback / parcel returning', '待快递反馈/拦截退回'), \
	'' using (t(0)):(s1(0)) with filledcurves y1=0 lc rgb c_p1 title L('waiting for an agent (first response)', '待客服处理（首次响应）'), \
	'' using (t(0)):(column('escalated_open')) with lines lw 2 lc rgb c_target title L('escalated to the platform (open)', '小二介入中（未完结）'), \
	'' using (t(0)):(column('after_sales_open')) with lines lw 1.5 dt 4 lc rgb '#555555' title L('after-sales enquiries open', '售后咨询未完结'), \
	$marks using (strcol(1) + 0):(0):(0):(y_top) with vectors nohead dt 2 lw 1.2 lc rgb c_mark notitle
unset output
undefine out
