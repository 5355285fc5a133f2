# compare.gp: the scenarios' SLA curves from promocap compare's
# sla_compare.csv: the share of all refunds completed within t of the
# request, one line per scenario with its 95% band, on a log time axis (the
# first hours and the last days both show), each scenario's all-refunds
# target marked.  House style: style.gp.
#
#   gnuplot -e "data='out/sla_compare.csv'" plots/compare.gp
#
# Variables (-e): data (sla_compare.csv), lang (en or zh), fmt (png, svg or
# pdf; default png), out (default: sla_compare.FMT beside data); promocap
# also passes name_I (scenario I's name, I = 1, 2, ...; by hand the legend
# reads the names from compare_scenarios.csv, where gnuplot cuts a name at
# a comma) and target_pct_I, target_h_I (its all_done target).

if (!exists("plots")) plots = ARG0[1:strlen(ARG0) - strlen('compare.gp')]
if (!exists("data")) data = "out/sla_compare.csv"
if (!exists("fmt") && exists("term")) fmt = term eq "svg" ? "svg" : term eq "pdfcairo" ? "pdf" : "png"
if (!exists("fmt")) fmt = "png"
if (!exists("out") && exists("output")) out = output
if (!exists("out")) out = data[1:strstrt(data, ".csv") - 1] . "." . fmt
reset
load plots . 'style.gp'
set datafile missing NaN

# Each scenario has 7 columns from column 2: all_pct, all_low, all_high,
# then the four paths.
ncols = 0
stats data every ::0::0 using (ncols = sum [nc_i = 1:400] (columnhead(nc_i) ne '' ? 1 : 0), 0) nooutput
nsc = (ncols - 1) / 7
stats data using 1 name 'hours' nooutput
# The scenarios' names: as promocap passes them, else compare_scenarios.csv
# beside the data (column 3, in the order of the columns), else the column's.
table = data[1:strstrt(data, "sla_compare.csv") - 1] . "compare_scenarios.csv"
array names[nsc]
do for [i = 1:nsc] { names[i] = exists(sprintf('name_%d', i)) ? value(sprintf('name_%d', i)) : '' }
if (!exists("name_1") && strstrt(data, "sla_compare.csv") > 0) {
	stats table using ($0 < nsc ? names[int($0) + 1] = strcol(3) : 0, 0) nooutput
}
sc_name(i) = names[i] ne '' ? names[i] : columnhead(2 + 7 * (i - 1))[1:strlen(columnhead(2 + 7 * (i - 1))) - 8]

set title L('Refunds completed within t of the request, by scenario', '各方案：退款申请后 t 时间内完结的比例')
set logscale x
set xrange [0.25:hours_max]
set xtics (dur(0.25) 0.25, dur(1) 1, dur(4) 4, dur(12) 12, dur(24) 24, dur(48) 48, \
	dur(120) 120, dur(240) 240, dur(480) 480, dur(720) 720, dur(1440) 1440)
set mxtics default
set xlabel L('time from refund request (log scale)', '自退款申请起的时间（对数刻度）')
set ylabel L('refunds completed (%)', '已完结退款（%）')
set yrange [0:105]
set ytics 0, 10, 100
set tmargin 6
set title offset 0, 1

# Targets: a dashed line and a point per scenario with one, in its colour;
# the text above the plot.
tg = ''
do for [i = 1:nsc] {
	p = exists(sprintf('target_pct_%d', i)) ? value(sprintf('target_pct_%d', i)) : ''
	h = exists(sprintf('target_h_%d', i)) ? value(sprintf('target_h_%d', i)) : ''
	if (p ne '' && h ne '') {
		set arrow 10 + i from h + 0, graph 0 to h + 0, graph 1 nohead dt 2 lw 1.2 lc rgb series[(i - 1) % 8 + 1] back
		set label 10 + i '' at h + 0, first p + 0 point pt 13 ps 1.6 lc rgb series[(i - 1) % 8 + 1] front
		t = sprintf(L('%s: %g%% within %s', '%s：%s 内完结 %g%%'), sc_name(i), lang eq 'zh' ? dur(h + 0) : p + 0, lang eq 'zh' ? p + 0 : dur(h + 0))
		tg = tg eq '' ? t : tg . '   ' . t
	}
}
if (tg ne '') {
	set label 1 L('targets (all refunds) — ', '目标（全部退款）— ') . tg at graph 0, graph 1 left offset 0, 1 \
		font ',10' textcolor rgb c_target
}

set style fill transparent solid 0.15 noborder
plot for [i = 1:nsc] data using 1:(column(1 + 7 * (i - 1) + 2)):(column(1 + 7 * (i - 1) + 3)) with filledcurves lt i notitle, \
     for [i = 1:nsc] data using 1:(column(1 + 7 * (i - 1) + 1)) with lines lt i lw 2.5 title sc_name(i), \
     NaN with filledcurves lc rgb '#999999' fs transparent solid 0.3 title L('95% band across replications', '各次重复的 95% 区间')
unset output
