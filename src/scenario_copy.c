/* scenario_copy: compares the demand of two scenarios, copies, packs and unpacks a scenario (for other ranks) and releases it. */
#include "scenario_internal.h"

#include "promocap/carry.h"

#include <stdlib.h>
#include <string.h>

/* Copies the keys as written from src (NULL: none) into dst, which holds
 * none, leaving out key skip (-1: none).  Returns 0 or PC_ENOMEM (dst then
 * holds what was copied, for the caller to free). */
int pc_scn_given_copy(struct pc_scenario_given *dst, const struct pc_scenario_given *src, int skip)
{
	int k;

	if (!src || src->nsources == 0) {
		dst->source = calloc(1, sizeof *dst->source);
		if (!dst->source)
			return PC_ENOMEM;
		dst->nsources = 1;
		return 0;
	}
	dst->source = malloc((size_t)src->nsources * sizeof *dst->source);
	if (!dst->source)
		return PC_ENOMEM;
	memcpy(dst->source, src->source, (size_t)src->nsources * sizeof *dst->source);
	dst->nsources = src->nsources;
	for (k = 0; k < PC_NKEYS; k++) {
		if (k == skip || !src->text[k])
			continue;
		dst->line[k] = src->line[k];
		dst->src[k] = src->src[k];
		dst->seq[k] = src->seq[k];
		if (!(dst->text[k] = strdup(src->text[k])))
			return PC_ENOMEM;
	}
	return 0;
}

/* ---- demand ------------------------------------------------------------- */

/* The keys that decide the refunds a replication draws (sim.c: the
 * arrival, delay and attribute streams). */
static const int demand_keys[] = {
	PC_KEY_SALES_START, PC_KEY_SALES_END, PC_KEY_HORIZON, PC_KEY_GMV, PC_KEY_AOV,
	PC_KEY_DAILY_SHARE, PC_KEY_HOURLY_SHARE, PC_KEY_RATE, PC_KEY_ENTRY_OPENS,
	PC_KEY_REQUEST_DELAY, PC_KEY_ARRIVAL_CURVE, PC_KEY_AFTER_SALES_RATIO, PC_KEY_REASONS,
	PC_KEY_PATH_MIX, PC_KEY_AMOUNT, PC_KEY_TIMING, PC_KEY_GOODS_STATE, PC_KEY_DELAY_BEFORE_DISPATCH,
	PC_KEY_DELAY_IN_TRANSIT, PC_KEY_DELAY_AFTER_DELIVERY, PC_KEY_NO_RETURN, PC_KEY_REQUEST_HOURS,
	PC_KEY_ENTRY_GATED, PC_KEY_DISPATCH, PC_KEY_DELIVERY, PC_KEY_CONFIRM_AFTER, PC_KEY_CLAIM_DELAY,
	PC_KEY_CLAIMS, PC_KEY_CLAIM_NO_RETURN
};

static int doubles_equal(const double *x, const double *y, size_t n)
{
	return n == 0 || memcmp(x, y, n * sizeof *x) == 0;
}

static int dist_equal(const pc_dist *x, const pc_dist *y)
{
	return x->kind == y->kind && x->p1 == y->p1 && x->p2 == y->p2 && x->n == y->n &&
	       (x->n == 0 || (doubles_equal(x->values, y->values, x->n) &&
			      doubles_equal(x->weights, y->weights, x->n)));
}

