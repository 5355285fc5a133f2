/* report: the pre-promotion review pack, one self-contained HTML page (no
 * script, no network): the scenario's key inputs, the seed's baseline
 * staffing against the simulated roster, the KPIs with their confidence
 * intervals, and the charts. */
#ifndef PROMOCAP_REPORT_H
#define PROMOCAP_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "promocap/result.h"
#include "promocap/verdict.h"

/* One chart of the pack.  Every pointer is borrowed for the call. */
typedef struct pc_report_chart {
	const char *name;   /* "sla" */
	const char *title;  /* its heading */
	const char *svg;    /* the SVG document (gnuplot's), or NULL: not drawn */
	size_t svg_len;
} pc_report_chart;

/* Writes the review pack of res to out as HTML5 in UTF-8, headings in
 * lang ("en" or "zh"; anything else is taken as "en").  Each SVG is
 * embedded whole as an <img> data: URI (base64), so the page needs no other
 * file and no text inside a chart can act as markup.  Every text from the
 * scenario (name, file, shift names) and note are HTML-escaped.  note, when
 * not NULL, is shown at the top (e.g. why the charts are missing).  The
 * page carries no clock time: the same run gives the same bytes.  Returns
 * 0, PC_ENOMEM or PC_EIO; out is borrowed, not closed. */
int pc_report_write(const pc_result *res, const pc_report_chart *charts, int ncharts,
		    const char *lang, const char *note, FILE *out);

/* As pc_report_write, with the verdict v (its actions checked, as run
 * prints it) first on the page; v NULL: the verdict computed from res,
 * without actions (no simulation). */
int pc_report_write_verdict(const pc_result *res, const pc_verdict *v, const pc_report_chart *charts, int ncharts,
			    const char *lang, const char *note, FILE *out);

/* Writes s to out with &, <, >, " and ' escaped for HTML text and
 * attribute values. */
void pc_report_escape(FILE *out, const char *s);

#endif
