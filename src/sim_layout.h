/* sim_layout: the sizes of the simulator's private records, shared with the memory estimate so that the two cannot drift apart. */
#ifndef PC_SIM_LAYOUT_H
#define PC_SIM_LAYOUT_H

/* One refund or after-sales case (sim.c's item: one cache line). */
#define PC_SIM_ITEM_BYTES 64
/* One entry of a deadline queue: time, item, epoch. */
#define PC_SIM_DEADLINE_BYTES 16
/* The deadline queues: seller-response timeout, protection period. */
#define PC_SIM_DEADLINE_QUEUES 3
/* Width of the calendar's buckets, seconds. */
#define PC_SIM_BUCKET_SECONDS 600.0

#endif
