# first_response.gp: how long refund requests wait for the first answer:
# the share answered in each time band (left) and the share answered within
# t (right, with its 95% band), the response standard (30 minutes unless
# the scenario sets another) and its target marked.  Reads
# first_response.csv and scenario.csv from dir.
chart = 'first_response'
if (!exists("plots")) plots = ARG0[1:strlen(ARG0) - strlen(chart . '.gp')]
reset
load plots . 'common.gp'

data = dir . 'first_response.csv'
stats data every ::0::0 using (f1 = cn('answered_within_pct'), f2 = cn('answered_within_low'), \
	f3 = cn('answered_within_high'), 0) nooutput
std_min = scn('sla_first_response_within_min')
if (std_min != std_min) std_min = 30
target_pct = scn('sla_first_response_pct')

# The share answered within each band edge (minutes), read in one pass.
array edge[10] = [5, 15, 30, 60, 120, 240, 480, 960, 1440, 2879]
array within[10]
do for [i = 1:10] { within[i] = NaN }
at_std = NaN
stats data using (m = column(1), v = column('answered_within_pct'), \
	m == std_min ? at_std = v : 0, \
	m == edge[1] ? within[1] = v : m == edge[2] ? within[2] = v : m == edge[3] ? within[3] = v : \
	m == edge[4] ? within[4] = v : m == edge[5] ? within[5] = v : m == edge[6] ? within[6] = v : \
	m == edge[7] ? within[7] = v : m == edge[8] ? within[8] = v : m == edge[9] ? within[9] = v : \
	m == edge[10] ? within[10] = v : 0, 0) name 'fr' nooutput

if (within[10] != within[10]) {
	set title chart_title(L('First response time of refund requests', '退款申请首次响应时长'))
	no_data_text = L('no refund request answered in this run', '本次模拟没有已响应的退款申请')
	eval no_data
} else {
	set multiplot title chart_title(L('First response time of refund requests', '退款申请首次响应时长')) font ',15'

	# Left: share of requests answered in each time band; bands within the
	# standard in green.
	array band_label[11] = [L('< 5 min', '5 分钟内'), L('5-15 min', '5-15 分钟'), L('15-30 min', '15-30 分钟'), \
		L('30-60 min', '30-60 分钟'), L('1-2 h', '1-2 小时'), L('2-4 h', '2-4 小时'), L('4-8 h', '4-8 小时'), \
		L('8-16 h', '8-16 小时'), L('16-24 h', '16-24 小时'), L('1-2 d', '1-2 天'), L('> 2 d', '2 天以上')]
	set print $bands
	print "band,share_pct,within_standard"
	do for [i = 1:11] {
		lo = i == 1 ? 0 : within[i - 1]
		hi = i == 11 ? 100 : within[i]
		upper = i == 11 ? 1e9 : edge[i]
		print sprintf("%d,%g,%d", i, hi - lo, upper <= std_min)
	}
	unset print
	set lmargin at screen 0.07
	set rmargin at screen 0.40
	set tmargin at screen 0.84
	set title L('share of requests by time to first response', '按首次响应时长的申请占比') font ',11' offset 0, 1
	set xrange [0.4:11.6]
	set xtics rotate by 45 right nomirror scale 0 ( \
		band_label[1] 1, band_label[2] 2, band_label[3] 3, band_label[4] 4, band_label[5] 5, band_label[6] 6, \
		band_label[7] 7, band_label[8] 8, band_label[9] 9, band_label[10] 10, band_label[11] 11)
	set grid noxtics ytics
	set ylabel L('requests (%)', '申请占比（%）')
	set yrange [0:*]
	set style fill solid 0.85 noborder
	set boxwidth 0.75
	set key at screen 0.235, screen 0.015 center bottom horizontal maxrows 1 Left reverse samplen 1.5 width 1 nobox noopaque
	set bmargin at screen 0.22
	plot $bands using 1:($3 > 0 ? $2 : NaN) with boxes lc rgb c_p3 \
			title sprintf(L('within the %s standard', '在 %s 标准内'), dur(std_min / 60.0)), \
		'' using 1:($3 > 0 ? NaN : $2) with boxes lc rgb '#9e9e9e' \
			title L('later', '超出标准'), \
		'' using 1:2:(sprintf('%.1f%%', $2)) with labels offset 0, 0.7 font ',9' textcolor rgb '#333333'

	# Right: share answered within t, log scale, with the standard and target.
	set lmargin at screen 0.48
	set rmargin at screen 0.97
	set title L('share of requests answered within t', 't 时间内得到首次响应的比例') font ',11' offset 0, 1
	set logscale x
	set xrange [1:2880]
	set xtics norotate center scale 0.6 (dur(1/60.0) 1, dur(5/60.0) 5, dur(0.5) 30, dur(1) 60, dur(2) 120, \
		dur(4) 240, dur(8) 480, dur(24) 1440, dur(48) 2880)
	set grid xtics ytics
	set xlabel L('time from refund request to first response (log scale)', '自退款申请至首次响应的时间（对数刻度）')
	set ylabel L('requests answered (%)', '已响应申请（%）')
	set yrange [0:105]
	set ytics 0, 10, 100
	set key at screen 0.725, screen 0.015 center bottom horizontal Left reverse samplen 2 width 2 nobox noopaque
	set style textbox opaque fillcolor rgb '#ffffff' noborder margins 1, 1
	set arrow 1 from std_min, graph 0 to std_min, graph 1 nohead dt 2 lw 1.2 lc rgb c_target front
	if (target_pct == target_pct) {
		set label 1 '' at std_min, first target_pct point pt 13 ps 1.8 lc rgb c_target front
		set label 2 sprintf(L('target %g%% within %s', '目标：%s 内响应 %g%%'), \
			lang eq 'zh' ? dur(std_min / 60.0) : target_pct, lang eq 'zh' ? target_pct : dur(std_min / 60.0)) \
			at std_min, graph 1 center offset 0, 0.8 font ',10' textcolor rgb c_target front
	}
	if (at_std == at_std) {
		set label 3 sprintf(L('answered within %s: %.1f%%', '%s 内响应：%.1f%%'), dur(std_min / 60.0), at_std) \
			at std_min, first at_std font ',10' textcolor rgb '#111111' front boxed
		# Left of the line above the curve (which only rises), or right of it
		# below the curve when the share is near the top.
		if (at_std <= 90) { set label 3 right offset -1, 1 } else { set label 3 left offset 1, -1 }
	}
	set style fill transparent solid 0.2 noborder
	# The rows thinned on the log axis (every minute to 1 h, every 5 min
	# to 8 h, every 30 min after): a tenth of them, the same curve.
	set table $fr separator comma
	plot data every ::0::59 using 1:f1:f2:f3 with table, '' every 5::64::479 using 1:f1:f2:f3 with table, \
		'' every 30::509 using 1:f1:f2:f3 with table
	unset table
	set datafile nocolumnheaders
	plot $fr using 1:3:4 \
			with filledcurves lc rgb c_p1 title L('95% band across replications', '各次重复的 95% 区间'), \
		'' using 1:2 with lines lw 2.5 lc rgb c_p1 \
			title L('answered within t', 't 内已响应')
	unset multiplot
}
unset output
undefine out
