/*
 * retail_copies.c - the "10x Online Retail" input of make bench: the UCI
 * Online Retail CSV (../shared/data, decompressed) written N times one
 * after the other under one header, copy k (from 0) with its invoice
 * numbers raised by k x 1,000,000 (C536379 becomes C1536379 in copy 1) and
 * its customer ids by k x 100,000 (17850 becomes 117850), so that the
 * copies share no invoice and no customer. Dates, products, quantities and
 * prices are unchanged: every month holds N times the orders, customers
 * and revenue of the original. Copy 0 is the original, byte for byte.
 *
 * The file's layout is the one ../shared/data/README.md describes: one
 * record a line (no line break inside a field), InvoiceNo the first field
 * (never quoted), CustomerID the second-to-last and Country the last
 * (neither ever quoted nor holding a comma), so only the first field and
 * the last two need finding.
 *
 *   retail_copies IN_CSV N OUT_CSV
 *
 * Writes OUT_CSV.tmp and renames it when complete. Exit 0 on success, 1
 * when a line is not of that layout, 2 on a usage error, 3 on an I/O error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

/* Writes the number s[0..n) (digits after at most one letter) plus add;
 * -1 when s is not such a number. */
static int shifted(FILE *out, const char *s, size_t n, long add)
{
	size_t i = n && (s[0] < '0' || s[0] > '9');

	if (n - i > 15 || !all_digits(s + i, n - i))
		return -1;
	if (i)
		fputc(s[0], out);
	fprintf(out, "%ld", strtol(s + i, NULL, 10) + add);
	return 0;
}

int main(int argc, char **argv)
{
	FILE *in, *out;
	char *data, *tmp, *body, *end, *line;
	long size, copies, k, lineno;
	char *stop;

	if (argc != 4 || (copies = strtol(argv[2], &stop, 10)) < 1 || *stop || copies > 1000) {
		fputs("usage: retail_copies IN_CSV N OUT_CSV\n", stderr);
		return 2;
	}
	in = fopen(argv[1], "rb");
	if (!in || fseek(in, 0, SEEK_END) != 0 || (size = ftell(in)) < 0 ||
	    fseek(in, 0, SEEK_SET) != 0) {
		fprintf(stderr, "retail_copies: unable to read '%s': %s\n", argv[1], strerror(errno));
		return 3;
	}
	data = malloc((size_t)size + 1);
	tmp = malloc(strlen(argv[3]) + 5);
	if (!data || !tmp || fread(data, 1, (size_t)size, in) != (size_t)size) {
		fprintf(stderr, "retail_copies: unable to read '%s'\n", argv[1]);
		return 3;
	}
	fclose(in);
	data[size] = '\0';
	if (size == 0 || data[size - 1] != '\n') {
		fprintf(stderr, "retail_copies: '%s' does not end with a line break\n", argv[1]);
		return 1;
	}
	body = strchr(data, '\n') + 1;
	sprintf(tmp, "%s.tmp", argv[3]);
	out = fopen(tmp, "wb");
	if (!out) {
		fprintf(stderr, "retail_copies: unable to create '%s': %s\n", tmp, strerror(errno));
		return 3;
	}
	setvbuf(out, NULL, _IOFBF, 1 << 20);
	fwrite(data, 1, (size_t)(body - data), out);
	for (k = 0; k < copies; k++) {
		lineno = 1;
		for (line = body; line < data + size; line = end + 1) {
			char *c1, *last, *prev;

			end = memchr(line, '\n', (size_t)(data + size - line));
			lineno++;
			c1 = memchr(line, ',', (size_t)(end - line));
			for (last = end; last > line && last[-1] != ','; last--)
				;
			for (prev = last - 1; prev > line && prev[-1] != ','; prev--)
				;
			if (k == 0) {
				fwrite(line, 1, (size_t)(end + 1 - line), out);
				continue;
			}
			if (!c1 || last <= line || prev <= c1 ||
			    shifted(out, line, (size_t)(c1 - line), k * 1000000L) != 0) {
				fprintf(stderr, "retail_copies: %s:%ld: not an Online Retail line\n",
					argv[1], lineno);
				fclose(out);
				remove(tmp);
				return 1;
			}
			/* prev .. last-1 is "CustomerID,"; last .. end is Country. */
			fwrite(c1, 1, (size_t)(prev - c1), out);
			if (last - 1 == prev ||
			    shifted(out, prev, (size_t)(last - 1 - prev), k * 100000L) != 0)
				fwrite(prev, 1, (size_t)(last - 1 - prev), out);
			fwrite(last - 1, 1, (size_t)(end + 1 - (last - 1)), out);
		}
	}
	if (fclose(out) != 0 || rename(tmp, argv[3]) != 0) {
		fprintf(stderr, "retail_copies: unable to write '%s': %s\n", argv[3], strerror(errno));
		remove(tmp);
		return 3;
	}
	free(data);
	free(tmp);
	return 0;
}
