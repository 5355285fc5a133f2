# targets.gp: every service target of the run, one row each (first
# response, refund only acted on in time, returns paid after warehouse
# arrival, supervisor approvals, all refunds finished, dispute refund
# rate, and any other KPI with a target): a bar from zero to the mean with
# its 95% CI, green when the target is met and red when missed, the target
# a dark tick; the figures and the target in words to the right of the
# plot, never over a bar.  Each row has its own scale from zero: shares
# 0-100%, an "at most" target up to 1.5 times the larger of the target and
# the CI's top.  Reads kpis.csv and scenario.csv from dir.
chart = 'targets'
if (!exists("plots")) plots = ARG0[1:strlen(ARG0) - strlen(chart . '.gp')]
reset
load plots . 'common.gp'

data = dir . 'kpis.csv'
# The rows with a target: their line numbers (data rows from 0).
array row[40]; nt = 0
stats data using (v = column(8), v == v && nt < 40 ? (nt = nt + 1, row[nt] = int($0)) : 0, 0) nooutput

# A target KPI's name in the chart's language: kpis.csv's label in English,
# the shop's terms in Chinese with the time from the scenario.
h_or(k, d) = scn(k) == scn(k) ? scn(k) : d
kpi_zh(k) = \
	k eq 'first_response_within' ? sprintf('首次响应及时率（%s 内）', dur(h_or('sla_first_response_within_min', 30) / 60.0)) : \
	k eq 'refund_only_handled_within' ? sprintf('仅退款按时处理率（%s 内）', dur(h_or('sla_refund_only_done_within_hours', 24))) : \
	k eq 'return_paid_within' ? sprintf('退货到仓后按时退款率（%s 内）', dur(h_or('sla_return_paid_within_hours', 24))) : \
	k eq 'supervisor_approval_within' ? sprintf('主管按时审批率（%s 内）', dur(h_or('sla_supervisor_approval_within_hours', 12))) : \
	k eq 'all_done_within' ? sprintf('退款按时完结率（%s 内）', dur(h_or('sla_all_done_within_hours', 240))) : \
	k eq 'dispute_refund_rate' ? '纠纷退款率' : k eq 'enquiry_response_within' ? '售后咨询及时响应率' : ''
# (kpis.csv names the all_done target's key after its label: left out.)
no_key(s) = strstrt(s, ' (all_done)') > 0 ? s[1:strstrt(s, ' (all_done)') - 1] : s
name_of(k, label) = lang eq 'zh' && kpi_zh(k) ne '' ? kpi_zh(k) : no_key(label)

set title chart_title(L('Service targets: met or missed', '服务目标：达标与否'))
if (nt == 0) {
	no_data_text = L('the scenario sets no service target', '本方案未设服务目标')
	eval no_data
} else {
	# A row per target: a plot of its own, one over the other.
	top = 0.86; bottom = 0.08
	h = (top - bottom) / nt
	set multiplot title chart_title(L('Service targets: met or missed', '服务目标：达标与否')) font ',15'
	set label 9 L('bar: mean over the replications, whisker: its 95% CI, black tick: the target', \
		'条形：各次重复的均值，须线：95% 置信区间，黑色竖线：目标') at screen 0.5, screen 0.02 center \
		font ',10' textcolor rgb '#555555'
	unset title
	unset key
	set lmargin at screen 0.30
	set rmargin at screen 0.68
	set border 1
	set grid xtics noytics
	set yrange [-0.5:0.5]
	set ytics scale 0 ()
	set style fill solid 0.85 noborder
	do for [i = 1:nt] {
		r = row[i]
		# This row's figures.
		stats data every ::r::r using (k = strcol(1), lab = strcol(2), unit = strcol(3), m = column(4), \
			lo = column(5), hi = column(6), tg = column(8), most = strcol(9) eq 'at most', \
			met = strcol(10) eq 'yes', 0) nooutput
		set tmargin at screen top - (i - 1) * h - 0.012
		set bmargin at screen top - i * h + 0.03
		xmax = unit eq '%' && !most ? 100 : 1.5 * max(tg, max(hi, m))
		if (!(xmax > 0)) { xmax = 1 }
		set xrange [0:xmax]
		set xtics 0, nice_step(xmax, 5) font ',9'
		set format x unit eq '%' ? '%g%%' : '%g'
		set ytics (name_of(k, lab) 0) font ',10'
		unset label 2; unset label 3; unset arrow 1
		set arrow 1 from tg, -0.42 to tg, 0.42 nohead lw 3 lc rgb '#222222' front
		# Decimals by the size of the figures: 93.1%, 0.008% (no 3.01e-05).
		ref = max(abs(tg), abs(m)); dec = ref > 0 ? max(0, 2 - floor(log10(ref))) : 1
		f = sprintf('%%.%df', dec)
		set label 2 sprintf(L('%s%s  (95%% CI %s–%s)', '%s%s（95%% 置信区间 %s–%s）'), sprintf(f, m), \
			unit eq '%' ? '%' : ' ' . unit, sprintf(f, lo), sprintf(f, hi)) \
			at screen 0.69, first 0.12 left font ',10' textcolor rgb '#111111'
		set label 3 sprintf(L('target %s %g%s: %s', '目标 %s %g%s：%s'), most ? '≤' : '≥', tg, unit eq '%' ? '%' : ' ' . unit, \
			met ? L('met', '达标') : L('MISSED', '未达标')) \
			at screen 0.69, first -0.25 left font ',10' textcolor rgb (met ? c_met : c_target)
		plot data every ::r::r using (column(4) / 2):(0):(0):(column(4)):(-0.3):(0.3) with boxxyerror \
				lc rgb (met ? c_met : c_target), \
			'' every ::r::r using 4:(0):5:6 with xerrorbars pt -1 lw 1.5 lc rgb '#222222'
	}
	unset multiplot
}
unset output
undefine out
