/* events: the event log of one replication in the seller back end's export
 * format (orders, refunds, the agents' work log), for `promocap run
 * --events` and as test data for `promocap fit`.  The simulator records
 * into memory only (no file is touched during a run); the files are
 * written once the replication has ended. */
#ifndef PROMOCAP_EVENTS_H
#define PROMOCAP_EVENTS_H

#include <stdint.h>

#include "promocap/error.h"
#include "promocap/scenario.h"
#include "promocap/sim.h"

typedef struct pc_events pc_events;

/* An empty log.  NULL when out of memory. */
pc_events *pc_events_new(void);

/* Frees the log.  NULL-safe. */
void pc_events_free(pc_events *ev);

/* Makes sim record into ev (NULL: stop recording) from its next run on. */
void pc_sim_set_events(pc_sim *sim, pc_events *ev);

/* Whether sc can be logged: its requests come from orders (gmv, aov and
 * the daily shares), not from an arrival curve of requests.  0, or
 * PC_EINPUT with err filled. */
int pc_events_check(const pc_scenario *sc, pc_error *err);

/* Runs replication r of sc with the random streams of seed (the same
 * figures as pc_run's replication r) recording its events into ev.
 * Returns 0, or an error code with err filled. */
int pc_events_record(const pc_scenario *sc, uint64_t seed, int r, pc_events *ev, pc_error *err);

/* Writes PREFIX_orders.csv, PREFIX_refunds.csv and PREFIX_work.csv
 * (agent, case, start, end, task, 岗位) from the log of sc's replication
 * (seed, r: the orders that asked for nothing are drawn from their own
 * stream of that seed).  Chinese headers, UTF-8 (or GBK:
 * pc_events_set_gbk), times "YYYY-MM-DD HH:MM:SS".
 * Returns 0, or PC_EIO / PC_ENOMEM with err filled. */
int pc_events_write(pc_events *ev, const pc_scenario *sc, uint64_t seed, int r, const char *prefix,
		    pc_error *err);

/* gbk 1: pc_events_write writes the files in GBK, as a seller back end
 * exports them for Excel (each file written in UTF-8, then converted with
 * iconv in blocks into a temporary renamed into place); 0 (the default):
 * UTF-8. */
void pc_events_set_gbk(pc_events *ev, int gbk);

/* Counts of the last log: refunds, orders (after pc_events_write), work
 * log rows. */
void pc_events_counts(const pc_events *ev, long *refunds, long *orders, long *work);

#endif
