/*
 * pattern.h - compiled regular expressions (PCRE2), made once and reused.
 *
 * A pattern is compiled once per run, JIT-compiled where the platform allows,
 * and owns one match-data block that every match reuses, so matching a row
 * allocates nothing. Only this module includes <pcre2.h>.
 */
#ifndef ENGAGE_PATTERN_H
#define ENGAGE_PATTERN_H

#include <stddef.h>
#include <stdint.h>

#include "engage/error.h"

/* Compile flags. */
enum {
	EG_PATTERN_CASELESS = 1 << 0, /* letters match either case */
	EG_PATTERN_ANCHORED = 1 << 1, /* the whole subject must match */
};

struct eg_pattern;

/*
 * Compiles regex (UTF-8) with flags into *out, owned by the caller (free with
 * eg_pattern_free). A bad regex is a usage error naming the offset.
 */
int eg_pattern_new(struct eg_pattern **out, const char *regex, unsigned flags,
		   struct eg_error *err);

/* Frees a pattern. NULL is a no-op. */
void eg_pattern_free(struct eg_pattern *p);

/*
 * Matches len bytes at s. Returns 1 on a match, 0 on none. The groups of the
 * last match stay readable with eg_pattern_group until the next match.
 */
int eg_pattern_match(struct eg_pattern *p, const char *s, size_t len);

/*
 * Stores the offset and length of group i (0 = whole match) of the last
 * successful match in *off and *len. Returns 0 when the group did not take
 * part in the match.
 */
int eg_pattern_group(const struct eg_pattern *p, unsigned i, size_t *off, size_t *len);

/*
 * Group i of the last successful match read as a decimal number (its bytes
 * in s, which must be the matched subject and all digits), or dflt when the
 * group did not take part or is empty.
 */
int64_t eg_pattern_group_number(const struct eg_pattern *p, const char *s, unsigned i,
				int64_t dflt);

#endif
