/* text: small in-place string helpers shared by the library's parsers. */
#ifndef PC_TEXT_H
#define PC_TEXT_H

/* Trims white space (isspace) off both ends of s in place; returns the
 * first non-space character of s (s itself when it has none). */
char *pc_text_trim(char *s);

#endif
