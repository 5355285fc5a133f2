# common.gp: what every chart of a run shares: the variables it reads (dir,
# lang, fmt, out), the house style (style.gp: terminal, colours, L(en, zh)
# for labels), and the scenario's figures from scenario.csv (sc, scn, sct).
#
# Run a chart by hand:   gnuplot -e "dir='out'" plots/sla.gp
#   dir   folder of the run's tables (default: the current folder)
#   lang  'en' (default) or 'zh'
#   fmt   'png' (default), 'svg' or 'pdf'
#   out   output file (default: dir/CHART.fmt)
# Restyle freely: colours and sizes are set in style.gp, labels in each script.

if (!exists("dir")) dir = ''
if (strlen(dir) > 0 && dir[strlen(dir):strlen(dir)] ne '/') dir = dir . '/'
if (!exists("fmt")) fmt = 'png'
if (!exists("out")) out = dir . chart . '.' . fmt

# The house style: terminal, colours, grid, key, L(en, zh), dur(h).
load plots . 'style.gp'

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
