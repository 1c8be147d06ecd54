/*
 * source_map.c - parsing mapping files and matching them against headers.
 */
#include "engage/source_map.h"
#include "engage/path.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const eg_source_field_names[EG_SF_COUNT] = {
	"order_id", "customer_ref", "email", "created_at", "currency", "subtotal",
	"discount", "shipping", "tax", "total", "refunded", "financial_status",
	"cancelled_at", "payment_method", "discount_code", "accepts_marketing", "sku",
	"product", "quantity", "unit_price", "country",
};

static const char *const layout_names[] = {"line_items"};

void eg_source_map_free(struct eg_source_map *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < EG_SF_COUNT; i++) {
		eg_pattern_free(m->pattern[i]);
		free(m->pattern_text[i]);
	}
	eg_pattern_free(m->test);
	free(m->name);
	free(m->path);
	free(m->timezone);
	free(m);
}

/* Strips white space at both ends of s in place; returns s. */
static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int field_index(const char *name)
{
	int i;

	for (i = 0; i < EG_SF_COUNT; i++)
		if (strcmp(eg_source_field_names[i], name) == 0)
			return i;
	return -1;
}

/* Splits "FIELD = PATTERN" into its two trimmed parts; 0 when malformed. */
static int split_assignment(char *rest, char **field, char **value)
{
	char *eq = strchr(rest, '=');

	if (!eq)
		return 0;
	*eq = '\0';
	*field = trim(rest);
	*value = trim(eq + 1);
	return **field && **value;
}

static int bad(struct eg_error *err, const char *path, long line, const char *fmt, const char *arg)
{
	char msg[512];

	snprintf(msg, sizeof(msg), fmt, arg);
	return eg_error_set(err, EG_EUSAGE, path, line, 0, "%s", msg);
}

/* Handles one non-blank, non-comment line of a mapping file. */
static int parse_line(struct eg_source_map *m, char *text, const char *path, long line,
		      struct eg_error *err)
{
	char *key = text, *rest = text, *field, *value;
	int f, rc;

	while (*rest && !isspace((unsigned char)*rest))
		rest++;
	if (*rest)
		*rest++ = '\0';
	rest = trim(rest);
	if (strcmp(key, "need") == 0 || strcmp(key, "column") == 0 || strcmp(key, "test") == 0) {
		if (!split_assignment(rest, &field, &value))
			return bad(err, path, line, "expected '%s FIELD = PATTERN'", key);
		f = field_index(field);
		if (f < 0)
			return bad(err, path, line, "unknown field '%s'", field);
		if (strcmp(key, "test") == 0) {
			if (m->test)
				return bad(err, path, line, "%s", "a second 'test' line");
			m->test_field = f;
			rc = eg_pattern_new(&m->test, value, EG_PATTERN_CASELESS, err);
		} else {
			if (m->pattern[f])
				return bad(err, path, line, "field '%s' mapped twice", field);
			m->need[f] = key[0] == 'n';
			m->pattern_text[f] = strdup(value);
			if (!m->pattern_text[f])
				return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
			rc = eg_pattern_new(&m->pattern[f], value,
					    EG_PATTERN_CASELESS | EG_PATTERN_ANCHORED, err);
		}
		if (rc != EG_OK) {
			err->line = line;
			snprintf(err->file, sizeof(err->file), "%s", path);
		}
		return rc;
	}
	if (!*rest)
		return bad(err, path, line, "'%s' needs a value", key);
	if (strcmp(key, "source") == 0) {
		free(m->name);
		m->name = strdup(rest);
		return m->name ? EG_OK : eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	}
	if (strcmp(key, "layout") == 0) {
		for (f = 0; f < (int)(sizeof(layout_names) / sizeof(layout_names[0])); f++)
			if (strcmp(rest, layout_names[f]) == 0) {
				m->layout = (enum eg_layout)f;
				return EG_OK;
			}
		return bad(err, path, line, "unknown layout '%s' (known: line_items)", rest);
	}
	if (strcmp(key, "dates") == 0) {
		if (strcmp(rest, "iso") == 0)
			m->dates = EG_DATES_ISO;
		else if (strcmp(rest, "us") == 0)
			m->dates = EG_DATES_US;
		else if (strcmp(rest, "eu") == 0)
			m->dates = EG_DATES_EU;
		else
			return bad(err, path, line, "unknown date order '%s' (iso, us or eu)", rest);
		return EG_OK;
	}
	if (strcmp(key, "decimal") == 0) {
		if (strcmp(rest, ".") != 0 && strcmp(rest, ",") != 0)
			return bad(err, path, line, "decimal separator '%s' is not '.' or ','", rest);
		m->money.decimal = rest[0];
		return EG_OK;
	}
	if (strcmp(key, "thousands") == 0) {
		if (strcmp(rest, "none") == 0)
			m->money.thousands = 0;
		else if (strcmp(rest, "space") == 0)
			m->money.thousands = ' ';
		else if (strcmp(rest, ",") == 0 || strcmp(rest, ".") == 0 || strcmp(rest, "'") == 0)
			m->money.thousands = rest[0];
		else
			return bad(err, path, line, "thousands separator '%s' is not , . ' space or none",
				   rest);
		return EG_OK;
	}
	if (strcmp(key, "currency") == 0) {
		if (strlen(rest) != 3)
			return bad(err, path, line, "currency '%s' is not a 3-letter code", rest);
		strcpy(m->currency, rest);
		return EG_OK;
	}
	if (strcmp(key, "timezone") == 0) {
		free(m->timezone);
		m->timezone = strdup(rest);
		return m->timezone ? EG_OK : eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	}
	return bad(err, path, line, "unknown key '%s'", key);
}

