/* report_page: what every review pack shares (the run's report.html and the
 * packs of plan, compare and sweep): the page's head and house style, HTML
 * escaping, numbers with thousands separators, the verdict box, met/missed
 * cells, charts embedded as base64 SVG and the KPIs' Chinese names. */
#ifndef PC_REPORT_PAGE_H
#define PC_REPORT_PAGE_H

#include <stddef.h>
#include <stdio.h>

#include "promocap/report.h"

/* A page being written: its stream (borrowed) and its language. */
typedef struct pc_page {
	FILE *out;
	int zh; /* 1: Chinese, 0: English */
} pc_page;

/* en or zh, as the page's language says. */
const char *pc_page_w(const pc_page *p, const char *en, const char *zh);

/* Starts the page: doctype, head (title "TITLE: NAME", the style), the
 * heading and the subtitle line sub (escaped; may be NULL), and note (a
 * warning box, escaped; may be NULL). */
void pc_page_begin(const pc_page *p, const char *title, const char *name, const char *sub, const char *note);

/* Ends the page.  Returns 0 or PC_EIO (a write failed). */
int pc_page_end(const pc_page *p);

/* Writes s escaped for HTML text and attribute values. */
void pc_page_escape(FILE *out, const char *s);

/* A whole number with thousands separators ("20,000,000"; "n/a" for NaN). */
void pc_page_grouped(char *buf, size_t n, double v);

/* Opens <section id="ID"><h2>heading</h2>; pc_page_section_end closes it. */
void pc_page_section(const pc_page *p, const char *id, const char *en, const char *zh);
void pc_page_section_end(const pc_page *p);

/* The verdict box: class "ok" (green) or "bad" (red), the headline in bold
 * (escaped), then the items (escaped), one line each. */
void pc_page_verdict(const pc_page *p, int ok, const char *headline, const char *const *items, int nitems);

/* A <td> saying met (green) or missed (red). */
void pc_page_met_cell(const pc_page *p, int met);

/* <tr><th>label</th><td>value</td></tr>, both escaped. */
void pc_page_row2(const pc_page *p, const char *label, const char *value);

/* The charts as <figure>s, each SVG embedded as a base64 data: URI (no
 * text of the chart can act as markup; the page needs no other file); a
 * chart without SVG says it was not drawn. */
void pc_page_charts(const pc_page *p, const pc_report_chart *charts, int ncharts);

/* The Chinese name of a KPI by its key ("first_response_within":
 * "首次响应及时率"), NULL when it has none. */
const char *pc_page_kpi_zh(const char *key);

#endif
