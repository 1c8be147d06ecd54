/*
 * pattern.c - PCRE2 behind a small interface: compile once (with JIT when the
 * platform has it), match many times with one match-data block.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "engage/pattern.h"

#include <pcre2.h>
#include <stdlib.h>

struct eg_pattern {
	pcre2_code *code;     /* the compiled expression */
	pcre2_match_data *md; /* reused by every match */
	int jit;	      /* 1 when JIT compilation succeeded */
};

int eg_pattern_new(struct eg_pattern **out, const char *regex, unsigned flags, struct eg_error *err)
{
	struct eg_pattern *p;
	/*
	 * Subjects are export bytes that may hold invalid UTF-8: with
	 * PCRE2_MATCH_INVALID_UTF such bytes simply never match, instead of
	 * failing the match or reading out of bounds.
	 */
	uint32_t options = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;
	int code;
	PCRE2_SIZE offset;

	if (flags & EG_PATTERN_CASELESS)
		options |= PCRE2_CASELESS;
	if (flags & EG_PATTERN_ANCHORED)
		options |= PCRE2_ANCHORED | PCRE2_ENDANCHORED;
	p = calloc(1, sizeof(*p));
	if (!p)
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	p->code = pcre2_compile((PCRE2_SPTR)regex, PCRE2_ZERO_TERMINATED, options, &code, &offset,
				NULL);
	if (!p->code) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(code, msg, sizeof(msg));
		free(p);
		return eg_error_set(err, EG_EUSAGE, NULL, 0, (long)offset + 1,
				    "bad pattern '%s' at offset %zu: %s", regex, (size_t)offset,
				    (const char *)msg);
	}
	p->jit = pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE) == 0;
	p->md = pcre2_match_data_create_from_pattern(p->code, NULL);
	if (!p->md) {
		pcre2_code_free(p->code);
		free(p);
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	}
	*out = p;
	return EG_OK;
}

void eg_pattern_free(struct eg_pattern *p)
{
	if (!p)
		return;
	pcre2_match_data_free(p->md);
	pcre2_code_free(p->code);
	free(p);
}

int eg_pattern_match(struct eg_pattern *p, const char *s, size_t len)
{
	/* pcre2_match runs the JIT code when there is some, keeping the checks. */
	return pcre2_match(p->code, (PCRE2_SPTR)s, len, 0, 0, p->md, NULL) > 0;
}

int eg_pattern_group(const struct eg_pattern *p, unsigned i, size_t *off, size_t *len)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(p->md);

	if (i >= pcre2_get_ovector_count(p->md) || ov[2 * i] == PCRE2_UNSET)
		return 0;
	*off = ov[2 * i];
	*len = ov[2 * i + 1] - ov[2 * i];
	return 1;
}

int64_t eg_pattern_group_number(const struct eg_pattern *p, const char *s, unsigned i, int64_t dflt)
{
	size_t off, len, k;
	int64_t v = 0;

	if (!eg_pattern_group(p, i, &off, &len) || len == 0)
		return dflt;
	for (k = 0; k < len; k++)
		v = v * 10 + (s[off + k] - '0');
	return v;
}
