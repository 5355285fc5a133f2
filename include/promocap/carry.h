/* carry: the refunds already open when a run starts part way through the
 * promotion (the carry-in backlog of promocap replan), handed to the
 * simulator with the stage each waits in and its real request time. */
#ifndef PROMOCAP_CARRY_H
#define PROMOCAP_CARRY_H

#include <stddef.h>
#include <stdint.h>

/* One open refund at the run's start.  Times are seconds from the
 * scenario's start (00:00 of sales_start), as every time of a run. */
typedef struct pc_carry_item {
	double t_request; /* when the buyer asked, at or before the start (one
			   * before the scenario's start counts from 0 but for
			   * the platform's deadlines) */
	double t_stage;   /* when it entered its stage (agreed, shipped,
			   * reached the warehouse); NaN: unknown (the
			   * request is taken for the agreement, the start
			   * for the others) */
	double t_shipped; /* in PC_ST_INSPECT: when the buyer shipped it
			   * back; NaN: unknown (t_stage is used) */
	uint8_t path;     /* pc_path at the request */
	uint8_t state;    /* pc_state it waits in at the start: PC_ST_AGENT,
			   * PC_ST_COURIER, PC_ST_SUPERVISOR, PC_ST_BUYER,
			   * PC_ST_TRANSIT or PC_ST_INSPECT (PC_ST_PAYOUT is
			   * taken as PC_ST_INSPECT) */
	uint8_t escalated; /* the platform has stepped in (小二介入) */
	uint8_t claim;     /* an after-sales claim (售后) */
	uint8_t refused;   /* rejected by the shop, still open (卖家拒绝退款):
			    * its buyer asks again (state: PC_ST_AGENT) */
} pc_carry_item;

/* The initial state of a run: it starts at start with the open refunds
 * item[0..n-1] (sorted by t_request, all at or before start).  A run with
 * a carry-in simulates no request before start: those are the actuals.
 *
 * What the simulator does with each item at start (docs/model.md, "Re-plan
 * from the actuals"): its durations are drawn as for a new refund of its
 * path; the seller-response timeout and the protection period count from
 * t_request (one already past fires at start); the remaining wait of its
 * stage is the rest of a wait that has lasted since its stage began
 * (pc_dist_sample_residual: the courier's since t_request, the buyer's
 * since the agreement, the transit's since t_stage, a whole one when that
 * is unknown); one waiting for an agent draws the buyer's cancellation
 * (given none so far) and the shop's rejection as a new request; the
 * not-shipped timeout counts from the agreement (t_stage, else
 * t_request; for a return approved by the seller-response timeout, from
 * that timeout) and the receipt timeout from the shipping (t_stage in
 * transit, t_shipped else t_stage at the warehouse, start when unknown),
 * one already past firing at start; an escalated one is handled
 * by an agent at start and ruled as the scenario says, but counts in
 * neither the run's escalations nor its disputes (they happened before).
 * One the shop rejected, open and not escalated, has a buyer who did not
 * give up nor escalate at the rejection: they ask again after the rest of
 * ask_again_after since the request (the rejection's time is not in the
 * exports), waiting for the buyer meanwhile, and the next handling agrees.
 * A refund-only request already past the handling target (acted on
 * within, [sla] refund_only_handled) is left out of that KPI: a miss of the
 * past no plan can change; its first response counts, late or not.
 * Its figures count by the day of its request as every refund's; the days
 * before the start's day are past and cleared once the run ends (the
 * run's totals keep them). */
typedef struct pc_carry {
	double start;
	size_t n;
	const pc_carry_item *item;
} pc_carry;

#endif
