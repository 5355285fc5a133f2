/* demand: when a buyer asks, from the life of the order (dispatch, delivery,
 * confirmation), the goods' state at that moment, the refund entry's gate
 * and the buyers' hours (MODEL.md, Demand).  The simulator draws with it;
 * it knows nothing of queues or staff. */
#ifndef PROMOCAP_DEMAND_H
#define PROMOCAP_DEMAND_H

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "promocap/scenario.h"

/* What the demand needs beyond the scenario: lookup tables built once. */
typedef struct pc_demand {
	const pc_scenario *sc;
	gsl_ran_discrete_t *state;  /* the goods' state when the buyer decides */
	gsl_ran_discrete_t *hour;   /* request hours; NULL with request_hours none */
	gsl_ran_discrete_t *reopen; /* hour j after the entry opens, for held requests */
	unsigned char *gated;       /* [sales_days]: its orders wait for entry_opens */
	double cum[25];             /* request_hours: share of a day's requests before hour h */
} pc_demand;

/* One request as the buyer makes it. */
typedef struct pc_ask {
	double t;        /* seconds from sales_start */
	double dispatch; /* when the goods leave the warehouse */
	double delivered; /* when they reach the buyer */
	int path;        /* pc_path, from the goods' state at t */
} pc_ask;

/* Builds the tables for sc (borrowed; it must outlive d).  Returns 0 or
 * PC_ENOMEM (d then holds nothing to release). */
int pc_demand_init(pc_demand *d, const pc_scenario *sc);

/* Frees the tables.  NULL-safe, and safe on a zeroed d. */
void pc_demand_release(pc_demand *d);

/* The refund request of an order placed at order, with goods_state timing:
 * dispatch and delivery from [goods]; the state the buyer decides in from
 * goods_state, the moment within it from that state's delay (held below
 * the state's end); then the entry's gate and the buyers' hours; the path
 * follows the goods' state at the final moment (after delivery:
 * received_no_return by no_return, else return).  A fixed number of draws
 * from g whatever the outcome: 8 (dispatch, delivery, state, delay, hour
 * and its minute, reopening hour and its minute), then one for no_return;
 * the distributions' samplers may take more uniforms. */
void pc_demand_refund(const pc_demand *d, double order, gsl_rng *g, pc_ask *a);

/* An after-sales claim (售后维权) of an order placed at order: after the
 * automatic confirmation (confirm_after from dispatch), claim_delay
 * later (from the later of the confirmation and the delivery), at the
 * buyers' hours; path received_no_return by claim_no_return, else return. */
void pc_demand_claim(const pc_demand *d, double order, gsl_rng *g, pc_ask *a);

/* Moves time t to an hour of its own day drawn from request_hours (the
 * same day, or the next when that hour is before not_before), so the hours
 * of the day follow the profile; with request_hours none, t.  Two draws
 * from g. */
double pc_demand_hour(const pc_demand *d, double t, double not_before, gsl_rng *g);

/* When a buyer acts whose hazard is rate per second on average, modulated
 * over the day by request_hours (rate * 24 * share of the hour), from start
 * on, for a unit exponential draw e: the t with the integrated hazard from
 * start to t equal to e.  Without request hours, start + e / rate.  Used for
 * escalations, so they follow the buyers' hours without a day's delay. */
double pc_demand_hazard_time(const pc_demand *d, double start, double e, double rate);

/* The hours buyers ask at as a share of the day, hour h (request_hours,
 * or the orders' hourly_share with request_hours none). */
double pc_demand_hour_share(const pc_demand *d, int h);

#endif
