/* overview: a scenario told in one paragraph (demand, staff, targets), as `promocap check` ends with it. */
#include "promocap/overview.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "promocap/dist.h"
#include "promocap/result.h"

/* Appends printf-style text to buf (of size n), cutting at the end. */
static void put(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void put(char *buf, size_t n, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;

	if (used + 1 >= n)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + used, n - used, fmt, ap);
	va_end(ap);
}

/* A count with thousands separators: 80000 -> "80,000". */
static const char *count(double x, char *buf, size_t n)
{
	char digits[32];
	size_t len, o = 0;

	snprintf(digits, sizeof digits, "%.0f", x);
	len = strlen(digits);
	for (size_t i = 0; i < len && o + 2 < n; i++) {
		if (i > 0 && digits[i - 1] != '-' && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

/* One resource's staff: "agents: day 3, evening 2-5". */
static void staff(const pc_scenario *sc, int r, char *buf, size_t n)
{
	static const char *const who[PC_NSTAFF] = { "refund agents", "supervisors", "QC inspectors",
						    "pre-sale agents", "reception agents" };
	const pc_staff *st = &sc->staff[r];

	put(buf, n, "%s:", who[r]);
	if (st->roster_kind == PC_ROSTER_CHANGES) {
		int lo = 0, hi = 0;

		for (int i = 0; i < st->nchanges; i++) {
			if (!i || st->change_cap[i] < lo)
				lo = st->change_cap[i];
			if (!i || st->change_cap[i] > hi)
				hi = st->change_cap[i];
		}
		put(buf, n, " %d to %d (change points)", lo, hi);
		return;
	}
	for (int s = 0; s < st->nshifts; s++) {
		int lo = 0, hi = 0;

		for (int d = 0; st->headcount && d < st->ndays; d++) {
			int h = st->headcount[(size_t)d * (size_t)st->nshifts + (size_t)s];

			if (!d || h < lo)
				lo = h;
			if (!d || h > hi)
				hi = h;
		}
		put(buf, n, "%s %s (%02d:%02d-%02d:%02d) ", s ? "," : "", st->shift[s].name,
		    st->shift[s].start / 3600, st->shift[s].start / 60 % 60, st->shift[s].end / 3600 % 24,
		    st->shift[s].end / 60 % 60);
		if (lo == hi)
			put(buf, n, "%d", lo);
		else
			put(buf, n, "%d to %d", lo, hi);
	}
}

/* One target: "first response 95% within 30min". */
static void target(char *buf, size_t n, int *first, const char *what, const pc_sla_target *t)
{
	char d[32];

	if (!t->set)
		return;
	pc_dist_format_duration(t->within, d, sizeof d);
	put(buf, n, "%s%s %.4g%% within %s", *first ? "" : "; ", what, t->share * 100, d);
	*first = 0;
}

const char *pc_overview_text(const pc_scenario *sc, char *buf, size_t n)
{
	pc_baseline b = pc_baseline_compute(sc);
	char d1[16], d2[16], d3[16], c1[32], c2[32], c3[32], c4[32], c5[32];
	int first = 1, hdays = (int)ceil(sc->horizon / PC_DAY - 1e-9);

	if (!buf || n == 0)
		return buf;
	buf[0] = '\0';
	pc_date_format(sc->day0, d1, sizeof d1);
	pc_date_format(sc->day0 + sc->sales_days - 1, d2, sizeof d2);
	pc_date_format(sc->day0 + hdays - 1, d3, sizeof d3);
	put(buf, n, "Summary: '%s' sells %s orders over %d days (%s to %s, GMV %s CNY at %s CNY an order); "
		    "a %.4g%% refund rate%s gives %s refunds, and after-sales %s cases",
	    sc->name, count(b.orders, c1, sizeof c1), sc->sales_days, d1, d2, count(sc->gmv, c2, sizeof c2),
	    count(sc->aov, c3, sizeof c3), sc->refund_rate * 100, sc->rate_by_day ? " (mean of the days)" : "",
	    count(b.refunds, c4, sizeof c4), count(b.after_sales, c5, sizeof c5));
	if (sc->claims >= 1)
		put(buf, n, ", all claims on received goods (refunds of paths 3 and 4). ");
	else if (sc->claims > 0)
		put(buf, n, ", %.4g%% of them claims on received goods, the rest enquiries. ", sc->claims * 100);
	else
		put(buf, n, ", enquiries for the agents. ");
	if (sc->forecast.on) {
		/* The figures above are the forecast's means. */
		char d[128];
		int any = 0;

		put(buf, n, "These are the means of a forecast that varies: ");
		for (int k = 0; k < PC_NFC; k++)
			if (sc->forecast.key[k].kind != PC_FC_NONE) {
				put(buf, n, "%s%s %s", any++ ? ", " : "", pc_fc_key_name((pc_fc_key)k),
				    pc_fc_format_key((pc_fc_key)k, &sc->forecast.key[k], d, sizeof d));
			}
		put(buf, n, "; each forecast draw is simulated twice (docs/forecast.md). ");
	}
	if (!sc->has_arrival_curve)
		put(buf, n, "Requests come %s. ",
		    sc->timing == PC_TIMING_GOODS_STATE ? "by the goods' state (before dispatch, in transit, after delivery)"
							: "a request_delay after their orders");
	put(buf, n, "Staff per shift: ");
	for (int r = 0; r < PC_NSTAFF; r++) {
		if ((r == PC_STAFF_PRESALE && sc->chats_per_order <= 0) ||
		    (r == PC_STAFF_RECEPTION && !pc_staff_any(&sc->staff[r])))
			continue;
		if (r)
			put(buf, n, "; ");
		staff(sc, r, buf, n);
	}
	put(buf, n, ". Targets: ");
	target(buf, n, &first, "first response", &sc->sla_first_response);
	target(buf, n, &first, "refund-only acted on", &sc->sla_refund_only_handled);
	target(buf, n, &first, "refund-only finished", &sc->sla_refund_only_done);
	target(buf, n, &first, "returns paid from warehouse arrival", &sc->sla_return_paid);
	target(buf, n, &first, "all refunds finished", &sc->sla_all_done);
	target(buf, n, &first, "supervisor approvals", &sc->sla_supervisor_approval);
	if (sc->chats_per_order > 0)
		target(buf, n, &first, "pre-sale chats answered", &sc->sla_presale_response);
	if (sc->sla_dispute_set) {
		put(buf, n, "%sdisputes below %.4g%% of orders", first ? "" : "; ", sc->sla_dispute_max * 100);
		first = 0;
	}
	if (first)
		put(buf, n, "none");
	put(buf, n, ". Simulated to the end of %s, %d replications; the closed-form baseline is %d agents.",
	    d3, sc->replications, b.agents);
	return buf;
}

int pc_overview_write(const pc_scenario *sc, FILE *out)
{
	char text[4096];
	const char *p = pc_overview_text(sc, text, sizeof text);

	fputs(";\n", out);
	while (*p) {
		/* Up to 76 bytes, cut at the last blank (never inside a UTF-8
		 * character: blanks are ASCII). */
		size_t len = strlen(p), cut = len;

		if (len > 76) {
			for (cut = 76; cut > 0 && p[cut] != ' '; cut--)
				;
			if (cut == 0)
				for (cut = 76; p[cut] && p[cut] != ' '; cut++)
					;
		}
		fprintf(out, "; %.*s\n", (int)cut, p);
		p += cut;
		while (*p == ' ')
			p++;
	}
	return ferror(out) ? PC_EIO : 0;
}
