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
	pc_text_sanitize(err->msg);
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when it is not
 * one (a stray continuation byte, an overlong form, a surrogate, a cut-off
 * sequence, above U+10FFFF). */
static int utf8_length(const unsigned char *s)
{
	unsigned c = s[0];
	int n;
	unsigned cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2, cp = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3, cp = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
		return 0;
	return n;
}

void pc_text_sanitize(char *text)
{
	unsigned char *r = (unsigned char *)text, *w = r;

	while (*r) {
		int n = utf8_length(r);

		if (n == 0 || *r < 0x20 || *r == 0x7f || (n == 2 && r[0] == 0xC2 && r[1] < 0xA0)) {
			/* C0 and C1 controls (U+0080..U+009F, e.g. CSI), DEL and
			 * bytes that are not UTF-8: one '?' each. */
			*w++ = '?';
			r += n ? n : 1;
			continue;
		}
		while (n--)
			*w++ = *r++;
	}
	*w = '\0';
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
