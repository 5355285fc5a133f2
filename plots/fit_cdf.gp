# fit_cdf.gp: one duration of promocap fit's report: the data's empirical
# CDF (the quantiles of fit_cdf_KEY.csv as steps) with the lognormal, gamma
# and Weibull fitted by maximum likelihood; the chosen one (the smallest
# Kolmogorov-Smirnov D) solid, the runners-up dashed, each with its D in
# the legend (the table's column heads).  House style: style.gp.
#
#   gnuplot -e "dir='out/'; chart='fit_dispatch'" plots/fit_cdf.gp
#
# Variables: dir (the fit's folder, with a final /), chart (fit_KEY),
# chart_title, lang (en or zh), fmt (png, svg or pdf), out (default
# dir/CHART.fmt).

if (!exists("plots")) plots = ARG0[1:strlen(ARG0) - strlen('fit_cdf.gp')]
if (!exists("dir")) dir = ''
if (!exists("chart")) chart = 'fit_dispatch'
if (!exists("chart_title")) chart_title = chart
if (!exists("fmt")) fmt = 'png'
if (!exists("out")) out = dir . chart . '.' . fmt
reset
load plots . 'style.gp'

data = dir . 'fit_cdf_' . chart[5:] . '.csv'
# The legend from the column heads; which family was chosen.
stats data every ::0::0 using (t_data = columnhead(2), t_fam1 = columnhead(4), t_fam2 = columnhead(5), \
	t_fam3 = columnhead(6), 0) nooutput
chosen(t) = strstrt(t, 'chosen') > 0 || strstrt(t, '选用') > 0
stats data using 3 nooutput
g_max = STATS_max
# The unit that reads best: minutes under 2 hours, days over 3 days.
u = g_max > 72 ? 24.0 : (g_max < 2 ? 1 / 60.0 : 1.0)
set xlabel g_max > 72 ? L('days', '天') : (g_max < 2 ? L('minutes', '分钟') : L('hours', '小时'))
set ylabel L('share of the cases done within x', '在 x 之内的占比')
set title chart_title
set xrange [0:g_max / u]
set yrange [0:100]
set ytics 20 format '%g%%'
set mytics 2
set xtics nice_step(g_max / u, 8)
set key outside below center horizontal maxrows 2 Left reverse samplen 3 width 2 height 1 nobox noopaque
lw_of(t) = chosen(t) ? 3.2 : 1.8
dt_of(t) = chosen(t) ? 1 : 2
plot \
	data using ($1 / u):($2 * 100) with steps lw 4 lc rgb '#bbbbbb' title t_data, \
	'' using ($3 / u):($4 * 100) with lines lw lw_of(t_fam1) dt dt_of(t_fam1) lc rgb series[1] title t_fam1, \
	'' using ($3 / u):($5 * 100) with lines lw lw_of(t_fam2) dt dt_of(t_fam2) lc rgb series[2] title t_fam2, \
	'' using ($3 / u):($6 * 100) with lines lw lw_of(t_fam3) dt dt_of(t_fam3) lc rgb series[4] title t_fam3
unset output
undefine out
