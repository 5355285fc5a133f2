# service_days.gp: the service level day by day: each day's share of
# refund requests answered within the first-response time, and of
# refund-only requests the shop acted on within their time, against their
# targets (dashed, labelled in the margin); a day that misses a target is
# ringed in red.  Days without requests are left out.  Reads daily.csv and
# scenario.csv from dir.
chart = 'service_days'
if (!exists("plots")) plots = ARG0[1:strlen(ARG0) - strlen(chart . '.gp')]
reset
load plots . 'common.gp'

data = dir . 'daily.csv'
stats data every ::0::0 using (c_fr = cn('first_response_within_target_pct'), \
	c_ro = cn('refund_only_handled_within_target_pct'), 0) nooutput
stats data using 0 name 'days' nooutput
ndays = days_records

# The targets as kpis.csv states them (the platform's rules included); the
# times from the scenario (30 min and 24 h unless it sets others).
fr_pct = NaN; ro_pct = NaN
stats dir . 'kpis.csv' using (strcol(1) eq 'first_response_within' ? fr_pct = column(8) : \
	strcol(1) eq 'refund_only_handled_within' ? ro_pct = column(8) : 0, 0) nooutput
fr_min = scn('sla_first_response_within_min')
if (fr_min != fr_min) fr_min = 30
ro_h = scn('sla_refund_only_done_within_hours')
if (ro_h != ro_h) ro_h = 24

set title chart_title(L('Service level day by day', '每日服务水平'))
set ylabel L('requests handled in time (%)', '按时处理的申请（%）')
set yrange [0:105]
set ytics 0, 10, 100
set xrange [-0.7:ndays - 0.3]
# A date tic every day, or every few days on a long horizon.
every = ndays > 45 ? 7 : ndays > 20 ? 3 : 1
set xtics scale 0.6 ()
do for [d = 0:ndays - 1] {
	if (d % every == 0) { set xtics add (strftime('%m-%d', t_start + d * 86400) d) }
}
set xlabel L('date', '日期')
set rmargin 22

# Two targets within 10 points: the higher one's text above its line, the
# lower one's below.
close = fr_pct == fr_pct && ro_pct == ro_pct && abs(fr_pct - ro_pct) < 10
fr_dy = close && fr_pct < ro_pct ? -1.4 : 1.0
ro_dy = close && ro_pct <= fr_pct ? -1.4 : 1.0
# The targets: dashed lines in the series' colours, their text in the
# right margin (two targets on one level: one line of text each).
if (fr_pct == fr_pct) {
	set arrow 1 from graph 0, first fr_pct to graph 1, first fr_pct nohead dt 2 lw 1.5 lc rgb c_p1 front
	set label 1 (lang eq 'zh' ? sprintf("目标：首次响应\n%s 内 %g%%", dur(fr_min / 60.0), fr_pct) : \
		sprintf("target: first response\n%g%% within %s", fr_pct, dur(fr_min / 60.0))) \
		at graph 1, first fr_pct left offset 1, fr_dy font ',9' textcolor rgb c_p1
}
if (ro_pct == ro_pct) {
	set arrow 2 from graph 0, first ro_pct to graph 1, first ro_pct nohead dt 2 lw 1.5 lc rgb c_p3 front
	set label 2 (lang eq 'zh' ? sprintf("目标：仅退款处理\n%s 内 %g%%", dur(ro_h), ro_pct) : \
		sprintf("target: refund only acted on\n%g%% within %s", ro_pct, dur(ro_h))) \
		at graph 1, first ro_pct left offset 1, ro_dy font ',9' textcolor rgb c_p3
}
miss(c, t) = t == t && column(c) < t ? column(c) : NaN

plot data using 0:c_fr with linespoints lw 2 pt 7 ps 0.6 lc rgb c_p1 \
		title sprintf(L('first response within %s', '%s 内首次响应'), dur(fr_min / 60.0)), \
	'' using 0:c_ro with linespoints lw 2 pt 5 ps 0.6 lc rgb c_p3 \
		title sprintf(L('refund only acted on within %s', '%s 内处理仅退款'), dur(ro_h)), \
	'' using 0:(miss(c_fr, fr_pct)) with points pt 6 ps 1.6 lw 1.5 lc rgb c_target \
		title L('a day that misses its target', '未达标的日子'), \
	'' using 0:(miss(c_ro, ro_pct)) with points pt 6 ps 1.6 lw 1.5 lc rgb c_target notitle
unset output
undefine out
