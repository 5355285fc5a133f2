/* fuzz_fit: libFuzzer harness for fit's export readers (pc_fit_map_read, pc_fit_read): the input is an options byte, then the orders, refunds and work log CSVs and a mapping file, separated by form feeds. */
#include "fuzz_env.h"

#include <math.h>

#include "promocap/fit.h"

/* The options byte: the files are GBK; a work log is given; a mapping file
 * is given; a sales window from 2026-11-01 (day 20393) of 1 + (byte >> 4)
 * days is given (else the orders' payment days). */
enum { FUZZ_FIT_GBK = 1, FUZZ_FIT_WORK = 2, FUZZ_FIT_MAP = 4, FUZZ_FIT_WINDOW = 8 };
#define FUZZ_FIT_DAY0 20393

/* Whether a time read is NaN (none) or finite. */
static int fuzz_fit_time(double t)
{
	return isnan(t) || isfinite(t);
}

/* Checks what a read that succeeded holds: indices within their tables,
 * times NaN or finite, a window of 1 to 366 days, counts that never exceed
 * the rows read.  Aborts when a property breaks. */
static void fuzz_fit_check(const pc_fit_data *d, int work)
{
	size_t i;

	if (d->days < 1 || d->days > 366 || (!work && d->ntasks) || d->norders > (size_t)d->n.order_rows ||
	    d->nrefunds > (size_t)d->n.refund_rows || d->ntasks > (size_t)d->n.work_rows ||
	    d->n.order_dup + d->n.order_conflict > d->n.order_rows ||
	    d->n.refund_dup + d->n.refund_conflict > d->n.refund_rows)
		abort();
	for (i = 0; i < d->norders; i++) {
		const pc_fit_order *o = &d->order[i];
		if (!fuzz_fit_time(o->paid) || !fuzz_fit_time(o->dispatch) || !fuzz_fit_time(o->delivered) ||
		    !fuzz_fit_time(o->confirm) || !fuzz_fit_time(o->amount))
			abort();
	}
	for (i = 0; i < d->nrefunds; i++) {
		const pc_fit_refund *x = &d->refund[i];
		if (x->order < -1 || (x->order >= 0 && (size_t)x->order >= d->norders) ||
		    !fuzz_fit_time(x->t) || !fuzz_fit_time(x->end) || !fuzz_fit_time(x->shipped) ||
		    !fuzz_fit_time(x->warehouse) || !fuzz_fit_time(x->amount) || x->type > 1 || x->reason > 3 ||
		    x->status > 2 || x->goods > PC_FG_RECEIVED)
			abort();
	}
	for (i = 0; i < d->ntasks; i++) {
		const pc_fit_task *w = &d->task[i];
		if (w->refund < -1 || (w->refund >= 0 && (size_t)w->refund >= d->nrefunds) || w->agent < 0 ||
		    w->agent >= d->nagents || !fuzz_fit_time(w->start) || !fuzz_fit_time(w->end) || w->task > 4)
			abort();
	}
}

/* Splits the input into its files, reads the mapping file (when given)
 * and the exports.  A failure must say why (pc_fit_read releases what it
 * read); a success must hold what fuzz_fit_check says. */
static int fuzz_fit_one(const uint8_t *data, size_t size)
{
	static const char *const names[4] = { "orders.csv", "refunds.csv", "work.csv", "map.ini" };
	char path[4][1024];
	const uint8_t *part = data + (size > 0), *end = data + size;
	unsigned opt = size > 0 ? data[0] : 0;
	pc_fit_input in;
	pc_fit_data d;
	pc_fit_map map;
	pc_error err;
	int f, rc;

	if (!fuzz_env_dir())
		return 0;
	for (f = 0; f < 4; f++) {
		const uint8_t *ff = f < 3 ? memchr(part, '\f', (size_t)(end - part)) : NULL;
		const uint8_t *stop = ff ? ff : end;
		if (fuzz_env_put(names[f], part, (size_t)(stop - part), path[f], sizeof path[f]))
			return 0;
		part = ff ? ff + 1 : end;
	}
	memset(&in, 0, sizeof in);
	in.orders = path[0];
	in.refunds = path[1];
	in.work = opt & FUZZ_FIT_WORK ? path[2] : NULL;
	in.gbk = opt & FUZZ_FIT_GBK;
	in.from = in.to = -1;
	if (opt & FUZZ_FIT_WINDOW) {
		in.from = FUZZ_FIT_DAY0;
		in.to = FUZZ_FIT_DAY0 + (opt >> 4);
	}
	pc_error_clear(&err);
	if (opt & FUZZ_FIT_MAP) {
		rc = pc_fit_map_read(&map, path[3], &err);
		if (rc) {
			if (!err.msg[0] || (rc != PC_EINPUT && rc != PC_EIO))
				abort();
			return 0;
		}
		in.map = &map;
	}
	rc = pc_fit_read(&d, &in, &err);
	if (rc) {
		if (!err.msg[0])
			abort(); /* a failure says why */
		return 0;
	}
	fuzz_fit_check(&d, in.work != NULL);
	pc_fit_data_release(&d);
	return 0;
}

#ifndef FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_fit_one(data, size);
}
#endif
