/* mmc: the M/M/c queue run on the engine kernel, for the benchmark and the tests. */
#ifndef PC_MMC_H
#define PC_MMC_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "promocap/error.h"

/* One run of M/M/c: Poisson arrivals of rate lambda, c servers with
 * exponential service of rate mu, one FIFO queue, starting empty.  Exactly
 * customers arrivals are generated, then the system drains (the run goes on
 * until the event list is empty), so every customer gets a wait. */
typedef struct pc_mmc_config {
	double lambda;           /* arrival rate (per time unit) */
	double mu;               /* service rate of one server */
	int servers;             /* c >= 1 */
	uint64_t customers;      /* arrivals generated, >= 1 */
	uint64_t warmup;         /* the first warmup customers are not measured;
				  * < customers */
	unsigned long seed;      /* the run's seed */
	unsigned long replication; /* replication number, mixed into the seed */
	const gsl_rng_type *rng; /* generator type; NULL means gsl_rng_taus2 */
} pc_mmc_config;

/* What a run measured.  "Measured customers" are those after the warm-up;
 * the measurement window for time averages runs from the arrival of the
 * first measured customer to the arrival of the last customer (so it holds
 * neither the empty start nor the drain). */
typedef struct pc_mmc_stats {
	uint64_t arrived;      /* customers who arrived (= config.customers) */
	uint64_t served;       /* customers who left (= arrived after the drain) */
	uint64_t measured;     /* customers whose waits are counted */
	uint64_t waited;       /* measured customers with wait > 1e-9 */
	double wait_sum;       /* sum of the measured waits */
	double wait_max;       /* longest measured wait */
	double mean_wait;      /* wait_sum / measured: the estimate of Wq */
	double p_wait;         /* waited / measured: the estimate of C(a, c) */

	/* Time averages over the window [window_start, window_end]. */
	double window_start;
	double window_end;
	uint64_t window_arrivals; /* arrivals inside the window, both ends
				   * counted once: measured customers */
	double queue_area;     /* integral of the number waiting */
	double busy_area;      /* integral of the number of busy servers
				* (from pc_resource) */
	double mean_queue;     /* queue_area / window length: Lq */
	double utilisation;    /* busy_area / (c * window length): rho */

	/* Conservation, checked at window_end (the last arrival): arrived =
	 * departed + waiting + in service. */
	uint64_t end_arrived, end_departed, end_waiting, end_in_service;

	double t_end;          /* time the last customer left */
	uint64_t events;       /* logical events: arrivals + starts + departures */
	uint64_t calendar_events; /* events popped from the calendar */
	size_t max_queue;      /* longest queue seen */
} pc_mmc_stats;

/* Runs one replication.  The arrival and service streams are two separate
 * generators of type config->rng, seeded from (seed, replication, stream)
 * through a 64-bit mixing function, so replications are independent and
 * the same config gives the same stats, bit for bit.  Memory: the calendar
 * holds at most c + 1 events and the queue grows by doubling, so no
 * allocation happens per event once the queue has reached its longest.
 * Returns 0; PC_EINPUT (with err filled) for a bad config; PC_ENOMEM; or
 * PC_ERUN if conservation fails at the end. */
int pc_mmc_run(const pc_mmc_config *config, pc_mmc_stats *stats, pc_error *err);

/* The seed of stream number stream of replication replication of a run
 * seeded with seed (splitmix64 of the three, folded to 32 bits since GSL's
 * generators take 32-bit seeds), never 0. */
unsigned long pc_mmc_stream_seed(unsigned long seed, unsigned long replication, unsigned stream);

#endif
