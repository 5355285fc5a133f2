# sweep.gp: a what-if chart from promocap sweep's whatif.csv: one KPI against
# the first varied key, one line per value of the other varied keys with
# its 95% band across the replications, the axis from zero, the KPI's
# target dashed and labelled in the margin.  House style: style.gp.
#
#   gnuplot -e "data='out/whatif.csv'; kpi='first_response_within'" plots/sweep.gp
#
# Variables (-e): data (whatif.csv), kpi (a kpi key of sweep.csv, default
# first_response_within), lang (en or zh), fmt (png, svg or pdf; default
# png), out (default: KPI.FMT beside data).

if (!exists("plots")) plots = ARG0[1:strlen(ARG0) - strlen('sweep.gp')]
if (!exists("data")) data = "out/whatif.csv"
if (!exists("kpi")) kpi = "first_response_within"
# term and output: the names of earlier versions.
if (!exists("fmt") && exists("term")) fmt = term eq "svg" ? "svg" : term eq "pdfcairo" ? "pdf" : "png"
if (!exists("fmt")) fmt = "png"
if (!exists("out") && exists("output")) out = output
if (!exists("out")) out = data[1:strstrt(data, "whatif.csv") - 1] . kpi . "." . fmt
reset
load plots . 'style.gp'
set datafile missing NaN

# A varied key in words (keys as --vary names them; others as they are).
key_words(k) = \
	k eq 'refunds.rate' ? L('refund rate', '退款率') : \
	k eq 'staff.agent.roster' ? L('refund agents', '退款专员人数') : \
	k eq 'staff.supervisor.roster' ? L('supervisors', '主管人数') : \
	k eq 'staff.inspector.roster' ? L('QC inspectors', '质检员人数') : \
	k[1:7] eq 'agents.' ? sprintf(L('refund agents on the %s shift', '%s 班退款专员人数'), k[8:]) : \
	k[1:12] eq 'supervisors.' ? sprintf(L('supervisors on the %s shift', '%s 班主管人数'), k[13:]) : \
	k[1:11] eq 'inspectors.' ? sprintf(L('QC inspectors on the %s shift', '%s 班质检员人数'), k[12:]) : \
	k eq 'platform.seller_response_timeout' ? L('seller response timeout', '商家响应超时') : \
	k eq 'promotion.gmv' ? L('GMV (CNY)', 'GMV（元）') : \
	k eq 'promotion.aov' ? L('average order value (CNY)', '客单价（元）') : k
# "agents.night=2 refunds.rate=4%" in words: "refund agents on the night shift 2, refund rate 4%".
pair_words(p) = (pw_e = strstrt(p, '='), pw_e == 0 ? p : key_words(p[1:pw_e - 1]) . ' ' . p[pw_e + 1:])
series_words(s) = s eq 'mean' ? L('mean', '均值') : join_words(s, 1, words(s))
join_words(s, i, n) = i > n ? '' : pair_words(word(s, i)) . (i < n ? ', ' : '') . join_words(s, i + 1, n)
# A KPI's name in the chart's language (the label of whatif.csv in English).
kpi_zh(k) = k eq 'first_response_within' ? '首次响应达标率' : k eq 'refund_only_completion' ? '仅退款自主完结时长' : \
	k eq 'return_refund_completion' ? '退货退款自主完结时长' : k eq 'all_done_within' ? '退款按时完结率' : \
	k eq 'dispute_refund_rate' ? '纠纷退款率' : k eq 'utilisation_agent' ? '退款专员利用率' : ''

# The KPI's label, unit, target and the first varied key, from its rows;
# the series: the columns after x_name, each mean then (at the end) its
# band (low, high), as many of each.
label = kpi; unit = ''; xname = ''; target = NaN
stats data using (strcol(1) eq kpi ? (label = strcol(2), unit = strcol(3), xname = strcol(7), \
	target = column(4)) : 0, 0) nooutput
ncols = 0
stats data every ::0::0 using (ncols = sum [nc_i = 1:400] (columnhead(nc_i) ne '' ? 1 : 0), \
	nseries = (ncols - 7) % 3 == 0 && strstrt(columnhead(ncols), 'ci95_high') > 0 ? (ncols - 7) / 3 : ncols - 7, \
	0) nooutput
has_band = nseries * 3 == ncols - 7

title_text = lang eq 'zh' && kpi_zh(kpi) ne '' ? kpi_zh(kpi) : label
set title L('What if: ', '假设分析：') . title_text
set xlabel key_words(xname)
set ylabel unit eq '%' ? L('share (%)', '比例（%）') : unit eq 'h' ? L('hours', '小时') : \
	unit eq 'min' ? L('minutes', '分钟') : unit
# Levels compared from zero; shares up to 100%.
top = 0
do for [j = 1:nseries] {
	stats data using (strcol(1) eq kpi ? (top = max(top, column(7 + j)), \
		top = has_band ? max(top, column(7 + 2 * nseries + j)) : top) : 0, 0) nooutput
}
top = max(top, target == target ? target : 0)
if (unit eq '%') { set yrange [0:(top > 0 ? min(100, top * 1.12) + (top * 1.12 > 100 ? 2 : 0) : 100)] } \
else { set yrange [0:(top > 0 ? top * 1.12 : 1)] }
set rmargin 18
if (target == target) {
	set arrow 1 from graph 0, first target to graph 1, first target nohead dt 2 lw 1.5 lc rgb c_target front
	set label 1 sprintf(L('target %g%s', '目标 %g%s'), target, unit eq '%' ? '%' : ' ' . unit) \
		at graph 1, first target left offset 1, 0 font ',10' textcolor rgb c_target
}

# The x tics: the values as written (x_label) where they stand (x).
array xl[400]; array xv[400]; nx = 0
stats data using (strcol(1) eq kpi && nx < 400 ? (nx = nx + 1, xl[nx] = strcol(6), xv[nx] = column(5)) : 0, 0) nooutput
set xtics () scale 0.6
do for [i = 1:nx] { set xtics add (xl[i] xv[i]) }
set offsets graph 0.03, graph 0.03, 0, 0

# Rows of other KPIs are NaN: lines join the rows of this KPI only.
select(c) = strcol(1) eq kpi ? column(c) : NaN
set style fill transparent solid 0.15 noborder
if (has_band) {
	plot for [j = 1:nseries] data using 5:(select(7 + nseries + j)):(select(7 + 2 * nseries + j)) \
		with filledcurves lt j notitle, \
	     for [j = 1:nseries] data using 5:(select(7 + j)) \
		with linespoints lt j title series_words(columnhead(7 + j)), \
	     NaN with filledcurves lc rgb '#999999' fs transparent solid 0.3 title L('95% band across replications', '各次重复的 95% 区间')
} else {
	plot for [j = 1:nseries] data using 5:(select(7 + j)) \
		with linespoints lt j title series_words(columnhead(7 + j))
}
unset output
