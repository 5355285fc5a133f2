/* error: filling and formatting the caller-owned error record. */
#include "promocap/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void pc_error_clear(pc_error *err)
{
	if (!err)
		return;
	err->file[0] = '\0';
	err->line = 0;
	err->msg[0] = '\0';
}

void pc_error_set(pc_error *err, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	if (!err || err->msg[0])
		return;
	snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	err->line = line;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	/* A message quotes values from files: a control character in one
	 * (an escape sequence, a carriage return) must not act on the
	 * terminal that shows it. */
	for (char *p = err->msg; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
}

const char *pc_error_format(const pc_error *err, char *buf, unsigned long n)
{
	if (err->file[0] && err->line > 0)
		snprintf(buf, n, "%s:%d: %s", err->file, err->line, err->msg);
	else if (err->file[0])
		snprintf(buf, n, "%s: %s", err->file, err->msg);
	else
		snprintf(buf, n, "%s", err->msg);
	return buf;
}
