/* shifts: the cheapest shift patterns covering a requirement per interval,
 * as a set-covering MIP solved by GLPK (glp_intopt, bounded in time). */
#include "promocap/shifts.h"

#include <ctype.h>
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "promocap/dist.h"
#include "text.h"
#include "promocap/scenario.h"

_Static_assert(PC_SHIFTS_MAX_PATTERNS == PC_MAX_SHIFTS, "a design fits a scenario's shifts");

#define DAY_MIN 1440

static int whole_minutes(const char *text, int *m)
{
	double s;

	if (pc_dist_parse_duration(text, &s) != 0 || !(s > 0) || fmod(s, 60.0) != 0.0 || s > 2 * PC_DAY)
		return -1;
	*m = (int)(s / 60);
	return 0;
}

static int clock_minutes(const char *text, int *m)
{
	int h, mi, used = 0;

	if (sscanf(text, "%2d:%2d%n", &h, &mi, &used) != 2 || text[used] || h < 0 || h > 23 || mi < 0 ||
	    mi > 59)
		return -1;
	*m = h * 60 + mi;
	return 0;
}


int pc_shifts_parse(const char *text, pc_shifts_grid *g, char *msg, size_t n)
{
	char buf[512], *cur, *item;
	int have_starts = 0;

	memset(g, 0, sizeof *g);
	g->change = -1;
	g->patterns = PC_SHIFTS_MAX_PATTERNS;
	snprintf(buf, sizeof buf, "%s", text);
	if (!strcmp(pc_text_trim(buf), "none"))
		return 0;
	g->set = 1;
	for (cur = buf; cur; cur = item) {
		char *word = cur, *val;

		item = strchr(cur, ',');
		if (item)
			*item++ = '\0';
		word = pc_text_trim(word);
		for (val = word; *val && !isspace((unsigned char)*val); val++)
			;
		if (*val)
			*val++ = '\0';
		val = pc_text_trim(val);
		if (!strcmp(word, "starts")) {
			char *slash = strchr(val, '/'), *dash = strchr(val, '-');

			if (!slash || !dash || dash > slash)
				goto bad;
			*slash = *dash = '\0';
			if (clock_minutes(pc_text_trim(val), &g->first) || clock_minutes(pc_text_trim(dash + 1), &g->last) ||
			    whole_minutes(slash + 1, &g->step) || g->last < g->first)
				goto bad;
			have_starts = 1;
		} else if (!strcmp(word, "lengths")) {
			char *tok, *save = NULL;

			g->nlengths = 0;
			for (tok = strtok_r(val, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
				if (g->nlengths == PC_SHIFTS_MAX_LENGTHS ||
				    whole_minutes(tok, &g->length[g->nlengths]) ||
				    g->length[g->nlengths] > 16 * 60)
					goto bad;
				g->nlengths++;
			}
			if (!g->nlengths)
				goto bad;
		} else if (!strcmp(word, "break")) {
			if (!strcmp(val, "none"))
				g->brk = 0;
			else if (whole_minutes(val, &g->brk) || g->brk > 180)
				goto bad;
		} else if (!strcmp(word, "overnight")) {
			if (!strcmp(val, "yes"))
				g->overnight = 1;
			else if (!strcmp(val, "no"))
				g->overnight = 0;
			else
				goto bad;
		} else if (!strcmp(word, "people")) {
			int used = 0;

			if (sscanf(val, "%d-%d%n", &g->min_day, &g->max_day, &used) != 2 || val[used] ||
			    g->min_day < 0 || g->max_day < 0 || (g->max_day && g->max_day < g->min_day) ||
			    g->max_day > 1000000)
				goto bad;
		} else if (!strcmp(word, "change")) {
			int used = 0;

			if (!strcmp(val, "none"))
				g->change = -1;
			else if (sscanf(val, "%d%n", &g->change, &used) != 1 || val[used] || g->change < 0)
				goto bad;
		} else if (!strcmp(word, "patterns")) {
			int used = 0;

			if (sscanf(val, "%d%n", &g->patterns, &used) != 1 || val[used] || g->patterns < 1 ||
			    g->patterns > PC_SHIFTS_MAX_PATTERNS)
				goto bad;
		} else {
			snprintf(msg, n,
				 "unknown item '%s': expected starts HH:MM-HH:MM/STEP, lengths, break, overnight, people MIN-MAX, change, patterns",
				 word);
			return PC_EINPUT;
		}
		continue;
bad:
		snprintf(msg, n,
			 "item '%s' is not valid: write e.g. 'starts 06:00-22:00/30min, lengths 8h 4h, break 1h, overnight no, people 0-300, change 40, patterns 6' (lengths up to 16h, break up to 3h, at most %d patterns)",
			 word, PC_SHIFTS_MAX_PATTERNS);
		return PC_EINPUT;
	}
	if (!have_starts || !g->nlengths) {
		snprintf(msg, n, "both 'starts HH:MM-HH:MM/STEP' and 'lengths' are needed, e.g. 'starts 06:00-22:00/30min, lengths 8h 4h'");
		return PC_EINPUT;
	}
	return 0;
}

static void hhmm(int m, char *buf, size_t n)
{
	snprintf(buf, n, "%02d:%02d", (m / 60) % 100, m % 60);
}

static void minutes_text(int m, char *buf, size_t n)
{
	pc_dist_format_duration(m * 60.0, buf, n);
}

void pc_shifts_format(const pc_shifts_grid *g, char *buf, size_t n)
{
	char a[16], b[16], c[32], l[128] = "", x[32];

	if (!g->set) {
		snprintf(buf, n, "none");
		return;
	}
	for (int i = 0; i < g->nlengths; i++) {
		minutes_text(g->length[i], x, sizeof x);
		strncat(l, i ? " " : "", sizeof l - strlen(l) - 1);
		strncat(l, x, sizeof l - strlen(l) - 1);
	}
	hhmm(g->first, a, sizeof a);
	hhmm(g->last, b, sizeof b);
	minutes_text(g->step, c, sizeof c);
	if (g->brk)
		minutes_text(g->brk, x, sizeof x);
	else
		snprintf(x, sizeof x, "none");
	snprintf(buf, n, "starts %s-%s/%s, lengths %s, break %s, overnight %s, people %d-%d, change ", a, b,
		 c, l, x, g->overnight ? "yes" : "no", g->min_day, g->max_day);
	if (g->change < 0)
		snprintf(buf + strlen(buf), n - strlen(buf), "none, patterns %d", g->patterns);
	else
		snprintf(buf + strlen(buf), n - strlen(buf), "%d, patterns %d", g->change, g->patterns);
}

int pc_shifts_on_duty(const pc_shifts_pattern *p, int m)
{
	if (m < p->start || m >= p->start + p->length)
		return 0;
	if (p->brk && m >= p->start + p->brk_start && m < p->start + p->brk_start + p->brk)
		return 0;
	return 1;
}

static int gcd(int a, int b)
{
	while (b) {
		int t = a % b;
		a = b;
		b = t;
	}
	return a;
}

void pc_shifts_release(pc_shifts_design *d)
{
	if (!d)
		return;
	free(d->count);
	free(d->day_cost);
	free(d->day_hours);
	memset(d, 0, sizeof *d);
}

/* The candidate patterns of the grid: every start and length, a break at
 * the middle (on the slot grid) of shifts of 6 h or more. */
static int candidates(const pc_shifts_grid *g, int slot, pc_shifts_pattern **out)
{
	int n = 0, cap = ((g->last - g->first) / g->step + 1) * g->nlengths;
	pc_shifts_pattern *c = calloc((size_t)cap, sizeof *c);

	if (!c)
		return -1;
	for (int s = g->first; s <= g->last; s += g->step)
		for (int l = 0; l < g->nlengths; l++) {
			pc_shifts_pattern *p = &c[n];

			if (!g->overnight && s + g->length[l] > DAY_MIN)
				continue;
			p->start = s;
			p->length = g->length[l];
			if (g->brk && p->length >= 360 && g->brk < p->length) {
				p->brk = g->brk;
				p->brk_start = ((p->length - g->brk) / 2) / slot * slot;
			}
			snprintf(p->name, sizeof p->name, "s%02d%02d_%dh%s", s / 60, s % 60, p->length / 60,
				 p->length % 60 ? "30" : "");
			if (p->length % 60 && p->length % 60 != 30)
				snprintf(p->name, sizeof p->name, "s%02d%02d_%dm", s / 60, s % 60, p->length);
			n++;
		}
	*out = c;
	return n;
}

/* Cost of one person on pattern p on day d. */
static double pattern_cost(const pc_shifts_problem *pb, const pc_shifts_pattern *p, int d)
{
	double c = 0;

	for (int m = p->start; m < p->start + p->length; m++) {
		int clock = m % DAY_MIN, day = d + m / DAY_MIN;
		double rate = pb->cost;

		if (clock >= 22 * 60 || clock < 6 * 60)
			rate += pb->cost * pb->night_premium;
		if (day >= 0 && day < pb->promo_days)
			rate += pb->cost * pb->promo_premium;
		c += rate / 60.0;
	}
	return c;
}

/* The cost of cover x (people per column) and, into use when not NULL,
 * the paid minutes it puts on each of the ncand patterns. */
static double cover_cost(const pc_shifts_problem *pb, const pc_shifts_pattern *cand, int ncand, const int *col_d,
			 const int *col_p, int ncols, const double *x, double *use)
{
	double cost = 0;

	if (use)
		for (int c = 0; c < ncand; c++)
			use[c] = 0;
	for (int j = 0; j < ncols; j++) {
		if (!(x[j] > 0))
			continue;
		cost += x[j] * pattern_cost(pb, &cand[col_p[j]], col_d[j]);
		if (use)
			use[col_p[j]] += x[j] * cand[col_p[j]].length;
	}
	return cost;
}

/* A limit of the solver's work by the nodes of its search tree rather
 * than by time alone, so that a busy machine gets the same design. */
typedef struct node_limit {
	int nodes, limit, hit;
} node_limit;

static void count_nodes(glp_tree *tree, void *info)
{
	node_limit *nl = info;

	if (glp_ios_reason(tree) == GLP_ISELECT && ++nl->nodes > nl->limit) {
		nl->hit = 1;
		glp_ios_terminate(tree);
	}
}

enum { SOLVE_OK, SOLVE_NONE, SOLVE_NOMEM };

/* The LP relaxation rounded up: every cover row stays covered (all its
 * coefficients are 1); feasible when the other rows (people a day, change)
 * hold too.  Writes it to x and returns 1 when feasible. */
static int rounded(glp_prob *lp, int ncols, double *x)
{
	int nrows = glp_get_num_rows(lp), *ind = malloc(sizeof(int) * (size_t)(ncols + 1));
	double *v = malloc(sizeof(double) * (size_t)(ncols + 1));
	int ok = ind && v;

	for (int j = 0; j < ncols; j++)
		x[j] = ceil(glp_get_col_prim(lp, j + 1) - 1e-7);
	for (int i = 1; ok && i <= nrows; i++) {
		int n = glp_get_mat_row(lp, i, ind, v), type = glp_get_row_type(lp, i);
		double sum = 0;

		for (int k = 1; k <= n; k++)
			sum += v[k] * x[ind[k] - 1];
		if ((type == GLP_LO || type == GLP_DB || type == GLP_FX) && sum < glp_get_row_lb(lp, i) - 1e-7)
			ok = 0;
		if ((type == GLP_UP || type == GLP_DB || type == GLP_FX) && sum > glp_get_row_ub(lp, i) + 1e-7)
			ok = 0;
	}
	free(ind);
	free(v);
	return ok;
}

typedef struct solve_info {
	node_limit nl;
	const double *start; /* a feasible rounding offered as the first incumbent, or NULL */
	int offered;
} solve_info;

static void callback(glp_tree *tree, void *info)
{
	solve_info *si = info;

	if (glp_ios_reason(tree) == GLP_IHEUR && si->start && !si->offered) {
		si->offered = 1;
		glp_ios_heur_sol(tree, si->start - 1); /* 1-based */
	}
	count_nodes(tree, &si->nl);
}

/* Solves the MIP in lp: the LP relaxation, its rounding as the first
 * incumbent, then branch and bound within 0.5% of the bound, a node limit
 * (the same answer on a busy machine) and the time limit.  The values in
 * x[0..ncols); *optimal 1 when within the gap.  Returns SOLVE_OK or
 * SOLVE_NONE (infeasible, or nothing found). */
static int solve(glp_prob *lp, int ncols, double time_limit, double *x, int *optimal)
{
	glp_smcp sm;
	glp_iocp parm;
	solve_info si;
	double *start = malloc(sizeof(double) * (size_t)(ncols + 1));
	int have_start = 0, ret, status;

	*optimal = 0;
	if (!start)
		return SOLVE_NONE;
	glp_init_smcp(&sm);
	sm.msg_lev = GLP_MSG_OFF;
	sm.presolve = GLP_ON;
	if (glp_simplex(lp, &sm) != 0 || glp_get_status(lp) != GLP_OPT) {
		free(start);
		return SOLVE_NONE;
	}
	if (glp_get_num_cols(lp) > 0) {
		/* 1-based copy for glp_ios_heur_sol */
		have_start = rounded(lp, ncols, start + 1);
	}
	sm.presolve = GLP_OFF;
	glp_simplex(lp, &sm); /* a basis for branch and bound */
	memset(&si, 0, sizeof si);
	si.nl.limit = 200;
	si.start = have_start ? start + 1 : NULL;
	glp_init_iocp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.tm_lim = (int)(1000 * (time_limit > 0 ? time_limit : 20));
	parm.mip_gap = 5e-3;
	parm.br_tech = GLP_BR_MFV;
	parm.bt_tech = GLP_BT_BPH;
	parm.cb_func = callback;
	parm.cb_info = &si;
	ret = glp_intopt(lp, &parm);
	status = glp_mip_status(lp);
	if (status == GLP_OPT || status == GLP_FEAS) {
		for (int j = 0; j < ncols; j++)
			x[j] = glp_mip_col_val(lp, j + 1);
		*optimal = (ret == 0 || ret == GLP_EMIPGAP) && !si.nl.hit;
		free(start);
		return SOLVE_OK;
	}
	if (have_start && status != GLP_NOFEAS) {
		memcpy(x, start + 1, sizeof(double) * (size_t)ncols);
		free(start);
		return SOLVE_OK;
	}
	free(start);
	return SOLVE_NONE;
}

/* Allows only the patterns c with in[c]: the others' columns fixed at 0. */
static void allow(glp_prob *lp, int ncols, const int *col_p, const int *in)
{
	for (int j = 0; j < ncols; j++)
		if (in[col_p[j]])
			glp_set_col_bnds(lp, j + 1, GLP_LO, 0, 0);
		else
			glp_set_col_bnds(lp, j + 1, GLP_FX, 0, 0);
}

/* The LP relaxation's cost with only the patterns c with in[c] allowed,
 * warm-started from lp's last basis; HUGE_VAL when no cover exists with
 * them. */
static double set_cost(glp_prob *lp, int ncols, const int *col_p, const int *in)
{
	glp_smcp sm;

	allow(lp, ncols, col_p, in);
	glp_init_smcp(&sm);
	sm.msg_lev = GLP_MSG_OFF;
	if (glp_simplex(lp, &sm) != 0 && (glp_adv_basis(lp, 0), glp_simplex(lp, &sm) != 0))
		return HUGE_VAL;
	return glp_get_status(lp) == GLP_OPT ? glp_get_obj_val(lp) : HUGE_VAL;
}

/* Improves the set of allowed patterns in[] (|in| = the grid's limit) by
 * swaps: the patterns left out whose columns the LP's prices favour most
 * (the most negative reduced costs summed over their days) are tried in
 * place of each kept one, and the swap that lowers the LP's cost most is
 * taken, until none lowers it (or SWAP_ROUNDS swaps).  The LP of a set of
 * patterns stands for its MIP: its covers are nearly integral.  Returns
 * the LP cost of the set kept, or HUGE_VAL with in[] unchanged when the
 * LP of the set given fails. */
#define SWAP_TRY 3
#define SWAP_ROUNDS 12
static double swap_patterns(glp_prob *lp, int ncols, const int *col_p, int ncand, int *in)
{
	double cost = set_cost(lp, ncols, col_p, in), *price = calloc((size_t)ncand, sizeof(double));

	if (!price || cost == HUGE_VAL) {
		free(price);
		return cost;
	}
	for (int round = 0; round < SWAP_ROUNDS; round++) {
		int add[SWAP_TRY], nadd = 0, best_a = -1, best_k = -1;
		double best = cost * (1 - 1e-6);

		/* Prices of the patterns left out, from the kept set's LP. */
		for (int c = 0; c < ncand; c++)
			price[c] = 0;
		for (int j = 0; j < ncols; j++)
			if (!in[col_p[j]])
				price[col_p[j]] += fmin(0, glp_get_col_dual(lp, j + 1));
		for (int t = 0; t < SWAP_TRY; t++) {
			int b = -1;

			for (int c = 0; c < ncand; c++)
				if (!in[c] && price[c] < -1e-9 && (b < 0 || price[c] < price[b]))
					b = c;
			if (b < 0)
				break;
			add[nadd++] = b;
			price[b] = 0;
		}
		for (int t = 0; t < nadd; t++)
			for (int k = 0; k < ncand; k++) {
				double v;

				if (!in[k])
					continue;
				in[k] = 0;
				in[add[t]] = 1;
				v = set_cost(lp, ncols, col_p, in);
				in[add[t]] = 0;
				in[k] = 1;
				if (v < best) {
					best = v;
					best_a = add[t];
					best_k = k;
				}
			}
		if (best_a < 0)
			break;
		in[best_k] = 0;
		in[best_a] = 1;
		cost = set_cost(lp, ncols, col_p, in); /* its basis and prices */
	}
	free(price);
	return cost;
}

/* Restricts lp to at most |in| patterns: from in[] (the patterns the
 * unrestricted design uses most), swap_patterns on the LP with elastic
 * covers (a cover's shortfall allowed at a cost far above any shift's, so
 * that a set which cannot cover yet still has prices to swap by), then
 * the columns of the patterns left out fixed at 0.  Returns SOLVE_OK,
 * SOLVE_NONE when the set found still falls short of a cover, or
 * SOLVE_NOMEM. */
static int restrict_patterns(glp_prob *lp, int ncols, const int *col_p, int ncand, int ncover, int *in)
{
	int s0, *num = malloc(sizeof(int) * (size_t)(ncover + 1)), rc = SOLVE_OK;
	double most = 0;

	if (!num)
		return SOLVE_NOMEM;
	for (int j = 0; j < ncols; j++)
		most = fmax(most, glp_get_obj_coef(lp, j + 1));
	s0 = ncover > 0 ? glp_add_cols(lp, ncover) : 0;
	for (int i = 0; i < ncover; i++) {
		int row[2] = { 0, i + 1 };
		double one[2] = { 0, 1 };

		glp_set_col_kind(lp, s0 + i, GLP_CV);
		glp_set_col_bnds(lp, s0 + i, GLP_LO, 0, 0);
		glp_set_obj_coef(lp, s0 + i, 1e3 * (most + 1));
		glp_set_mat_col(lp, s0 + i, 1, row, one);
		num[i + 1] = s0 + i;
	}
	swap_patterns(lp, ncols, col_p, ncand, in);
	if (set_cost(lp, ncols, col_p, in) == HUGE_VAL)
		rc = SOLVE_NONE;
	for (int i = 0; i < ncover && rc == SOLVE_OK; i++)
		if (glp_get_col_prim(lp, s0 + i) > 1e-6)
			rc = SOLVE_NONE;
	if (ncover > 0)
		glp_del_cols(lp, ncover, num);
	free(num);
	allow(lp, ncols, col_p, in);
	return rc;
}

/* Drops the patterns that carry little work where the cover costs at most
 * PRUNE_TOLERANCE more without them (the solver's own tolerance), least
 * used first, each judged by the LP of the patterns left: a pattern worn
 * by one person on one day is a pattern a team lead must still explain.
 * The MIP is then solved again with the patterns kept, and its cover taken
 * when within the tolerance of x's.  x (ncols values) is updated; returns
 * the number of patterns dropped (0: x unchanged), or -1 out of memory. */
#define PRUNE_TOLERANCE 5e-3
static int prune_patterns(glp_prob *lp, const pc_shifts_problem *pb, const pc_shifts_pattern *cand, int ncand,
			  const int *col_d, const int *col_p, int ncols, double *x)
{
	double *use = calloc((size_t)ncand, sizeof(double)), *keep = malloc(sizeof(double) * (size_t)(ncols + 1));
	int *in = calloc((size_t)ncand, sizeof(int)), *tried = calloc((size_t)ncand, sizeof(int));
	double limit;
	int dropped = 0, opt2;

	if (!use || !keep || !in || !tried) {
		dropped = -1;
		goto done;
	}
	limit = cover_cost(pb, cand, ncand, col_d, col_p, ncols, x, use) * (1 + PRUNE_TOLERANCE);
	for (int c = 0; c < ncand; c++)
		in[c] = use[c] > 0.5;
	for (;;) {
		int c = -1, left = 0;

		for (int k = 0; k < ncand; k++) {
			left += in[k];
			if (in[k] && !tried[k] && (c < 0 || use[k] < use[c]))
				c = k;
		}
		if (c < 0 || left <= 1)
			break;
		tried[c] = 1;
		in[c] = 0;
		if (set_cost(lp, ncols, col_p, in) <= limit)
			dropped++;
		else
			in[c] = 1;
	}
	if (dropped > 0) {
		double cost2 = 0;

		memcpy(keep, x, sizeof(double) * (size_t)ncols);
		allow(lp, ncols, col_p, in);
		if (solve(lp, ncols, pb->time_limit, x, &opt2) == SOLVE_OK)
			cost2 = cover_cost(pb, cand, ncand, col_d, col_p, ncols, x, NULL);
		if (!(cost2 > 0 && cost2 <= limit)) {
			memcpy(x, keep, sizeof(double) * (size_t)ncols);
			dropped = 0;
		}
	}
done:
	free(use);
	free(keep);
	free(in);
	free(tried);
	return dropped;
}

/* Whether some pattern of the grid is on duty at the middle of slot t of
 * the day (slot minutes long), starting that day or, with overnight, the
 * day before. */
static int clock_covered(const pc_shifts_pattern *cand, int ncand, int overnight, int slot, int t)
{
	int m = t * slot + slot / 2;

	for (int c = 0; c < ncand; c++)
		if (pc_shifts_on_duty(&cand[c], m) || (overnight && pc_shifts_on_duty(&cand[c], m + DAY_MIN)))
			return 1;
	return 0;
}

int pc_shifts_design_run(const pc_shifts_problem *pb, pc_shifts_design *out, pc_error *err)
{
	const pc_shifts_grid *g = pb->grid;
	int ndays = (int)ceil(pb->horizon / PC_DAY - 1e-9);
	/* With overnight shifts, one may start the evening before day 0 to
	 * cover its first hours. */
	int first = g && g->overnight ? -1 : 0;
	int dtm = (int)lround(pb->dt / 60), slot, nslots, ncand, rc = 0;
	pc_shifts_pattern *cand = NULL;
	int *req = NULL, *col_d = NULL, *col_p = NULL, *ia = NULL, *ja = NULL;
	double *ar = NULL;
	glp_prob *lp = NULL;
	int ncols = 0, nrows = 0, ncover = 0, nnz = 0, cap = 0;
	double *val = NULL;

	memset(out, 0, sizeof *out);
	if (!g || !g->set || ndays < 1 || dtm < 1 || !(pb->shrinkage >= 0 && pb->shrinkage < 1)) {
		pc_error_set(err, NULL, 0, "shift design for %s: no pattern grid, or shrinkage not below 100%%",
			     pb->who);
		return PC_EINPUT;
	}
	slot = gcd(gcd(g->step, dtm), g->first ? g->first : g->step);
	for (int l = 0; l < g->nlengths; l++)
		slot = gcd(slot, g->length[l]);
	if (g->brk)
		slot = gcd(slot, g->brk);
	nslots = ndays * DAY_MIN / slot;
	if ((ncand = candidates(g, slot, &cand)) < 0)
		goto nomem;
	if (ncand == 0) {
		pc_error_set(err, NULL, 0,
			     "shift design for %s: the grid allows no shift (every start plus its length runs past midnight and overnight is no)",
			     pb->who);
		free(cand);
		return PC_EINPUT;
	}
	/* The requirement per slot in paid people: need / (1 - shrinkage). */
	if (!(req = calloc((size_t)nslots, sizeof *req)))
		goto nomem;
	for (int s = 0; s < nslots; s++) {
		int k = (int)((double)s * slot * 60 / pb->dt);
		double mid = ((double)s + 0.5) * slot * 60;

		if (k < pb->nneed && mid < pb->horizon && pb->need[k] > 0)
			req[s] = (int)ceil(pb->need[k] / (1 - pb->shrinkage) - 1e-9);
	}
	/* Columns: x[d][c] integer people on pattern c on day d. */
	lp = glp_create_prob();
	glp_set_obj_dir(lp, GLP_MIN);
	if (!(col_d = malloc(sizeof(int) * (size_t)((ndays + 1) * ncand))) ||
	    !(col_p = malloc(sizeof(int) * (size_t)((ndays + 1) * ncand))))
		goto nomem;
	for (int d = first; d < ndays; d++)
		for (int c = 0; c < ncand; c++) {
			if (d * PC_DAY + cand[c].start * 60.0 >= pb->horizon)
				continue;
			if (d < 0 && cand[c].start + cand[c].length <= DAY_MIN)
				continue;
			col_d[ncols] = d;
			col_p[ncols] = c;
			ncols++;
		}
	/* Slots no shift of the grid covers (no start on the grid before
	 * them reaches them, or none has started yet on the first day): left
	 * out, the first stretch reported by the clock. */
	{
		int gap0 = -1, gapn = -1;

		for (int s = 0; s < nslots; s++) {
			int covered = 0;

			if (!req[s])
				continue;
			for (int j = 0; j < ncols && !covered; j++) {
				int m = s * slot + slot / 2 - col_d[j] * DAY_MIN;

				covered = m >= 0 && pc_shifts_on_duty(&cand[col_p[j]], m);
			}
			if (covered)
				continue;
			if (gap0 < 0)
				gap0 = gapn = s;
			else if (s == gapn + 1)
				gapn = s;
			if ((int)ceil(req[s] * (1 - pb->shrinkage) - 1e-9) > out->gap_need)
				out->gap_need = (int)ceil(req[s] * (1 - pb->shrinkage) - 1e-9);
			req[s] = 0;
		}
		if (gap0 >= 0) {
			/* Named by the clock: the whole stretch of the day no
			 * pattern of the grid reaches around the first slot
			 * left out (a night with no work in some hours is still
			 * one stretch), else the slots left out from there. */
			int per_day = DAY_MIN / slot, t0 = gap0 % per_day, lo = t0, hi = t0, n = 1;
			char a[16], b[16];

			if (clock_covered(cand, ncand, first < 0, slot, t0)) {
				/* Covered by the clock yet left out: the first day's
				 * hours before any shift can have started. */
				hi = (t0 + gapn - gap0) % per_day;
			} else {
				while (n < per_day &&
				       !clock_covered(cand, ncand, first < 0, slot, (lo - 1 + per_day) % per_day)) {
					lo = (lo - 1 + per_day) % per_day;
					n++;
				}
				while (n < per_day && !clock_covered(cand, ncand, first < 0, slot, (hi + 1) % per_day)) {
					hi = (hi + 1) % per_day;
					n++;
				}
			}
			hhmm(lo * slot, a, sizeof a);
			hhmm((hi + 1) * slot % DAY_MIN, b, sizeof b);
			snprintf(out->gap, sizeof out->gap, "%s-%s", a, (hi + 1) * slot % DAY_MIN ? b : "24:00");
			out->gap_day = gap0 * slot / DAY_MIN;
		}
	}
	glp_add_cols(lp, ncols);
	for (int j = 0; j < ncols; j++) {
		glp_set_col_kind(lp, j + 1, GLP_IV);
		glp_set_col_bnds(lp, j + 1, GLP_LO, 0, 0);
		/* A tiny extra per pattern by its rank: a deterministic choice
		 * among designs of equal cost. */
		glp_set_obj_coef(lp, j + 1, pattern_cost(pb, &cand[col_p[j]], col_d[j]) * (1 + 1e-9 * col_p[j]));
	}
#define NZ(r, c, v)                                                                          \
	do {                                                                                 \
		if (nnz + 1 >= cap) {                                                        \
			int nc = cap ? 2 * cap : 65536;                                      \
			int *i2 = realloc(ia, sizeof(int) * (size_t)nc);                     \
			if (!i2)                                                             \
				goto nomem;                                                  \
			ia = i2;                                                             \
			if (!(i2 = realloc(ja, sizeof(int) * (size_t)nc)))                   \
				goto nomem;                                                  \
			ja = i2;                                                             \
			double *a2 = realloc(ar, sizeof(double) * (size_t)nc);               \
			if (!a2)                                                             \
				goto nomem;                                                  \
			ar = a2;                                                             \
			cap = nc;                                                            \
		}                                                                            \
		nnz++;                                                                       \
		ia[nnz] = (r);                                                               \
		ja[nnz] = (c);                                                               \
		ar[nnz] = (v);                                                               \
	} while (0)
	/* Cover: in every slot with a requirement, the people on duty. */
	{
		for (int s = 0; s < nslots; s++) {
			int row;

			if (!req[s])
				continue;
			row = glp_add_rows(lp, 1);
			nrows++;
			glp_set_row_bnds(lp, row, GLP_LO, req[s], 0);
			for (int j = 0; j < ncols; j++) {
				int m = s * slot + slot / 2 - col_d[j] * DAY_MIN;

				if (m >= 0 && pc_shifts_on_duty(&cand[col_p[j]], m))
					NZ(row, j + 1, 1.0);
			}
		}
	}
	ncover = nrows;
	/* People a day and the change from one day to the next, over the days
	 * with any shift (days before the first need are left free of the
	 * minimum only if nothing is needed on them). */
	if (g->min_day > 0 || g->max_day > 0 || g->change >= 0) {
		for (int d = first; d < ndays; d++) {
			int row = glp_add_rows(lp, 1);

			if (g->max_day > 0)
				glp_set_row_bnds(lp, row, g->min_day == g->max_day ? GLP_FX : GLP_DB, g->min_day,
						 g->max_day);
			else
				glp_set_row_bnds(lp, row, GLP_LO, g->min_day, 0);
			for (int j = 0; j < ncols; j++)
				if (col_d[j] == d)
					NZ(row, j + 1, 1.0);
		}
		if (g->change >= 0)
			for (int d = first + 1; d < ndays; d++) {
				int row = glp_add_rows(lp, 1);

				glp_set_row_bnds(lp, row, GLP_DB, -g->change, g->change);
				for (int j = 0; j < ncols; j++) {
					if (col_d[j] == d)
						NZ(row, j + 1, 1.0);
					else if (col_d[j] == d - 1)
						NZ(row, j + 1, -1.0);
				}
			}
	}
#undef NZ
	glp_load_matrix(lp, nnz, ia, ja, ar);
	if (!(val = malloc(sizeof(double) * (size_t)(ncols + 1))))
		goto nomem;
	{
		int st = solve(lp, ncols, pb->time_limit, val, &out->optimal);
		int used = 0, most = 0;
		double *use = NULL;

		if (st == SOLVE_NONE) {
			for (int s = 0; s < nslots; s++)
				if (req[s] > most)
					most = req[s];
			if (g->max_day > 0 || g->min_day > 0 || g->change >= 0) {
				char lim[160];

				snprintf(lim, sizeof lim, " within people %d-%d a day", g->min_day, g->max_day);
				if (g->change >= 0)
					snprintf(lim + strlen(lim), sizeof lim - strlen(lim),
						 " and a change of at most %d a day", g->change);
				pc_error_set(err, NULL, 0,
					     "shift design for %s: no roster covers the requirement%s (%d paid people on duty are needed at the busiest time): raise the people cap or the change",
					     pb->who, lim, most);
			} else {
				pc_error_set(err, NULL, 0,
					     "shift design for %s: the solver found no roster (%d shift-days, %d constraints): allow fewer start times or a coarser step",
					     pb->who, ncols, nrows);
			}
			rc = PC_EINPUT;
			goto done;
		}
		/* More different patterns than allowed: from the ones carrying
		 * the most paid hours, a set improved by swaps, and the cover
		 * solved again with only them (the cheapest with those; not
		 * proven the cheapest of all). */
		double any;

		if (!(use = calloc((size_t)ncand, sizeof(double))))
			goto nomem;
		any = cover_cost(pb, cand, ncand, col_d, col_p, ncols, val, use);
		for (int c = 0; c < ncand; c++)
			used += use[c] > 0.5;
		if (used > g->patterns) {
			int *in = calloc((size_t)ncand, sizeof(int));

			if (!in) {
				free(use);
				goto nomem;
			}
			/* What the limit costs: the cover with any number. */
			out->patterns_any = used;
			out->cost_any = any;
			/* The set the caller keeps (a requirement lowered
			 * from one these patterns covered): no swaps. */
			for (int k = 0; k < pb->nkeep; k++)
				for (int c = 0; c < ncand; c++)
					if (cand[c].start == pb->keep[k].start && cand[c].length == pb->keep[k].length &&
					    cand[c].brk == pb->keep[k].brk && cand[c].brk_start == pb->keep[k].brk_start)
						in[c] = 1;
			if (pb->nkeep > 0) {
				allow(lp, ncols, col_p, in);
				st = solve(lp, ncols, pb->time_limit, val, &out->optimal);
				if (st == SOLVE_OK) {
					free(in);
					out->optimal = 0;
					free(use);
					goto chosen;
				}
				memset(in, 0, sizeof(int) * (size_t)ncand);
				for (int j = 0; j < ncols; j++)
					glp_set_col_bnds(lp, j + 1, GLP_LO, 0, 0);
			}
			for (int k = 0; k < g->patterns; k++) {
				int best = -1;

				for (int c = 0; c < ncand; c++)
					if (use[c] > 0.5 && (best < 0 || use[c] > use[best]))
						best = c;
				if (best >= 0) {
					use[best] = -1;
					in[best] = 1;
				}
			}
			st = restrict_patterns(lp, ncols, col_p, ncand, ncover, in);
			free(in);
			if (st == SOLVE_NOMEM) {
				free(use);
				goto nomem;
			}
			if (st == SOLVE_OK)
				st = solve(lp, ncols, pb->time_limit, val, &out->optimal);
			out->optimal = 0;
			if (st == SOLVE_NONE) {
				free(use);
				pc_error_set(err, NULL, 0,
					     "shift design for %s: the requirement needs more than %d different patterns (the cheapest cover uses %d): raise 'patterns' (at most 8) or allow longer shifts",
					     pb->who, g->patterns, used);
				rc = PC_EINPUT;
				goto done;
			}
		}
		free(use);
	}
chosen:
	if ((out->pruned = prune_patterns(lp, pb, cand, ncand, col_d, col_p, ncols, val)) < 0)
		goto nomem;
	/* The patterns used, in start order (candidates are in start order). */
	{
		int *map = malloc(sizeof(int) * (size_t)ncand);
		int nc = ncand;

		if (!map)
			goto nomem;

		for (int c = 0; c < nc; c++) {
			map[c] = -1;
			for (int j = 0; j < ncols; j++)
				if (col_p[j] == c && lround(val[j]) > 0) {
					if (out->npatterns < PC_SHIFTS_MAX_PATTERNS) {
						map[c] = out->npatterns;
						out->pattern[out->npatterns++] = cand[c];
					}
					break;
				}
		}
		out->first = first;
		out->ndays = ndays - first;
		if (!(out->count = calloc((size_t)out->ndays * (size_t)(out->npatterns ? out->npatterns : 1), sizeof(int))) ||
		    !(out->day_cost = calloc((size_t)out->ndays, sizeof(double))) ||
		    !(out->day_hours = calloc((size_t)out->ndays, sizeof(double)))) {
			free(map);
			goto nomem;
		}
		for (int j = 0; j < ncols; j++) {
			int c = col_p[j], d = col_d[j] - first;
			long v = lround(val[j]);

			if (v <= 0 || c >= nc || map[c] < 0)
				continue;
			out->count[d * out->npatterns + map[c]] = (int)v;
			out->day_cost[d] += v * pattern_cost(pb, &cand[c], col_d[j]);
			out->day_hours[d] += v * cand[c].length / 60.0;
		}
		for (int d = 0; d < out->ndays; d++) {
			out->cost += out->day_cost[d];
			out->hours += out->day_hours[d];
		}
		free(map);
	}
	goto done;
nomem:
	pc_error_set(err, NULL, 0, "out of memory designing shifts");
	rc = PC_ENOMEM;
done:
	if (rc)
		pc_shifts_release(out);
	if (lp)
		glp_delete_prob(lp);
	free(cand);
	free(req);
	free(col_d);
	free(col_p);
	free(ia);
	free(ja);
	free(ar);
	free(val);
	return rc;
}
