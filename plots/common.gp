# common.gp: what every chart script in this folder shares: the variables it
# reads (dir, lang, fmt, out), the terminal, the colours, L(en, zh) for
# labels, and the scenario's figures from scenario.csv (sc, scn, sct).
#
# Run a chart by hand:   gnuplot -e "dir='out'" plots/sla.gp
#   dir   folder of the run's tables (default: the current folder)
#   lang  'en' (default) or 'zh'
#   fmt   'png' (default), 'svg' or 'pdf'
#   out   output file (default: dir/CHART.fmt)
# Restyle freely: colours and sizes are set here, labels in each script.

# A chart that failed half-way through a multiplot leaves gnuplot in it.
unset multiplot

if (!exists("dir")) dir = ''
if (strlen(dir) > 0 && dir[strlen(dir):strlen(dir)] ne '/') dir = dir . '/'
if (!exists("lang")) lang = 'en'
if (!exists("fmt")) fmt = 'png'
if (!exists("out")) out = dir . chart . '.' . fmt

max(a, b) = a > b ? a : b
min(a, b) = a < b ? a : b

# A round tic step (1, 2 or 5 times a power of ten) giving about n tics
# up to top.
nice_step(top, n) = (nice_r = top > 0 ? top * 1.0 / n : 1, nice_p = 10.0 ** floor(log10(nice_r)), \
	nice_r / nice_p <= 1 ? nice_p : nice_r / nice_p <= 2 ? 2 * nice_p : nice_r / nice_p <= 5 ? 5 * nice_p : 10 * nice_p)

# A label in the chart's language.
L(en, zh) = lang eq 'zh' ? zh : en

# A duration given in hours as text: "30 min", "24 h", "5 d" (天, 小时, 分钟).
dur(h) = h < 1 ? sprintf(L('%g min', '%g 分钟'), h * 60) : \
	(h >= 24 && h == floor(h / 24) * 24 && h != 24 ? sprintf(L('%g d', '%g 天'), h / 24) : \
	(h == 24 ? L('24 h', '24 小时') : sprintf(L('%g h', '%g 小时'), h)))

# Terminal: 1280x720 PNG, the same page as SVG, PDF in the same proportions
# (1280x720 pt) so that text sits as in the PNG.  "Sans"
# lets fontconfig pick a font with the Chinese glyphs (fonts-noto-cjk).
# noenhanced: text is shown as written (a scenario name with ^ or _ too).
font = 'Sans'
if (fmt eq 'png') {
	set terminal pngcairo size 1280,720 noenhanced font font.',11' linewidth 1.2 background '#ffffff'
} else {
	if (fmt eq 'svg') {
		set terminal svg size 1280,720 noenhanced font font.',11' linewidth 1.2 background '#ffffff'
	} else {
		set terminal pdfcairo size 17.78in,10in noenhanced font font.',11' linewidth 1.2
	}
}
set output out

# The run's CSV tables; their first row names the columns, which the
# scripts use: column('staff_agent'), not $19.
set datafile separator comma
set datafile missing ""
set datafile columnheaders

# Colours: the four refund paths, other after-sales work, all refunds, and
# the three staffed resources.
c_p1 = '#4c72b0'; c_p2 = '#dd8452'; c_p3 = '#55a868'; c_p4 = '#c44e52'
c_as = '#b0b0b0'; c_all = '#222222'
c_agent = '#222222'; c_supervisor = '#8172b3'; c_inspector = '#937860'
c_mark = '#555555'; c_target = '#d62728'; c_grid = '#dddddd'

set style line 100 lc rgb c_grid lw 0.8 dt 1
set grid xtics ytics ls 100
set border 3 lc rgb '#444444'
set tics nomirror out scale 0.6 textcolor rgb '#333333'
set key noautotitle

# The scenario's figures: rows key,value,unit of scenario.csv, read as data
# (never as commands), so no text in them is ever run.
#   sc(key)   the value as text ('' when missing or empty)
#   scn(key)  as a number (NaN when missing or empty)
#   sct(key)  a "YYYY-MM-DD HH:MM" value as gnuplot time (seconds)
sc_all = "\n"
stats dir.'scenario.csv' using (sc_all = sc_all . strcol(1) . "\t" . strcol(2) . "\n", 0) nooutput
sc(k) = (sc_p = strstrt(sc_all, "\n" . k . "\t"), sc_p == 0 ? '' : \
	(sc_s = sc_all[sc_p + strlen(k) + 2:], sc_s[1:strstrt(sc_s, "\n") - 1]))
scn(k) = sc(k) eq '' ? NaN : sc(k) + 0
sct(k) = sc(k) eq '' ? NaN : strptime('%Y-%m-%d %H:%M', sc(k))

# The scenario's name (promocap passes it whole; by hand it is read from
# scenario.csv, where gnuplot stops at a comma or quote).
if (!exists("scenario_name")) scenario_name = sc('name')

# A title: the chart's name, the scenario under it.
set title font ',15' textcolor rgb '#111111'
chart_title(s) = scenario_name eq '' ? s : s . "\n" . scenario_name

# Time axes: dates as "11-11 00:00" (gnuplot time is seconds since
# 1970-01-01 UTC), a tic at 00:00 every day, or every 2, 3 or 7 days on
# longer spans.  Each time chart says: set xtics t_start, day_tics
t_start = sct('start')
t_end = sct('horizon')
span_days = (t_end - t_start) / 86400.0
day_tics = 86400 * (span_days <= 12 ? 1 : (span_days <= 24 ? 2 : (span_days <= 40 ? 3 : 7)))
time_format = "%m-%d\n%H:%M"

# An empty chart that says why, for a run without data of that kind:
#   no_data_text = L('...', '...'); eval no_data
no_data = "unset key; unset xtics; unset ytics; unset y2tics; unset border; unset grid; " . \
	"unset xlabel; unset ylabel; unset y2label; unset colorbox; unset logscale; unset xdata; " . \
	"set xrange [0:1]; set yrange [0:1]; set label 99 no_data_text at graph 0.5, graph 0.5 center " . \
	"font ',14' textcolor rgb '#777777' front; plot -1 notitle"
