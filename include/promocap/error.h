/* error: the caller-owned error record every library function fills on failure. */
#ifndef PROMOCAP_ERROR_H
#define PROMOCAP_ERROR_H

/* Return codes of library functions: 0 on success, one of these on failure. */
enum {
	PC_OK = 0,
	PC_ERUN = -1,   /* the run itself failed (conservation broken, ...) */
	PC_EINPUT = -2, /* bad scenario, bad CSV, bad option value */
	PC_ENOMEM = -3, /* out of memory */
	PC_EIO = -4,    /* a file could not be read or written */
	PC_ESTOP = -5   /* stopped on request (a replication left unfinished) */
};

/* Where and what went wrong.  file is empty when the error is not tied to a
 * file; line is 0 when it is tied to a file but not to one line. */
typedef struct pc_error {
	char file[1024];
	int line;
	char msg[1024];
} pc_error;

/* Clears the record (no error). */
void pc_error_clear(pc_error *err);

/* Fills the record, printf style; keeps the first error if one is already set,
 * so the first cause is the one reported.  Control characters and
 * invalid UTF-8 in the message (from quoted values) become '?'.  err may be NULL. */
void pc_error_set(pc_error *err, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Makes text safe to show on a terminal, in place: C0 and C1 control
 * characters (U+0000..U+001F, U+007F, U+0080..U+009F) and bytes that are
 * not valid UTF-8 become '?' each; the text can only shrink. */
void pc_text_sanitize(char *text);

/* Formats the record as "file:line: message" (or "file: message", or
 * "message") into buf of size n; returns buf. */
const char *pc_error_format(const pc_error *err, char *buf, unsigned long n);

#endif
