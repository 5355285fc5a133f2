# sweep.gp: a what-if chart from promocap sweep's whatif.csv: one KPI against
# the first varied key, one line per value of the other varied keys, the
# KPI's target dashed.  Restyle freely.
#
#   gnuplot -e "data='out/whatif.csv'; kpi='first_response_within'" plots/sweep.gp
#
# Variables (-e): data (whatif.csv), kpi (a kpi key of sweep.csv, default
# first_response_within), output (default: KPI.png beside data), term
# (pngcairo, svg or pdfcairo; default pngcairo).

if (!exists("data")) data = "out/whatif.csv"
if (!exists("kpi")) kpi = "first_response_within"
if (!exists("term")) term = "pngcairo"
ext = term eq "svg" ? ".svg" : term eq "pdfcairo" ? ".pdf" : ".png"
if (!exists("output")) output = data[1:strstrt(data, "whatif.csv") - 1] . kpi . ext

set datafile separator comma
set datafile missing NaN
if (term eq "svg") { set terminal svg size 900,560 dynamic font "sans,11" } \
else { if (term eq "pdfcairo") { set terminal pdfcairo size 9in,5.6in font "sans,10" } \
else { set terminal pngcairo size 900,560 font "sans,11" } }
set output output

# The KPI's label and unit, and the first varied key's name, from the file.
label = kpi
unit = ""
xname = ""
has_target = 0
stats data using (strcol(1) eq kpi ? (label = strcol(2), unit = strcol(3), xname = strcol(7), \
      has_target = has_target || strcol(4) ne "", 1) : 0) nooutput
set title label noenhanced
set ylabel (unit eq "%" ? "%" : unit) noenhanced
set key outside right top noenhanced
set grid
set xlabel xname noenhanced

# Rows of other KPIs are NaN: lines join the rows of this KPI only.
select(c) = strcol(1) eq kpi ? column(c) : NaN
if (has_target) {
	plot for [i=8:*] data using 5:(select(i)):xtic(6) with linespoints lw 2 pt 7 title columnheader(i), \
	     data using 5:(select(4)) with lines dt 2 lw 2 lc rgb "#cc0000" title "target"
} else {
	plot for [i=8:*] data using 5:(select(i)):xtic(6) with linespoints lw 2 pt 7 title columnheader(i)
}
