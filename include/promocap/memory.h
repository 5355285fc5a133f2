/* memory: the memory a run of a scenario needs, estimated before it starts,
 * so that a run too large for the machine is refused with a message instead
 * of being killed by the system halfway; and the SIZE syntax of limits. */
#ifndef PROMOCAP_MEMORY_H
#define PROMOCAP_MEMORY_H

#include <stddef.h>

#include "promocap/scenario.h"

/* The estimate and what it is made of.  Counts and bytes are doubles, so a
 * scenario of any size (GMV 1e11, AOV 0.01) gives a figure, never an
 * overflow. */
typedef struct pc_memory {
	double refunds;      /* expected refund requests in one replication */
	double after_sales;  /* expected other after-sales cases */
	double requests;     /* both, plus 5 standard deviations of the Poisson counts,
			      * plus a carry-in's refunds (promocap/carry.h) */
	int nintervals;      /* rows of the time series */
	int threads;         /* simulators at work at once, each with its own pools */
	int reps;            /* replications whose figures are held until the tables are written */
	double per_thread;   /* bytes of one simulator at its peak */
	double per_rep;      /* bytes of one replication's figures */
	double base;         /* bytes of the program and the scenario */
	double kept;         /* bytes of requests kept across runs (pc_memory_add_kept) */
	double total;        /* base + threads * per_thread + reps * per_rep + kept */
} pc_memory;

/* Estimates the peak memory of pc_run(sc, seed, reps, threads): threads <= 0
 * means one per core, as pc_run does; threads above reps count as reps.
 * The simulator's share assumes every request of the replication may be
 * open at once (zero staff, or every refund waiting for its return), so
 * the estimate is meant to be at or above what a run measures. */
void pc_memory_estimate(const pc_scenario *sc, int reps, int threads, pc_memory *m);

/* Adds to m the requests of reps replications kept across runs
 * (promocap/sim.h: pc_requests_kept, the planner's screening
 * replications): with orders-based demand, every request of each, at 16
 * bytes. */
void pc_memory_add_kept(const pc_scenario *sc, int reps, pc_memory *m);

/* Reads a size: a number of bytes, or a number with a binary unit K, M, G
 * or T (also KB/KiB, ...; case ignored): "8G", "512M", "1.5GiB",
 * "1000000".  Returns 0 with *bytes set, or PC_EINPUT for anything else
 * (no unit known, not a number, 0 or less, above 1 PiB). */
int pc_memory_parse_size(const char *text, double *bytes);

/* Writes bytes for a person: "512 KiB", "1.5 MiB", "11.7 GiB" (the largest
 * binary unit that keeps the number >= 1, three significant digits). */
void pc_memory_format_size(double bytes, char *buf, size_t n);

/* Asks the kernel for huge pages (2 MiB) over the whole pages of the large
 * block p of n bytes: where transparent huge pages are on request
 * (madvise), a block touched slot by slot, in order (the item pool) or at
 * random (fit's hash tables), then takes one page fault and one TLB entry
 * per 2 MiB instead of per 4 KiB.  Only advice: nothing changes where it is
 * not available. */
void pc_memory_huge_pages(void *p, size_t n);

/* An array of its own pages, for one that grows by doubling while it is
 * used (the deadline rings): pc_memory_map gives n bytes of zeroes (huge
 * pages asked for), pc_memory_remap moves an array of old bytes to n
 * bytes without copying it (mremap: its pages keep their memory, the new
 * ones are touched when used), pc_memory_unmap gives it back.  glibc's
 * realloc copies a block below its mmap threshold, which rises once a
 * large block is freed, so doubling by realloc touched every page again.
 * NULL when the memory is not there (the array is unchanged); where
 * mremap is missing, malloc, realloc and free. */
void *pc_memory_map(size_t n);
void *pc_memory_remap(void *p, size_t old, size_t n);
void pc_memory_unmap(void *p, size_t n);

#endif
