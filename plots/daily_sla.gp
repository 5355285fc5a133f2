# daily_sla.gp: first response day by day from promocap plan's daily_sla.csv
# (shift design): each day's share answered within the target time with its
# 95% band across the replications, a day that misses in red, the target
# dashed and labelled in the margin, the axis from zero.  House style:
# style.gp.
#
#   gnuplot -e "data='out/daily_sla.csv'" plots/daily_sla.gp
#
# Variables (-e): data (daily_sla.csv), lang (en or zh), fmt (png, svg or
# pdf; default png), out (default: daily_sla.FMT beside data).

if (!exists("plots")) plots = ARG0[1:strlen(ARG0) - strlen('daily_sla.gp')]
if (!exists("data")) data = "out/daily_sla.csv"
if (!exists("fmt") && exists("term")) fmt = term eq "svg" ? "svg" : term eq "pdfcairo" ? "pdf" : "png"
if (!exists("fmt")) fmt = "png"
if (!exists("out") && exists("output")) out = output
if (!exists("out")) out = data[1:strstrt(data, "daily_sla.csv") - 1] . "daily_sla." . fmt
reset
load plots . 'style.gp'
set datafile missing NaN

# The target from the file (the same on every row); the days.
target = NaN
stats data using (target = column('target_pct'), 0) nooutput
ndays = STATS_records
set title L('First response within the target time, day by day', '每日首次响应达标率')
set ylabel L('requests answered in time (%)', '按时响应的申请（%）')
set yrange [0:105]
set ytics 0, 10, 100
set xrange [-0.5:ndays - 0.5]
set xlabel L('day', '日期')
every = ndays > 45 ? 7 : ndays > 20 ? 3 : 1   # a date label every few days on a long horizon
set xtics scale 0 ()
set rmargin 16
set arrow 1 from graph 0, first target to graph 1, first target nohead dt 2 lw 1.5 lc rgb c_target front
set label 1 sprintf(L('target %g%%', '目标 %g%%'), target) at graph 1, first target left offset 1, 0 \
	font ',10' textcolor rgb c_target
set style fill transparent solid 0.2 noborder

# The day's label: MM-DD of its date.
day(s, i) = (int(i) % every == 0) ? s[6:10] : ""
plot data using 0:'first_response_low':'first_response_high' with filledcurves lc rgb c_p1 \
		title L('95% band across replications', '各次重复的 95% 区间'), \
     data using 0:'first_response_pct':xtic(day(strcol(1), $0)) with linespoints lw 2 pt 7 ps 0.7 lc rgb c_p1 \
		title L('first response in time', '首次响应达标率'), \
     data using 0:(column('met') == 0 ? column('first_response_pct') : NaN) with points pt 7 ps 1.4 lc rgb c_target \
		title L('day that misses the target', '未达标的日子')
unset output
