/* evlog: what the simulator records for the event log (promocap/events.h)
 * and the hooks it calls, each only when a log is attached (sim->ev), so
 * a run without --events pays one predictable branch per hook and no
 * memory.  Records go into arrays that double when full: no file and no
 * allocation per event in the steady state. */
#ifndef PC_EVLOG_H
#define PC_EVLOG_H

#include <stddef.h>
#include <stdint.h>

#include "promocap/events.h"

/* A refund request as scheduled from its order at the start of the run
 * (orders-based demand): when it comes, its order, and the order's goods
 * (NaN when the scenario has no goods_state timing). */
typedef struct pc_ev_ask {
	double t, order, dispatch, delivered;
} pc_ev_ask;

/* A refund request as it arrived and what became of it. */
typedef struct pc_ev_refund {
	double t;          /* request */
	double end;        /* ended (refunded or closed); NaN while open */
	double shipped;    /* path 4: the buyer shipped the goods back; NaN */
	double warehouse;  /* path 4: the return reached the warehouse; NaN */
	double amount;     /* path 3: the amount asked; 0 otherwise */
	uint8_t path0, path, reason, how, state, flags;
} pc_ev_refund;

/* flags */
/* SELLER: escalated, and the platform judges the seller responsible (the
 * dispute refund rate's cases) */
enum { PC_EVF_ESCALATED = 1, PC_EVF_CLAIM = 2, PC_EVF_REJECTED = 4, PC_EVF_AUTO = 8, PC_EVF_SELLER = 16 };
/* how: finished on its path (refunded), or END_* of sim_internal.h */
#define PC_EV_FINISHED 0xff

/* One agent task on a refund: start, end, its refund (record index). */
typedef struct pc_ev_work {
	double start, end;
	uint32_t refund;
	uint8_t task;
} pc_ev_work;

struct pc_events {
	pc_ev_ask *ask;
	size_t nask, cap_ask;
	pc_ev_refund *ref;
	size_t nref, cap_ref;
	pc_ev_work *work;
	size_t nwork, cap_work;
	uint32_t *of;     /* item slot -> its refund record, UINT32_MAX: none */
	size_t cap_of;
	int nomem;        /* a record could not be kept: the run fails */
	long orders;      /* orders written by the last pc_events_write */
	int gbk;          /* write the files in GBK (pc_events_set_gbk) */
};

struct pc_sim;
struct item;

void pc_ev_ask_add(pc_events *ev, double t, double order, double dispatch, double delivered);
void pc_ev_arrive(pc_events *ev, uint32_t id, double now, int path0, int reason, double asked, int claim);
/* The refund in slot id: its record, or NULL (not a refund). */
pc_ev_refund *pc_ev_of(pc_events *ev, uint32_t id);
void pc_ev_work_add(pc_events *ev, uint32_t id, int task, double start, double end);

#endif
