/* suggest: "did you mean" for mistyped names (keys, sections, shifts, distributions, units), by edit distance. */
#ifndef PC_SUGGEST_H
#define PC_SUGGEST_H

#include <stddef.h>

/* The edit distance of a and b, ignoring case: insertions, deletions,
 * substitutions and swaps of two neighbouring characters (optimal string
 * alignment), counted up to 64 characters of each (longer names are
 * compared on their first 64). */
size_t pc_suggest_distance(const char *a, const char *b);

/* A search for the candidate nearest to word: init, offer every candidate,
 * then read best.  The strings are borrowed; they must outlive the search. */
typedef struct pc_suggest {
	const char *word;
	const char *best; /* the nearest candidate close enough, or NULL */
	size_t dist;
} pc_suggest;

void pc_suggest_init(pc_suggest *s, const char *word);

/* Offers a candidate: kept when nearer than any before and close enough to
 * be a typing mistake (at most 1 edit for names of up to 4 characters, 2 up
 * to 8, then 3); the first of equals wins. */
void pc_suggest_offer(pc_suggest *s, const char *candidate);

/* Writes " (did you mean 'BEST'?)" into buf of size n, or "" when nothing was
 * close enough; returns buf, for a message's last %s. */
const char *pc_suggest_hint(const pc_suggest *s, char *buf, size_t n);

/* The duration unit meant by a spelled-out unit ("minutes", "mins", "hr",
 * "days", "seconds", ...; any case), one of s, min, h, d, or NULL. */
const char *pc_suggest_unit(const char *unit, size_t len);

#endif
