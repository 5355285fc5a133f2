/* text: small in-place string helpers shared by the library's parsers. */
#include "text.h"

#include <ctype.h>
#include <string.h>

char *pc_text_trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}
