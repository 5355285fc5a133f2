# utilisation.gp: utilisation of each resource and shift, day by day, as a
# heat map: a row per resource and shift, a cell per day coloured by the
# share of the staff's time spent working, with utilisation and headcount
# written in it (empty when nobody is rostered).  Reads shifts.csv and
# scenario.csv from dir.
chart = 'utilisation'
if (!exists("plots")) plots = ARG0[1:strlen(ARG0) - strlen(chart . '.gp')]
reset
load plots . 'common.gp'

data = dir . 'shifts.csv'
res_label(r) = r eq 'agent' ? L('refund agents', '退款专员') : r eq 'supervisor' ? L('supervisors', '主管') : \
	r eq 'inspector' ? L('QC inspectors', '质检员') : r
# The first column by number, not by name: a table written with --bom starts
# with a byte-order mark that its name would not match.
group(c) = strcol(1) . '/' . strcol('shift')
# The row of the current line: rows are numbered from the top in file
# order, one per resource and shift (shifts.csv keeps them together).
next_row(c) = ($0 == 0 ? (row = 0, prev = '') : 0, group(0) ne prev ? (row = row + 1, prev = group(0)) : 0, row)
row_label(c) = sprintf("%s\n%s %s-%s", res_label(strcol(1)), strcol('shift'), strcol('start'), strcol('end'))
# The text of a cell: utilisation over headcount (a change-point roster's
# mean headcount rounded), in dark ink on light cells (dark = 0) and white
# on dark ones (dark = 1); a dash where nobody is rostered.
cell_dark(c) = column('utilisation_pct') >= 80
cell_text(c, dark) = column('headcount') > 0 ? (cell_dark(0) == dark ? \
	sprintf("%.0f%%\n%.0f", column('utilisation_pct'), column('headcount')) : '') : (dark ? '' : '–')
day(c) = timecolumn(2, '%Y-%m-%d') + 43200

stats data using (next_row(0)) name 'rows' nooutput
nrows = rows_max

set title chart_title(L('Utilisation per resource and shift', '各岗位各班次利用率'))
set xdata time
set timefmt '%Y-%m-%d'
set format x '%m-%d'
set xtics t_start + 43200, day_tics scale 0
set xrange [t_start:t_end]
# Over three weeks a cell is too narrow for its figures: colour only.
show_text = span_days <= 21
if (show_text) {
	set xlabel L('date (cell: utilisation, headcount below; – nobody rostered)', '日期（格内：利用率，下方为人数；– 表示无人排班）')
} else {
	set xlabel L('date (grey: nobody rostered)', '日期（灰色：无人排班）')
}
set yrange [nrows + 0.5:0.5]
set ytics scale 0
set grid noxtics noytics
set border 0
set lmargin 24
set palette defined (0 '#f7fcf5', 40 '#c7e9c0', 70 '#fee391', 85 '#fd8d3c', 100 '#b10026')
set cbrange [0:100]
set cblabel L('utilisation (%): time working / time on duty', '利用率（%）：工作时间/在岗时间')
set cbtics 0, 20, 100
set colorbox user origin screen 0.93, screen 0.2 size screen 0.015, screen 0.6
set rmargin at screen 0.9
set style fill solid 1.0 border lc rgb '#ffffff'
cells = "data using (day(0)):(next_row(0)):(43200):(0.5):ytic(row_label(0)) " . \
	"with boxxyerror fc rgb '#f0f0f0' fs solid 1.0 border lc rgb '#ffffff', " . \
	"'' using (day(0)):(next_row(0)):(43200):(0.5):(column('headcount') > 0 ? column('utilisation_pct') : NaN) " . \
	"with boxxyerror fc palette"
if (show_text) {
	plot @cells, \
		'' using (day(0)):(next_row(0)):(cell_text(0, 0)) with labels font ',8' textcolor rgb '#222222', \
		'' using (day(0)):(next_row(0)):(cell_text(0, 1)) with labels font ',8' textcolor rgb '#ffffff'
} else {
	plot @cells
}
unset output
undefine out
