# daily_sla.gp: first response day by day from promocap plan's daily_sla.csv
# (shift design): each day's share answered within the target time with its
# 95% band across the replications, a day that misses in red, the target
# dashed.  Restyle freely.
#
#   gnuplot -e "data='out/daily_sla.csv'" plots/daily_sla.gp
#
# Variables (-e): data (daily_sla.csv), output (default: daily_sla.png
# beside data), term (pngcairo, svg or pdfcairo; default pngcairo).

if (!exists("data")) data = "out/daily_sla.csv"
if (!exists("term")) term = "pngcairo"
ext = term eq "svg" ? ".svg" : term eq "pdfcairo" ? ".pdf" : ".png"
if (!exists("output")) output = data[1:strstrt(data, "daily_sla.csv") - 1] . "daily_sla" . ext

set datafile separator comma
set datafile missing NaN
if (term eq "svg") { set terminal svg size 900,560 dynamic font "sans,11" } \
else { if (term eq "pdfcairo") { set terminal pdfcairo size 9in,5.6in font "sans,10" } \
else { set terminal pngcairo size 900,560 font "sans,11" } }
set output output

# The target from the file (the same on every row); the days.
target = NaN
stats data using (target = column('target_pct'), 0) nooutput
ndays = STATS_records
set title sprintf("first response within the target time, day by day (target %g%%)", target) noenhanced
set ylabel "%"
set yrange [0:105]
set xrange [-0.5:ndays - 0.5]
set xtics rotate by 45 right font ",9"
set xlabel "day (MM-DD)"
every = ndays > 20 ? 7 : 1   # a date label every week on a long horizon
set key bottom right noenhanced
set grid ytics lc rgb '#dddddd'
set style fill transparent solid 0.25 noborder

# The day's label: MM-DD of its date.
day(s, i) = (int(i) % every == 0) ? s[6:10] : ""
plot data using 0:'first_response_low':'first_response_high' with filledcurves lc rgb '#4c72b0' title '95% CI', \
     data using 0:'first_response_pct':xtic(day(strcol(1), $0)) with linespoints lw 2 pt 7 ps 0.7 lc rgb '#4c72b0' title 'first response', \
     data using 0:(column('met') == 0 ? column('first_response_pct') : NaN) with points pt 7 ps 1.4 lc rgb '#d62728' title 'day missed', \
     target with lines dt 2 lw 1.5 lc rgb '#d62728' title 'target'
