# segments.gp: the five return-refund segments [000]: mean hours (with the
# 95% CI across replications) and the 90th percentile per segment; the
# segments the shop controls (agreement, inspection, payout) in blue, the
# buyer's and the courier's in grey.  Reads segments.csv, kpis.csv and
# scenario.csv from dir.
chart = 'segments'
if (!exists("plots")) plots = ARG0[1:strlen(ARG0) - strlen(chart . '.gp')]
reset
load plots . 'common.gp'

data = dir . 'segments.csv'
ctrl(c) = strcol('controllable') eq 'yes'
seg_en(s) = s eq 'agreement' ? "1 agreement\n(agent)" : s eq 'buyer_ships' ? "2 buyer ships back\n(buyer)" : \
	s eq 'transit' ? "3 return in transit\n(courier)" : s eq 'inspection' ? "4 inspection\n(warehouse QC)" : \
	s eq 'payout' ? "5 refund payout\n(agent)" : s
actor_zh(a) = a eq 'agent' ? '客服' : a eq 'buyer' ? '买家' : a eq 'courier' ? '快递' : a eq 'inspector' ? '仓库质检' : a
# The first column by number, not by name: a table written with --bom starts
# with a byte-order mark that its name would not match.
seg_label(c) = lang eq 'zh' ? sprintf("%d %s\n（%s）", $0 + 1, strcol('name_zh'), actor_zh(strcol('actor'))) : seg_en(strcol(1))

# The return-refund completion time (the sum of the five) from kpis.csv.
rr_mean = NaN
stats dir . 'kpis.csv' using (strcol(1) eq 'return_refund_completion' ? rr_mean = column('mean') : 0, 0) nooutput
# The tallest bar, and whether any return-refund finished at all.
seg_max = 0; seg_n = 0; skewed = 0
stats data using (v = max(column('p90_hours'), column('ci95_high_hours')), \
	v == v ? (seg_max = max(seg_max, v), seg_n = seg_n + 1) : 0, \
	skewed = skewed + (column('mean_hours') > column('p90_hours')), 0) nooutput

set title chart_title(L('The five return-refund segments', '退货退款的五个时段'))
set style textbox opaque fillcolor rgb '#ffffff' noborder margins 2, 2
if (rr_mean == rr_mean) {
	set label 1 sprintf(L('return-refund completion time (sum of the five): %.1f h', \
		'退货退款自主完结时长（五段之和）：%.1f 小时'), rr_mean) \
		at graph 0, graph 1 left offset 0, 1 font ',11' textcolor rgb '#111111' front
}
# A mean above the 90th percentile (an agreement that takes minutes but
# hours on the peak day) reads as an error unless it is said why.
if (skewed > 0) {
	set label 2 L('a mean above its 90th percentile: most are quick, a few wait for hours (a backlog)', \
		'均值高于 90 分位：多数很快，少数等待数小时（积压）') \
		at graph 0.99, graph 0.97 right font ',10' textcolor rgb '#444444' front
}
if (seg_n == 0) {
	no_data_text = L('no return-refund finished in this run', '本次模拟没有完结的退货退款')
	eval no_data
} else {
	set ylabel L('hours', '小时')
	set yrange [0:(seg_max > 0 ? seg_max * 1.2 : 1)]
	set xrange [-0.6:4.6]
	set xtics scale 0 nomirror
	set grid noxtics ytics
	set bmargin 7
	set tmargin 6
	set boxwidth 0.36
	set style fill solid 0.9 noborder
	set key outside below center horizontal maxrows 2 Left reverse samplen 1.5 width 2 height 1 nobox noopaque
	c_ctrl = '#2c7fb8'; c_ctrl90 = '#a6cee3'; c_other = '#7f7f7f'; c_other90 = '#d0d0d0'
	# A bar's value: hours, minutes under an hour (an agent's agreement
	# or payout takes minutes, "0.0 h" would say nothing).
	hm(v) = v != v ? '' : v >= 1 ? sprintf(L('%.1f h', '%.1f 小时'), v) : \
		v * 60 >= 10 ? sprintf(L('%.0f min', '%.0f 分钟'), v * 60) : sprintf(L('%.1f min', '%.1f 分钟'), v * 60)
	plot \
		data using ($0 - 0.19):(ctrl(0) ? column('mean_hours') : NaN) with boxes lc rgb c_ctrl \
			title L('mean, shop controls', '均值（商家可控）'), \
		'' using ($0 + 0.19):(ctrl(0) ? column('p90_hours') : NaN) with boxes lc rgb c_ctrl90 \
			title L('90th percentile, shop controls', '90 分位（商家可控）'), \
		'' using ($0 - 0.19):(ctrl(0) ? NaN : column('mean_hours')) with boxes lc rgb c_other \
			title L('mean, buyer or courier', '均值（买家/快递）'), \
		'' using ($0 + 0.19):(ctrl(0) ? NaN : column('p90_hours')) with boxes lc rgb c_other90 \
			title L('90th percentile, buyer or courier', '90 分位（买家/快递）'), \
		'' using ($0 - 0.19):(column('ci95_low_hours')):(0):(column('ci95_high_hours') - column('ci95_low_hours')) \
			with vectors heads size screen 0.006, 90 lw 1.2 lc rgb '#222222' title L('95% CI of the mean', '均值的 95% 置信区间'), \
		'' using ($0 - 0.19):(column('mean_hours')):(hm(column('mean_hours'))) \
			with labels offset 0, 1.3 font ',10' textcolor rgb '#111111', \
		'' using ($0 + 0.19):(column('p90_hours')):(hm(column('p90_hours'))) \
			with labels offset 0, 0.8 font ',10' textcolor rgb '#444444', \
		'' using 0:(0):('') :xtic(seg_label(0)) with labels
}
unset output
undefine out