int eg_source_map_load(struct eg_source_map **out, const char *path, struct eg_error *err)
{
	struct eg_source_map *m = calloc(1, sizeof(*m));
	FILE *fp = fopen(path, "r");
	char *buf = NULL;
	size_t cap = 0;
	long line = 0;
	int rc = EG_OK, f, needs = 0;

	if (!m || !fp) {
		rc = eg_error_set(err, EG_EIO, path, 0, 0, "unable to read '%s': %s", path,
				  m ? strerror(errno) : "out of memory");
		goto done;
	}
	m->test_field = -1;
	m->path = strdup(path);
	while (rc == EG_OK && getline(&buf, &cap, fp) >= 0) {
		char *text = trim(buf);

		line++;
		if (*text && *text != '#')
			rc = parse_line(m, text, path, line, err);
	}
	if (rc != EG_OK)
		goto done;
	for (f = 0; f < EG_SF_COUNT; f++)
		needs += m->need[f];
	if (!m->name)
		rc = bad(err, path, 0, "%s", "no 'source NAME' line");
	else if (!needs)
		rc = bad(err, path, 0, "%s", "no 'need' line: nothing identifies the source");
	else if (m->test && !m->pattern[m->test_field])
		rc = bad(err, path, 0, "the 'test' field '%s' has no column",
			 eg_source_field_names[m->test_field]);
done:
	free(buf);
	if (fp)
		fclose(fp);
	if (rc != EG_OK) {
		eg_source_map_free(m);
		return rc;
	}
	*out = m;
	return EG_OK;
}

size_t eg_source_map_bind(const struct eg_source_map *m, const char *const *names, size_t ncols,
			  long *col)
{
	size_t missing = 0, i;
	int f;

	for (f = 0; f < EG_SF_COUNT; f++) {
		col[f] = -1;
		if (!m->pattern[f])
			continue;
		for (i = 0; i < ncols && col[f] < 0; i++)
			if (eg_pattern_match(m->pattern[f], names[i], strlen(names[i])))
				col[f] = (long)i;
		missing += m->need[f] && col[f] < 0;
	}
	return missing;
}

static int by_name(const void *a, const void *b)
{
	return strcmp((*(struct eg_source_map *const *)a)->name,
		      (*(struct eg_source_map *const *)b)->name);
}

static int is_source_file(const char *name)
{
	size_t n = strlen(name);

	return n > 7 && strcmp(name + n - 7, ".source") == 0 && name[0] != '.';
}

int eg_source_set_load_dir(struct eg_source_set *set, const char *dir, struct eg_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t i;
	int rc = EG_OK;

	if (!d)
		return eg_error_set(err, EG_EIO, dir, 0, 0, "unable to read mapping folder '%s': %s",
				    dir, strerror(errno));
	while (rc == EG_OK && (e = readdir(d))) {
		struct eg_source_map *m, **maps;
		char *path;

		if (!is_source_file(e->d_name))
			continue;
		path = eg_path_join(dir, e->d_name);
		if (!path) {
			rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
			break;
		}
		rc = eg_source_map_load(&m, path, err);
		free(path);
		if (rc != EG_OK)
			break;
		for (i = 0; i < set->n; i++)
			if (strcmp(set->maps[i]->name, m->name) == 0) {
				rc = eg_error_set(err, EG_EUSAGE, m->path, 0, 0,
						  "source '%s' is also defined in '%s'", m->name,
						  set->maps[i]->path);
				break;
			}
		maps = rc == EG_OK ? realloc(set->maps, (set->n + 1) * sizeof(*maps)) : NULL;
		if (!maps) {
			if (rc == EG_OK)
				rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
			eg_source_map_free(m);
			break;
		}
		set->maps = maps;
		set->maps[set->n++] = m;
	}
	closedir(d);
	if (rc == EG_OK)
		qsort(set->maps, set->n, sizeof(*set->maps), by_name);
	return rc;
}

void eg_source_set_release(struct eg_source_set *set)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		eg_source_map_free(set->maps[i]);
	free(set->maps);
	set->maps = NULL;
	set->n = 0;
}