/* Whether demand key k resolves to the same value in a and b. */
static int demand_key_equal(const pc_scenario *a, const pc_scenario *b, int k)
{
	switch (k) {
	case PC_KEY_SALES_START:
		return a->day0 == b->day0;
	case PC_KEY_SALES_END:
		return a->day0 + a->sales_days == b->day0 + b->sales_days;
	case PC_KEY_DAILY_SHARE:
		return a->sales_days == b->sales_days &&
		       doubles_equal(a->daily_share, b->daily_share, (size_t)a->sales_days);
	case PC_KEY_HOURLY_SHARE:
		return doubles_equal(a->hourly_share, b->hourly_share, 24);
	case PC_KEY_ARRIVAL_CURVE:
		return a->has_arrival_curve == b->has_arrival_curve &&
		       a->arrival_curve.n == b->arrival_curve.n &&
		       a->arrival_curve.end == b->arrival_curve.end &&
		       doubles_equal(a->arrival_curve.t, b->arrival_curve.t, (size_t)a->arrival_curve.n) &&
		       doubles_equal(a->arrival_curve.rate, b->arrival_curve.rate,
				     (size_t)a->arrival_curve.n);
	case PC_KEY_REASONS:
		return doubles_equal(a->reason_mix, b->reason_mix, PC_NREASONS);
	case PC_KEY_PATH_MIX:
		return doubles_equal(a->path_mix, b->path_mix, PC_NPATHS);
	case PC_KEY_REQUEST_DELAY:
	case PC_KEY_AMOUNT:
	case PC_KEY_DELAY_BEFORE_DISPATCH:
	case PC_KEY_DELAY_IN_TRANSIT:
	case PC_KEY_DELAY_AFTER_DELIVERY:
	case PC_KEY_DISPATCH:
	case PC_KEY_DELIVERY:
	case PC_KEY_CLAIM_DELAY:
		return dist_equal(pc_scn_key_cfield(a, k), pc_scn_key_cfield(b, k));
	case PC_KEY_TIMING:
		return a->timing == b->timing;
	case PC_KEY_GOODS_STATE:
		return doubles_equal(a->state_mix, b->state_mix, PC_NSTATES_ASKED);
	case PC_KEY_REQUEST_HOURS:
		return a->request_hours_on == b->request_hours_on &&
		       doubles_equal(a->request_hours, b->request_hours, 24);
	case PC_KEY_ENTRY_GATED:
		return a->entry_gated_all == b->entry_gated_all && a->nentry_gated == b->nentry_gated &&
		       memcmp(a->entry_gated_day, b->entry_gated_day,
			      (size_t)a->nentry_gated * sizeof a->entry_gated_day[0]) == 0;
	case PC_KEY_RATE:
		return a->refund_rate == b->refund_rate && !a->rate_by_day == !b->rate_by_day &&
		       (!a->rate_by_day || (a->sales_days == b->sales_days &&
					    doubles_equal(a->rate_by_day, b->rate_by_day, (size_t)a->sales_days)));
	default: /* horizon, gmv, aov, entry_opens, after_sales_ratio */
		return *(const double *)pc_scn_key_cfield(a, k) == *(const double *)pc_scn_key_cfield(b, k);
	}
}

int pc_scenario_demand_diff(const pc_scenario *a, const pc_scenario *b, char *buf, size_t n)
{
	size_t i;
	int count = 0;

	if (n)
		buf[0] = '\0';
	for (i = 0; i < sizeof demand_keys / sizeof demand_keys[0]; i++) {
		int k = demand_keys[i];
		char name[128];

		if (demand_key_equal(a, b, k) && pc_scn_forecast_equal(a, b, k))
			continue;
		snprintf(name, sizeof name, "%s%s.%s", count ? ", " : "", pc_scn_keys[k].section,
			 pc_scn_keys[k].name);
		if (n)
			pc_scn_append(buf, n, name);
		count++;
	}
	return count;
}

/* A malloc'd copy of n bytes of p (NULL for none); *ok cleared on failure. */
static void *scenario_dup(const void *p, size_t n, int *ok)
{
	void *q;

	if (!p || n == 0)
		return NULL;
	q = malloc(n);
	if (!q) {
		*ok = 0;
		return NULL;
	}
	memcpy(q, p, n);
	return q;
}

int pc_scenario_copy(pc_scenario *dst, const pc_scenario *src)
{
	int ok = 1, k, r;

	*dst = *src;
	/* First let dst own nothing, so that a failure part way releases
	 * exactly what was copied. */
	dst->daily_share = NULL;
	dst->rate_by_day = NULL;
	dst->arrival_curve.t = NULL;
	dst->arrival_curve.rate = NULL;
	dst->given = NULL;
	dst->requests_kept = NULL; /* the copy's demand may change */
	dst->carry_own = NULL;     /* the copy borrows src's carry-in */
	for (r = 0; r < PC_NSTAFF; r++) {
		dst->staff[r].headcount = NULL;
		dst->staff[r].change_t = NULL;
		dst->staff[r].change_cap = NULL;
	}
	for (k = 0; k < PC_NKEYS; k++) {
		if (pc_scn_key_has_dist(k)) {
			pc_dist *d = pc_scn_key_field(dst, k);

			d->values = NULL;
			d->weights = NULL;
			d->table = NULL;
		}
	}

	dst->daily_share = scenario_dup(src->daily_share,
					(size_t)src->sales_days * sizeof *src->daily_share, &ok);
	if (src->rate_by_day)
		dst->rate_by_day = scenario_dup(src->rate_by_day,
						(size_t)src->sales_days * sizeof *src->rate_by_day, &ok);
	dst->arrival_curve.t = scenario_dup(src->arrival_curve.t,
					    (size_t)src->arrival_curve.n * sizeof(double), &ok);
	dst->arrival_curve.rate = scenario_dup(src->arrival_curve.rate,
					       (size_t)src->arrival_curve.n * sizeof(double), &ok);
	for (r = 0; r < PC_NSTAFF; r++) {
		const pc_staff *s = &src->staff[r];
		pc_staff *d = &dst->staff[r];

		d->headcount = scenario_dup(s->headcount,
					    (size_t)s->ndays * (size_t)s->nshifts * sizeof(int), &ok);
		d->change_t = scenario_dup(s->change_t, (size_t)s->nchanges * sizeof(double), &ok);
		d->change_cap = scenario_dup(s->change_cap, (size_t)s->nchanges * sizeof(int), &ok);
	}
	for (k = 0; k < PC_NKEYS && ok; k++)
		if (pc_scn_key_has_dist(k))
			if (pc_dist_copy(pc_scn_key_field(dst, k), pc_scn_key_cfield(src, k)) != 0)
				ok = 0;
	if (ok && src->given) {
		dst->given = calloc(1, sizeof *dst->given);
		if (!dst->given || pc_scn_given_copy(dst->given, src->given, -1) != 0)
			ok = 0;
	}
	if (!ok) {
		pc_scenario_release(dst);
		return PC_ENOMEM;
	}
	return 0;
}

