/*
 * phone.c - phone numbers as customer keys (see phone.h for the rule).
 */
#include "engage/phone.h"

#include <string.h>

#define MIN_DIGITS 7
#define MAX_DIGITS 15

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Characters that only separate digit groups. */
static int is_separator(char c)
{
	return is_space(c) || c == '-' || c == '.' || c == '/' || c == '(' || c == ')';
}

size_t eg_phone_key(const char *s, size_t len, char out[EG_PHONE_SIZE])
{
	size_t i = 0, n = 0, k;
	int international = 0, same = 1;

	out[0] = '\0';
	while (i < len && is_space(s[i]))
		i++;
	if (i < len && s[i] == '\'')
		i++;
	while (i < len && is_separator(s[i]) && s[i] != ')')
		i++;
	if (i < len && s[i] == '+') {
		international = 1;
		i++;
	} else if (i + 1 < len && s[i] == '0' && s[i + 1] == '0') {
		international = 1;
		i += 2;
	}
	if (international)
		out[n++] = '+';
	for (; i < len; i++) {
		char c = s[i];

		/* "+44 (0)20 ...": the national trunk prefix is not dialled from abroad. */
		if (international && n > 1 && c == '(' && i + 2 < len && s[i + 1] == '0' &&
		    s[i + 2] == ')') {
			i += 2;
			continue;
		}
		if (is_separator(c))
			continue;
		if (c < '0' || c > '9' || n == EG_PHONE_SIZE - 1)
			goto unusable;
		out[n++] = c;
	}
	out[n] = '\0';
	k = (size_t)international;
	for (i = k + 1; i < n; i++)
		same = same && out[i] == out[k];
	if (n - k < MIN_DIGITS || n - k > MAX_DIGITS || same)
		goto unusable;
	return n;
unusable:
	out[0] = '\0';
	return 0;
}
