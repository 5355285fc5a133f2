/* calendar: the event list, a 4-ary min-heap of (time, seq) in one array. */
#ifndef PC_CALENDAR_H
#define PC_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

/* One scheduled event.  Events are ordered by time, then by seq, the
 * insertion counter, so events at the same time come out first in, first out
 * and a run reproduces exactly.  a and b are the caller's payload (an event
 * kind and an entity index, say); the calendar never looks at them. */
typedef struct pc_event {
	double time;
	uint64_t seq;
	uint32_t a;
	uint32_t b;
} pc_event;

typedef struct pc_calendar {
	pc_event *heap; /* heap[0] is the earliest event */
	size_t n;       /* events held */
	size_t cap;     /* slots allocated */
	uint64_t seq;   /* next insertion counter */
} pc_calendar;

/* Prepares an empty calendar with room for cap_hint events (at least 16).
 * Returns 0, or PC_ENOMEM. */
int pc_calendar_init(pc_calendar *cal, size_t cap_hint);

/* Frees the heap; the calendar may be initialised again.  NULL-safe. */
void pc_calendar_release(pc_calendar *cal);

/* Empties the calendar and resets the insertion counter, keeping its memory. */
void pc_calendar_clear(pc_calendar *cal);

/* Schedules an event.  The array grows by doubling when full, so there is no
 * allocation per event once the calendar has reached its working size.
 * Returns 0, or PC_ENOMEM (the calendar is then unchanged). */
int pc_calendar_push(pc_calendar *cal, double time, uint32_t a, uint32_t b);

/* Removes the earliest event into *ev.  Returns 1, or 0 when empty. */
int pc_calendar_pop(pc_calendar *cal, pc_event *ev);

/* The earliest event without removing it, or NULL when empty. */
static inline const pc_event *pc_calendar_peek(const pc_calendar *cal)
{
	return cal->n ? &cal->heap[0] : NULL;
}

#endif