/* ---- pack and unpack ---------------------------------------------------- */

/* A growing byte buffer for pc_scenario_pack. */
typedef struct pack_buf {
	unsigned char *p;
	size_t n, cap;
	int ok;
} pack_buf;

static void pack_put(pack_buf *b, const void *data, size_t n)
{
	if (!b->ok || n == 0)
		return;
	if (b->n + n > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		unsigned char *q;

		while (cap < b->n + n)
			cap *= 2;
		if (!(q = realloc(b->p, cap))) {
			b->ok = 0;
			return;
		}
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->n, data, n);
	b->n += n;
}

int pc_scenario_pack(const pc_scenario *sc, void **buf, size_t *n)
{
	pack_buf b = { NULL, 0, 0, 1 };

	pack_put(&b, sc, sizeof *sc);
	pack_put(&b, sc->daily_share, (size_t)sc->sales_days * sizeof(double) * (sc->daily_share != NULL));
	pack_put(&b, sc->rate_by_day, (size_t)sc->sales_days * sizeof(double) * (sc->rate_by_day != NULL));
	pack_put(&b, sc->arrival_curve.t, (size_t)sc->arrival_curve.n * sizeof(double) * (sc->arrival_curve.t != NULL));
	pack_put(&b, sc->arrival_curve.rate,
		 (size_t)sc->arrival_curve.n * sizeof(double) * (sc->arrival_curve.rate != NULL));
	for (int r = 0; r < PC_NSTAFF; r++) {
		const pc_staff *st = &sc->staff[r];

		pack_put(&b, st->headcount,
			 (size_t)st->ndays * (size_t)st->nshifts * sizeof(int) * (st->headcount != NULL));
		pack_put(&b, st->change_t, (size_t)st->nchanges * sizeof(double) * (st->change_t != NULL));
		pack_put(&b, st->change_cap, (size_t)st->nchanges * sizeof(int) * (st->change_cap != NULL));
	}
	for (int k = 0; k < PC_NKEYS; k++) {
		const pc_dist *d;

		if (!pc_scn_key_has_dist(k))
			continue;
		d = pc_scn_key_cfield(sc, k);
		if (d->kind == PC_DIST_EMPIRICAL && d->values) {
			pack_put(&b, d->values, d->n * sizeof(double));
			pack_put(&b, d->weights, d->n * sizeof(double));
		}
	}
	/* The carry-in (replan), which the other process cannot borrow. */
	if (sc->carry) {
		pack_put(&b, sc->carry, sizeof *sc->carry);
		pack_put(&b, sc->carry->item, sc->carry->n * sizeof *sc->carry->item * (sc->carry->item != NULL));
	}
	if (!b.ok) {
		free(b.p);
		return PC_ENOMEM;
	}
	*buf = b.p;
	*n = b.n;
	return 0;
}

/* The next n bytes of an unpacked buffer as a malloc'd copy (NULL for
 * none); *ok cleared when the buffer is short or memory runs out. */
static void *unpack_take(const unsigned char *buf, size_t len, size_t *at, size_t n, int present, int *ok)
{
	void *q;

	if (!present || n == 0 || !*ok)
		return NULL;
	if (n > len - *at) {
		*ok = 0;
		return NULL;
	}
	q = scenario_dup(buf + *at, n, ok);
	*at += n;
	return q;
}

/* The carry-in packed at *at into one block sc owns (sc->carry points to
 * it); 0 when the buffer is short or memory runs out. */
