# style.gp: the house style every chart of promocap shares (the run's
# charts through common.gp, the what-if, comparison and daily-target charts
# directly): page size, font, colours, grid, tics, key, L(en, zh) for
# labels in the chart's language.  Restyle here, once, for every chart.
#
# Reads the variables (gnuplot -e "..."):
#   lang  'en' (default) or 'zh'
#   fmt   'png' (default), 'svg' or 'pdf'
#   out   the output file (each script sets its default before loading this)

# A chart that failed half-way through a multiplot leaves gnuplot in it.
unset multiplot

if (!exists("lang")) lang = 'en'
if (!exists("fmt")) fmt = 'png'

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
# (17.78 x 10 in) so that text sits as in the PNG.  "Sans" lets fontconfig
# pick a font with the Chinese glyphs (fonts-noto-cjk, fonts-wqy-microhei).
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
if (exists("out")) { set output out }

# Colours: the four refund paths, other after-sales work, all refunds, the
# three staffed resources, marks, targets (red: a target, and what misses
# it), met (green), and a series of colours for scenarios or values.
c_p1 = '#4c72b0'; c_p2 = '#dd8452'; c_p3 = '#55a868'; c_p4 = '#c44e52'
c_as = '#b0b0b0'; c_all = '#222222'
c_agent = '#222222'; c_supervisor = '#8172b3'; c_inspector = '#937860'
c_mark = '#555555'; c_target = '#d62728'; c_met = '#2ca02c'; c_grid = '#dddddd'
c_capacity = '#222222'
array series[8] = ['#4c72b0', '#dd8452', '#55a868', '#c44e52', '#8172b3', '#937860', '#da8bc3', '#8c8c8c']
do for [i = 1:8] { set linetype i lc rgb series[i] lw 2 pt 7 ps 0.9 }

# Grid, border, tics: light grid under the data, no frame on top/right.
set style line 100 lc rgb c_grid lw 0.8 dt 1
set grid xtics ytics ls 100 back
set border 3 lc rgb '#444444' back
set tics nomirror out scale 0.6 textcolor rgb '#333333'
set title font ',15' textcolor rgb '#111111'
set xlabel textcolor rgb '#222222'
set ylabel textcolor rgb '#222222'

# The key: below the plot, never over the data; scripts that place it
# inside give it an opaque box in a corner the data leaves free.
set key noautotitle
set key outside below center horizontal Left reverse samplen 2 spacing 1.1 width 1 height 1 nobox noopaque

# Text set in a box over a line or curve: white behind it.
set style textbox opaque fillcolor rgb '#ffffff' noborder margins 1, 1

# The CSV tables promocap writes: the first row names the columns.
set datafile separator comma
set datafile missing ""
set datafile columnheaders

# The number of the column named n in the table last read by
#   stats FILE every ::0::0 using (c_x = cn('x'), ..., 0) nooutput
# (once per table): plotting `using 1:c_x` reads the number as it is,
# while an expression such as (column('x')) is evaluated on every row,
# which made the charts several times slower.  Where there is no such
# column (gnuplot stops: "Non-numeric string", naming the script's line).
cn(n) = (cn_k = sum [cn_i = 1:200] (columnhead(cn_i) eq n ? cn_i : 0), \
	cn_k > 0 ? cn_k : 0 + ('no column ' . n))
