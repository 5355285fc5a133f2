/* erlang_a: the call-centre figures of M/M/c and M/M/c+M (Erlang C and Erlang A) and staffing to targets. */
#ifndef PROMOCAP_ERLANG_A_H
#define PROMOCAP_ERLANG_A_H

/*
 * Callers arrive as a Poisson process of rate lambda, c agents answer
 * with exponential talk times of rate mu, the queue is FIFO; with theta > 0
 * each waiting caller hangs up after an exponential patience of mean
 * 1 / theta (M/M/c+M, Erlang A, Palm 1946; Garnett, Mandelbaum and Reiman
 * 2002), with theta = 0 nobody hangs up (M/M/c, Erlang C).  Time units are
 * the caller's (lambda, mu, theta and t only have to agree).
 *
 * Erlang A is computed from its birth-death chain: the states up to c
 * through the Erlang B recursion (1 / B = sum_{n<=c} pi_n / pi_c), the
 * states above c as products lambda / (c mu + j theta) summed in log space,
 * so nothing overflows for thousands of agents.  A caller who finds j
 * callers waiting is answered with probability c mu / (c mu + (j + 1)
 * theta), after a wait that is the sum of exponentials of rates
 * c mu + i theta, i = 1 .. j + 1, whose distribution function is the
 * regularised incomplete beta I_x(j + 1, c mu / theta + 1) at
 * x = 1 - exp(-theta t).  Cost O(c + J), J the waiting callers that carry
 * any probability.
 */

/* The figures a workforce planner reads, as shares in [0, 1] and times
 * in the caller's unit. */
typedef struct pc_erlang_a_kpi {
	double service_level; /* share of all callers answered within t (a
			       * caller who hangs up is not answered) */
	double p_wait;        /* share of callers who find every agent busy */
	double asa;           /* average speed of answer: mean wait of the
			       * answered callers (0 for those not waiting) */
	double abandon;       /* share of callers who hang up before an answer */
	double occupancy;     /* share of agent time talking: answered load / c */
} pc_erlang_a_kpi;

/* The figures for c agents answering within t.  theta = 0 is Erlang C and
 * needs c > lambda / mu (a stable queue); c may then be fractional (the
 * continuous extension of pc_erlang_c_real).  theta > 0 is Erlang A, stable
 * for any c >= 1, and needs a whole c.  (c > a means c - a > 1e-9 c, so
 * that a c equal to the load up to rounding counts as unstable.)  Needs lambda, mu > 0, theta >= 0,
 * t >= 0, all finite.  Returns 0, PC_EINPUT out of domain (k untouched), or
 * PC_ERUN / PC_ENOMEM from the real-c integration. */
int pc_erlang_a_eval(double lambda, double mu, double theta, double c, double t, pc_erlang_a_kpi *k);

/* Targets for pc_erlang_a_staff; a limit that is not wanted is set to its
 * neutral value. */
typedef struct pc_erlang_a_goal {
	double t;             /* answered within t ... */
	double level;         /* ... for at least this share, in [0, 1); 0: no target */
	double max_occupancy; /* occupancy at most this, in (0, 1]; 1: no limit */
	double max_abandon;   /* abandonment at most this, in [0, 1]; 1: no limit */
} pc_erlang_a_goal;

/* The smallest whole number of agents c in [1, max_c] meeting every target
 * of goal (with theta = 0 the queue must also be stable), written to *c
 * with its figures in *k.  The figures are monotone in c, so O(log)
 * evaluations suffice.  Returns 0; 1 when no c <= max_c meets the goal (*c and *k
 * untouched); PC_EINPUT for arguments out of domain.  The search gallops
 * from the load a = lambda / mu (up, or down for Erlang A when a agents
 * already meet the goal) and then bisects. */
int pc_erlang_a_staff(double lambda, double mu, double theta, const pc_erlang_a_goal *goal, int max_c,
		      int *c, pc_erlang_a_kpi *k);

#endif