static int unpack_carry(pc_scenario *sc, const unsigned char *buf, size_t len, size_t *at)
{
	pc_carry head;
	pc_carry *own;
	size_t bytes;

	if (sizeof head > len - *at)
		return 0;
	memcpy(&head, buf + *at, sizeof head);
	*at += sizeof head;
	if (!head.item)
		head.n = 0;
	if (head.n > (len - *at) / sizeof *head.item)
		return 0;
	bytes = head.n * sizeof *head.item;
	if (!(own = malloc(sizeof *own + bytes)))
		return 0;
	own->start = head.start;
	own->n = head.n;
	own->item = head.n ? (const pc_carry_item *)(own + 1) : NULL;
	memcpy(own + 1, buf + *at, bytes);
	*at += bytes;
	sc->carry_own = own;
	sc->carry = own;
	return 1;
}

int pc_scenario_unpack(pc_scenario *sc, const void *buf, size_t n)
{
	const unsigned char *b = buf;
	size_t at = sizeof *sc;
	int ok = 1;

	if (n < sizeof *sc)
		return PC_EINPUT;
	memcpy(sc, b, sizeof *sc);
	/* Nothing is owned until it is copied out of the buffer. */
	sc->given = NULL;
	sc->requests_kept = NULL; /* the sender's, not this process's */
	sc->carry_own = NULL;
	sc->daily_share = unpack_take(b, n, &at, (size_t)sc->sales_days * sizeof(double),
				      sc->daily_share != NULL, &ok);
	sc->rate_by_day = unpack_take(b, n, &at, (size_t)sc->sales_days * sizeof(double),
				      sc->rate_by_day != NULL, &ok);
	sc->arrival_curve.t = unpack_take(b, n, &at, (size_t)sc->arrival_curve.n * sizeof(double),
					  sc->arrival_curve.t != NULL, &ok);
	sc->arrival_curve.rate = unpack_take(b, n, &at, (size_t)sc->arrival_curve.n * sizeof(double),
					     sc->arrival_curve.rate != NULL, &ok);
	for (int r = 0; r < PC_NSTAFF; r++) {
		pc_staff *st = &sc->staff[r];

		st->headcount = unpack_take(b, n, &at, (size_t)st->ndays * (size_t)st->nshifts * sizeof(int),
					    st->headcount != NULL, &ok);
		st->change_t = unpack_take(b, n, &at, (size_t)st->nchanges * sizeof(double),
					   st->change_t != NULL, &ok);
		st->change_cap = unpack_take(b, n, &at, (size_t)st->nchanges * sizeof(int),
					     st->change_cap != NULL, &ok);
	}
	for (int k = 0; k < PC_NKEYS; k++) {
		pc_dist *d, tmp;

		if (!pc_scn_key_has_dist(k))
			continue;
		d = pc_scn_key_field(sc, k);
		tmp = *d;
		d->values = NULL;
		d->weights = NULL;
		d->table = NULL;
		if (tmp.kind != PC_DIST_EMPIRICAL || !tmp.values)
			continue;
		tmp.values = unpack_take(b, n, &at, tmp.n * sizeof(double), 1, &ok);
		tmp.weights = unpack_take(b, n, &at, tmp.n * sizeof(double), 1, &ok);
		tmp.table = NULL;
		/* The same weights give the same table (pc_dist_copy). */
		if (ok && pc_dist_copy(d, &tmp) != 0)
			ok = 0;
		free(tmp.values);
		free(tmp.weights);
	}
	if (ok && sc->carry)
		ok = unpack_carry(sc, b, n, &at);
	if (!ok || at != n) {
		pc_scenario_release(sc);
		return PC_EINPUT;
	}
	return 0;
}

void pc_scenario_release(pc_scenario *sc)
{
	int k, r;

	if (!sc)
		return;
	free(sc->daily_share);
	free(sc->rate_by_day);
	free(sc->arrival_curve.t);
	free(sc->arrival_curve.rate);
	for (r = 0; r < PC_NSTAFF; r++) {
		free(sc->staff[r].headcount);
		free(sc->staff[r].change_t);
		free(sc->staff[r].change_cap);
	}
	for (k = 0; k < PC_NKEYS; k++)
		if (pc_scn_key_has_dist(k))
			pc_dist_release(pc_scn_key_field(sc, k));
	free(sc->carry_own);
	if (sc->given) {
		for (k = 0; k < PC_NKEYS; k++)
			free(sc->given->text[k]);
		free(sc->given->source);
		free(sc->given);
	}
	memset(sc, 0, sizeof *sc);
}
