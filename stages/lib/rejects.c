/*
 * rejects.c - the rejects file of a stage.
 */
#include "engage/rejects.h"
#include "engage/personal_data.h"
#include "engage/text_bytes.h"
#include "engage/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int eg_rejects_open(struct eg_rejects *r, const char *dir, struct eg_manifest *m,
		    struct eg_error *err)
{
	static const char *const header[] = { "source_file", "source_line", "reason",
					      "message",     "original",    NULL };

	r->m = m;
	r->pseudonym = NULL;
	r->emails = NULL;
	r->plain = NULL;
	r->nplain = 0;
	return eg_table_output_open(&r->out, dir, "rejects.csv", header, err);
}

/*
 * Writes len bytes at s to w as one field, each byte that is not part of
 * valid UTF-8 (and each NUL) as the four characters \xNN, so the file stays
 * text a spreadsheet opens. EG_EIO on out of memory.
 */
static int write_text(struct eg_csv_writer *w, const char *s, size_t len)
{
	struct eg_strbuf b = { 0 };
	char hex[5];
	size_t at;
	int ok = 1;

	if (eg_text_bytes_check(s, len, &at) == EG_BYTES_OK) {
		eg_csv_write_field(w, s, len);
		return EG_OK;
	}
	do {
		snprintf(hex, sizeof(hex), "\\x%02X", (unsigned char)s[at]);
		ok = eg_strbuf_add(&b, s, at) == EG_OK && eg_strbuf_add(&b, hex, 4) == EG_OK;
		s += at + 1;
		len -= at + 1;
	} while (ok && eg_text_bytes_check(s, len, &at) != EG_BYTES_OK);
	ok = ok && eg_strbuf_add(&b, s, len) == EG_OK;
	if (ok)
		eg_csv_write_field(w, b.s, b.len);
	eg_strbuf_release(&b);
	return ok ? EG_OK : EG_EIO;
}

int eg_rejects_add(struct eg_rejects *r, const struct eg_csv_reader *reader,
		   const char *source_file, const char *source_line, const char *reason,
		   const char *message)
{
	struct eg_csv_writer line;
	struct eg_strbuf scrubbed = { 0 };
	FILE *mem;
	size_t i, n, len;
	char *text = NULL;
	size_t text_len = 0;
	int whole, found = 0;

	/* The original row, re-encoded as one CSV line. */
	mem = open_memstream(&text, &text_len);
	if (!mem)
		return EG_EIO;
	eg_csv_writer_init(&line, mem);
	n = eg_csv_reader_nfields(reader);
	/*
	 * Under a key, only a row as wide as its header (spreadsheet padding of
	 * empty cells past it aside) has cells known by their column.
	 */
	whole = n >= eg_csv_reader_ncolumns(reader);
	for (i = eg_csv_reader_ncolumns(reader); whole && i < n; i++) {
		eg_csv_reader_field(reader, (long)i, &len);
		whole = len == 0;
	}
	for (i = 0; i < n && found >= 0; i++) {
		const char *f = eg_csv_reader_field(reader, (long)i, &len);
		char pseudo[EG_PSEUDONYM_SIZE];

		if (r->pseudonym && len) {
			if (!whole || i >= r->nplain || !r->plain[i]) {
				f = memchr(f, '@', len) ? eg_pseudonym_email(r->pseudonym, f, len, pseudo)
							: eg_pseudonym_text(r->pseudonym, f, len, pseudo);
				len = strlen(f);
			} else if ((found = eg_personal_scrub(r->emails, r->pseudonym, f, len,
							      &scrubbed)) > 0) {
				f = scrubbed.s;
				len = scrubbed.len;
			}
		}
		eg_csv_write_field(&line, f, len);
	}
	eg_csv_writer_flush(&line);
	if (fclose(mem) != 0 || found < 0) {
		eg_strbuf_release(&scrubbed);
		free(text);
		return EG_EIO;
	}
	/* The message may quote a value: its emails go as pseudonyms too. */
	if (r->pseudonym) {
		found = eg_personal_scrub(r->emails, r->pseudonym, message, strlen(message),
					  &scrubbed);
		if (found < 0) {
			eg_strbuf_release(&scrubbed);
			free(text);
			return EG_EIO;
		}
		if (found)
			message = scrubbed.s;
	}
	if (source_file) {
		eg_csv_write_str(&r->out.w, source_file);
		eg_csv_write_str(&r->out.w, source_line);
	} else {
		eg_csv_write_str(&r->out.w, eg_csv_reader_path(reader));
		eg_csv_write_int(&r->out.w, eg_csv_reader_line(reader));
	}
	eg_csv_write_str(&r->out.w, reason);
	eg_csv_write_str(&r->out.w, message);
	eg_strbuf_release(&scrubbed);
	if (write_text(&r->out.w, text, text_len) != EG_OK) {
		free(text);
		return EG_EIO;
	}
	eg_table_output_end_row(&r->out);
	free(text);
	return eg_manifest_reject(r->m, eg_csv_reader_path(reader), reason);
}

int eg_rejects_set_pseudonym(struct eg_rejects *r, const struct eg_pseudonym *p,
			     struct eg_error *err)
{
	int rc = r->emails ? EG_OK : eg_personal_email_pattern(&r->emails, err);

	if (rc == EG_OK)
		r->pseudonym = p;
	return rc;
}

void eg_rejects_set_plain(struct eg_rejects *r, const unsigned char *plain, size_t n)
{
	r->plain = plain;
	r->nplain = plain ? n : 0;
}

int eg_rejects_commit(struct eg_rejects *r, struct eg_error *err)
{
	eg_pattern_free(r->emails);
	r->emails = NULL;
	return eg_table_output_commit(&r->out, err);
}

void eg_rejects_abort(struct eg_rejects *r)
{
	eg_pattern_free(r->emails);
	r->emails = NULL;
	eg_table_output_abort(&r->out);
}
