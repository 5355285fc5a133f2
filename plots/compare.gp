# compare.gp: overlaid SLA curves from promocap compare's sla_compare.csv:
# the share of all refunds completed within t, one line per scenario with
# its 95% band, the first days only.  Restyle freely.
#
#   gnuplot -e "data='out/sla_compare.csv'" plots/compare.gp
#
# Variables (-e): data, days (hours shown = 24 x days, default 10), output
# (default: sla_compare.png beside data), term (pngcairo, svg or pdfcairo).

if (!exists("data")) data = "out/sla_compare.csv"
if (!exists("days")) days = 10
if (!exists("term")) term = "pngcairo"
ext = term eq "svg" ? ".svg" : term eq "pdfcairo" ? ".pdf" : ".png"
if (!exists("output")) output = data[1:strstrt(data, ".csv") - 1] . ext

set datafile separator comma
if (term eq "svg") { set terminal svg size 900,560 dynamic font "sans,11" } \
else { if (term eq "pdfcairo") { set terminal pdfcairo size 9in,5.6in font "sans,10" } \
else { set terminal pngcairo size 900,560 font "sans,11" } }
set output output
set title "refunds completed within t (all paths)"
set xlabel "hours from the request"
set ylabel "%"
set yrange [0:100]
set xrange [0:24 * days]
set key bottom right noenhanced
set grid

# Each scenario has 7 columns from column 2: all_pct, all_low, all_high, then the paths.
# Band and line of a scenario share its line type.
plot for [i=2:*:7] data using 1:(column(i+1)):(column(i+2)) with filledcurves \
         lt ((i - 2) / 7 + 1) fs transparent solid 0.2 noborder notitle, \
     for [i=2:*:7] data using 1:i with lines lt ((i - 2) / 7 + 1) lw 2 title columnheader(i)
