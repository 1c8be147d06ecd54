/*
 * pipeline.c - reads a pipeline file into struct eg_pipeline and checks it.
 *
 * Two passes. eg_pipeline_parse looks at one line at a time and keeps words
 * as written (quotes removed, ${...} untouched), so syntax errors name their
 * line and nothing depends on variable values yet. eg_pipeline_resolve then
 * expands variables (command-line overrides already in place), looks up the
 * executables and checks how stages feed each other, all before anything
 * runs. Files are small, so arrays grow one element at a time.
 */
#include "engage/pipeline.h"
#include "engage/file_walk.h"
#include "engage/path.h"
#include "engage/strbuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *dup_n(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

static void free_words(char **words, size_t n)
{
	if (!words)
		return;
	for (size_t i = 0; i < n; i++)
		free(words[i]);
	free(words);
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int is_name_start(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static int is_name_char(char c)
{
	return is_name_start(c) || (c >= '0' && c <= '9');
}

/* 1 when s[0..n) is a variable name. */
static int is_var_name(const char *s, size_t n)
{
	if (n == 0 || !is_name_start(s[0]))
		return 0;
	for (size_t i = 1; i < n; i++)
		if (!is_name_char(s[i]))
			return 0;
	return 1;
}

static int is_stage_name(const char *s)
{
	if (!is_name_start(s[0]))
		return 0;
	for (size_t i = 1; s[i]; i++)
		if (!is_name_char(s[i]) && s[i] != '-')
			return 0;
	return 1;
}

static int oom(struct eg_pipeline *pl, long line, struct eg_error *err)
{
	return eg_error_set(err, EG_EIO, pl->file, line, 0, "out of memory");
}

/*
 * Splits s[0..n) into words (OUT: *words, *count, owned by the caller).
 * Returns 0, -1 when out of memory, or -2 on an unterminated quote; nothing
 * is allocated on failure.
 */
static int split_words(const char *s, size_t n, char ***words, size_t *count)
{
	const char *p = s, *end = s + n;
	struct eg_strbuf b = { 0 };
	char **v = NULL, **nv;
	size_t c = 0;
	int rc = -1;

	for (;;) {
		while (p < end && is_blank(*p))
			p++;
		if (p == end)
			break;
		while (p < end && !is_blank(*p)) {
			if (*p != '"') {
				if (eg_strbuf_add(&b, p++, 1))
					goto fail;
				continue;
			}
			for (p++; p < end && *p != '"'; p++) {
				if (*p == '\\' && p + 1 < end && (p[1] == '"' || p[1] == '\\'))
					p++;
				if (eg_strbuf_add(&b, p, 1))
					goto fail;
			}
			if (p == end) {
				rc = -2;
				goto fail;
			}
			p++;
		}
		nv = realloc(v, (c + 2) * sizeof(*v));
		if (!nv)
			goto fail;
		v = nv;
		v[c] = eg_strbuf_take(&b);
		if (!v[c])
			goto fail;
		v[++c] = NULL;
	}
	*words = v;
	*count = c;
	return 0;
fail:
	free(b.s);
	free_words(v, c);
	return rc;
}

static long find_var(const struct eg_pipeline *pl, const char *name, size_t n)
{
	for (size_t i = 0; i < pl->n_vars; i++)
		if (strlen(pl->vars[i].name) == n && memcmp(pl->vars[i].name, name, n) == 0)
			return (long)i;
	return -1;
}

long eg_pipeline_find_stage(const struct eg_pipeline *pl, const char *name)
{
	for (size_t i = 0; i < pl->n_stages; i++)
		if (strcmp(pl->stages[i].name, name) == 0)
			return (long)i;
	return -1;
}

void eg_pipeline_init(struct eg_pipeline *pl)
{
	memset(pl, 0, sizeof(*pl));
}

static void free_paths(struct eg_pipeline_path *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(p[i].word);
		free(p[i].path);
	}
	free(p);
}

void eg_pipeline_release(struct eg_pipeline *pl)
{
	if (!pl)
		return;
	for (size_t i = 0; i < pl->n_vars; i++) {
		free(pl->vars[i].name);
		free(pl->vars[i].value);
		free(pl->vars[i].override);
		free(pl->vars[i].expanded);
	}
	free(pl->vars);
	for (size_t i = 0; i < pl->n_stages; i++) {
		struct eg_pipeline_stage *st = &pl->stages[i];

		free(st->name);
		free_words(st->words, st->n_words);
		free_words(st->argv, st->argc);
		free(st->program);
		free(st->exe);
		free_paths(st->declared, st->n_declared);
		free_paths(st->inputs, st->n_inputs);
		free_paths(st->outputs, st->n_outputs);
	}
	free(pl->stages);
	free(pl->file);
	eg_pipeline_init(pl);
}

/* `var NAME = VALUE`; rest points after the key. */
static int parse_var(struct eg_pipeline *pl, const char *rest, const char *end, long line,
		     struct eg_error *err)
{
	const char *name = rest, *p = rest, *vend = end;
	struct eg_pipeline_var *v;
	char *value = NULL;
	size_t name_len;
	long dup;

	while (p < end && !is_blank(*p) && *p != '=')
		p++;
	name_len = (size_t)(p - name);
	while (p < end && is_blank(*p))
		p++;
	if (name_len == 0 || p == end || *p != '=')
		return eg_error_set(err, EG_EUSAGE, pl->file, line, 0,
				    "malformed variable, expected 'var NAME = VALUE'");
	if (!is_var_name(name, name_len))
		return eg_error_set(err, EG_EUSAGE, pl->file, line, 0,
				    "bad variable name '%.*s' (letters, digits and '_', "
				    "not starting with a digit)",
				    (int)name_len, name);
	dup = find_var(pl, name, name_len);
	if (dup >= 0)
		return eg_error_set(err, EG_EUSAGE, pl->file, line, 0,
				    "variable '%.*s' is already defined at line %ld", (int)name_len,
				    name, pl->vars[dup].line);
	for (p++; p < vend && is_blank(*p); p++)
		;
	while (vend > p && is_blank(vend[-1]))
		vend--;
	if (p < vend && *p == '"') {
		char **words;
		size_t n;
		int rc = split_words(p, (size_t)(vend - p), &words, &n);

		if (rc == -1)
			return oom(pl, line, err);
		if (rc == -2)
			return eg_error_set(err, EG_EUSAGE, pl->file, line, 0,
					    "unterminated quote in the value of '%.*s'",
					    (int)name_len, name);
		if (n != 1) {
			free_words(words, n);
			return eg_error_set(err, EG_EUSAGE, pl->file, line, 0,
					    "a quoted value of '%.*s' must be one word",
					    (int)name_len, name);
		}
		value = words[0];
		free(words);
	} else {
		value = dup_n(p, (size_t)(vend - p));
	}
	v = value ? realloc(pl->vars, (pl->n_vars + 1) * sizeof(*v)) : NULL;
	if (!v) {
		free(value);
		return oom(pl, line, err);
	}
	pl->vars = v;
	v = &pl->vars[pl->n_vars];
	memset(v, 0, sizeof(*v));
	v->name = dup_n(name, name_len);
	v->value = value;
	v->line = line;
	pl->n_vars++;
	return v->name ? EG_OK : oom(pl, line, err);
}

static int parse_stage(struct eg_pipeline *pl, char **words, size_t n, long line,
		       struct eg_error *err)
{
	struct eg_pipeline_stage *st;
	long dup;

	if (n != 1)
		return eg_error_set(err, EG_EUSAGE, pl->file, line, 0,
				    n ? "malformed stage, expected 'stage NAME' with one name"
				      : "malformed stage, expected 'stage NAME'");
	if (!is_stage_name(words[0]))
		return eg_error_set(err, EG_EUSAGE, pl->file, line, 0,
				    "bad stage name '%s' (letters, digits, '_' and '-', "
				    "starting with a letter or '_')",
				    words[0]);
	dup = eg_pipeline_find_stage(pl, words[0]);
	if (dup >= 0)
		return eg_error_set(err, EG_EUSAGE, pl->file, line, 0,
				    "stage '%s' is already defined at line %ld", words[0],
				    pl->stages[dup].line);
	st = realloc(pl->stages, (pl->n_stages + 1) * sizeof(*st));
	if (!st)
		return oom(pl, line, err);
	pl->stages = st;
	st = &pl->stages[pl->n_stages++];
	memset(st, 0, sizeof(*st));
	st->name = words[0];
	words[0] = NULL;
	st->line = line;
	return EG_OK;
}

/* Appends words to an `in` (if_set: `in?`) or `out` list, taking them over. */
static int add_paths(struct eg_pipeline *pl, struct eg_pipeline_path **list, size_t *count,
		     char **words, size_t n, long line, int if_set, struct eg_error *err)
{
	struct eg_pipeline_path *p = realloc(*list, (*count + n) * sizeof(*p));

	if (!p)
		return oom(pl, line, err);
	*list = p;
	for (size_t i = 0; i < n; i++) {
		p[*count].word = words[i];
		p[*count].path = NULL;
		p[*count].line = line;
		p[*count].producer = -1;
		p[*count].if_set = if_set;
		words[i] = NULL;
		(*count)++;
	}
	return EG_OK;
}

/* One `run`, `in`, `in?` or `out` line; takes over words where it keeps them. */
static int parse_key(struct eg_pipeline *pl, const char *key, char **words, size_t n, long line,
		     struct eg_error *err)
{
	struct eg_pipeline_stage *st;

	if (pl->n_stages == 0)
		return eg_error_set(err, EG_EUSAGE, pl->file, line, 0,
				    "'%s' outside a stage (put a 'stage NAME' line above it)", key);
	st = &pl->stages[pl->n_stages - 1];
	if (n == 0)
		return eg_error_set(err, EG_EUSAGE, pl->file, line, 0,
				    strcmp(key, "run") == 0 ? "'run' needs a command"
							    : "'%s' needs at least one file",
				    key);
	if (strcmp(key, "in") == 0 || strcmp(key, "in?") == 0)
		return add_paths(pl, &st->declared, &st->n_declared, words, n, line,
				 strcmp(key, "in?") == 0, err);
	if (strcmp(key, "out") == 0)
		return add_paths(pl, &st->outputs, &st->n_outputs, words, n, line, 0, err);
	if (st->run_line)
		return eg_error_set(err, EG_EUSAGE, pl->file, line, 0,
				    "stage '%s' already has a 'run' at line %ld", st->name,
				    st->run_line);
	st->words = words;
	st->n_words = n;
	st->run_line = line;
	return EG_OK;
}

static int parse_line(struct eg_pipeline *pl, const char *p, const char *end, long line,
		      struct eg_error *err)
{
	const char *key, *rest;
	char keyword[8] = "";
	char **words = NULL;
	size_t n = 0, key_len;
	int rc;

	while (p < end && is_blank(*p))
		p++;
	if (p == end || *p == '#')
		return EG_OK;
	for (key = p; p < end && !is_blank(*p); p++)
		;
	key_len = (size_t)(p - key);
	if (key_len < sizeof(keyword))
		memcpy(keyword, key, key_len);
	for (rest = p; rest < end && is_blank(*rest); rest++)
		;
	if (strcmp(keyword, "var") == 0)
		return parse_var(pl, rest, end, line, err);
	if (strcmp(keyword, "stage") && strcmp(keyword, "run") && strcmp(keyword, "in") &&
	    strcmp(keyword, "in?") && strcmp(keyword, "out"))
		return eg_error_set(err, EG_EUSAGE, pl->file, line, 0,
				    "unknown key '%.*s' (expected var, stage, run, in, in? or out)",
				    (int)(key_len > 40 ? 40 : key_len), key);
	rc = split_words(rest, (size_t)(end - rest), &words, &n);
	if (rc == -1)
		return oom(pl, line, err);
	if (rc == -2)
		return eg_error_set(err, EG_EUSAGE, pl->file, line, 0,
				    "unterminated quote in '%s' line", keyword);
	if (strcmp(keyword, "stage") == 0) {
		rc = parse_stage(pl, words, n, line, err);
		free_words(words, n);
		return rc;
	}
	rc = parse_key(pl, keyword, words, n, line, err);
	if (rc != EG_OK || strcmp(keyword, "run") != 0)
		free_words(words, n);
	return rc;
}

int eg_pipeline_parse(struct eg_pipeline *pl, const char *file, const char *text, size_t len,
		      struct eg_error *err)
{
	const char *p = text, *end = text + len;
	long line = 0;
	int rc = EG_OK;

	eg_pipeline_init(pl);
	pl->file = dup_n(file, strlen(file));
	if (!pl->file)
		return oom(pl, 0, err);
	/* A UTF-8 byte order mark, as some editors save, is not part of the first key. */
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *next = eol ? eol + 1 : end;

		if (!eol)
			eol = end;
		line++;
		if (memchr(p, '\0', (size_t)(eol - p))) {
			rc = eg_error_set(err, EG_EUSAGE, pl->file, line, 0,
					  "line holds a NUL byte (not a text file?)");
			goto fail;
		}
		if (eol > p && eol[-1] == '\r')
			eol--;
		rc = parse_line(pl, p, eol, line, err);
		if (rc != EG_OK)
			goto fail;
		p = next;
	}
	for (size_t i = 0; i < pl->n_stages; i++) {
		if (!pl->stages[i].run_line) {
			rc = eg_error_set(err, EG_EUSAGE, pl->file, pl->stages[i].line, 0,
					  "stage '%s' has no 'run' line", pl->stages[i].name);
			goto fail;
		}
	}
	return EG_OK;
fail:
	eg_pipeline_release(pl);
	return rc;
}

int eg_pipeline_read(struct eg_pipeline *pl, const char *path, struct eg_error *err)
{
	struct eg_strbuf b = { 0 };
	int rc;

	eg_pipeline_init(pl);
	rc = eg_strbuf_read_file(&b, path, (size_t)16 << 20, err);
	if (rc == EG_OK)
		rc = eg_pipeline_parse(pl, path, b.s ? b.s : "", b.len, err);
	eg_strbuf_release(&b);
	return rc;
}

int eg_pipeline_set_var(struct eg_pipeline *pl, const char *name, const char *value,
			struct eg_error *err)
{
	long i = find_var(pl, name, strlen(name));
	struct eg_strbuf names = { 0 };
	char *copy;

	if (i < 0) {
		for (size_t k = 0; k < pl->n_vars; k++) {
			if ((k && eg_strbuf_add(&names, ", ", 2)) ||
			    eg_strbuf_add(&names, pl->vars[k].name, strlen(pl->vars[k].name))) {
				free(names.s);
				return oom(pl, 0, err);
			}
		}
		eg_error_set(err, EG_EUSAGE, pl->file, 0, 0,
			     "no variable '%s' to set; the file defines %s", name,
			     names.s ? names.s : "none");
		free(names.s);
		return EG_EUSAGE;
	}
	copy = dup_n(value, strlen(value));
	if (!copy)
		return oom(pl, 0, err);
	free(pl->vars[i].override);
	pl->vars[i].override = copy;
	pl->resolved = 0;
	return EG_OK;
}

/* Frees what eg_pipeline_resolve fills, keeping the parsed file. */
static void unresolve(struct eg_pipeline *pl)
{
	for (size_t i = 0; i < pl->n_vars; i++) {
		free(pl->vars[i].expanded);
		pl->vars[i].expanded = NULL;
		pl->vars[i].visiting = 0;
	}
	for (size_t i = 0; i < pl->n_stages; i++) {
		struct eg_pipeline_stage *st = &pl->stages[i];

		free_words(st->argv, st->argc);
		st->argv = NULL;
		st->argc = 0;
		free(st->program);
		st->program = NULL;
		free(st->exe);
		st->exe = NULL;
		for (size_t k = 0; k < st->n_declared; k++) {
			free(st->declared[k].path);
			st->declared[k].path = NULL;
		}
		free_paths(st->inputs, st->n_inputs);
		st->inputs = NULL;
		st->n_inputs = 0;
		for (size_t k = 0; k < st->n_outputs; k++) {
			free(st->outputs[k].path);
			st->outputs[k].path = NULL;
			st->outputs[k].producer = -1;
		}
	}
	pl->resolved = 0;
}

static int expand_var(struct eg_pipeline *pl, size_t i, long line, struct eg_error *err);

/* Expands ${name} in text written on line (OUT: *out, owned by the caller). */
static int expand(struct eg_pipeline *pl, const char *text, long line, char **out,
		  struct eg_error *err)
{
	struct eg_strbuf b = { 0 };
	const char *p = text;
	int rc;

	while (*p) {
		const char *dollar = strstr(p, "${");
		const char *name, *close;
		long v;

		if (!dollar)
			dollar = p + strlen(p);
		if (eg_strbuf_add(&b, p, (size_t)(dollar - p)))
			goto nomem;
		if (!*dollar)
			break;
		name = dollar + 2;
		close = strchr(name, '}');
		if (!close) {
			rc = eg_error_set(err, EG_EUSAGE, pl->file, line, 0,
					  "unterminated '${' in '%s'", text);
			goto fail;
		}
		if (!is_var_name(name, (size_t)(close - name))) {
			rc = eg_error_set(err, EG_EUSAGE, pl->file, line, 0,
					  "bad variable reference '%.*s'",
					  (int)(close - dollar + 1), dollar);
			goto fail;
		}
		v = find_var(pl, name, (size_t)(close - name));
		if (v < 0) {
			rc = eg_error_set(err, EG_EUSAGE, pl->file, line, 0,
					  "undefined variable '%.*s'", (int)(close - name), name);
			goto fail;
		}
		rc = expand_var(pl, (size_t)v, line, err);
		if (rc != EG_OK)
			goto fail;
		if (eg_strbuf_add(&b, pl->vars[v].expanded, strlen(pl->vars[v].expanded)))
			goto nomem;
		p = close + 1;
	}
	*out = eg_strbuf_take(&b);
	if (!*out)
		return oom(pl, line, err);
	return EG_OK;
nomem:
	rc = oom(pl, line, err);
fail:
	free(b.s);
	return rc;
}

/* Fills vars[i].expanded; line is where the reference to it was written. */
static int expand_var(struct eg_pipeline *pl, size_t i, long line, struct eg_error *err)
{
	struct eg_pipeline_var *v = &pl->vars[i];
	int rc;

	if (v->expanded)
		return EG_OK;
	if (v->override) {
		v->expanded = dup_n(v->override, strlen(v->override));
		return v->expanded ? EG_OK : oom(pl, line, err);
	}
	if (v->visiting)
		return eg_error_set(err, EG_EUSAGE, pl->file, line, 0,
				    "variable '%s' is defined in terms of itself", v->name);
	v->visiting = 1;
	rc = expand(pl, v->value, v->line, &v->expanded, err);
	v->visiting = 0;
	return rc;
}

/*
 * Returns path with repeated '/', "." parts and a trailing '/' removed, so
 * "out//x/./y/" and "out/x/y" compare equal; NULL when out of memory. ".."
 * is kept: without the disk, "a/../b" need not be "b".
 */
static char *normalize(const char *path)
{
	size_t n = strlen(path);
	char *r = malloc(n + 2), *w = r;
	const char *p = path;

	if (!r)
		return NULL;
	if (*p == '/')
		*w++ = '/';
	while (*p) {
		const char *part;
		size_t len;

		while (*p == '/')
			p++;
		for (part = p; *p && *p != '/'; p++)
			;
		len = (size_t)(p - part);
		if (len == 0 || (len == 1 && part[0] == '.'))
			continue;
		if (w > r && w[-1] != '/')
			*w++ = '/';
		memcpy(w, part, len);
		w += len;
	}
	if (w == r)
		*w++ = '.';
	*w = '\0';
	return r;
}

/* 1 when output (normalized) is input or a folder above it. */
static int covers(const char *output, const char *input)
{
	size_t n = strlen(output);

	if (strncmp(output, input, n) != 0)
		return 0;
	return input[n] == '\0' || input[n] == '/' || (n == 1 && output[0] == '/');
}

static int expand_paths(struct eg_pipeline *pl, struct eg_pipeline_path *p, size_t n,
			const char *key, struct eg_error *err)
{
	for (size_t i = 0; i < n; i++) {
		int rc = expand(pl, p[i].word, p[i].line, &p[i].path, err);

		if (rc != EG_OK)
			return rc;
		if (!p[i].path[0] && !p[i].if_set)
			return eg_error_set(err, EG_EUSAGE, pl->file, p[i].line, 0,
					    "'%s' word '%s' expands to an empty path", key,
					    p[i].word);
	}
	return EG_OK;
}

/* Appends input path (copied) for the `in` word d to st's inputs. */
static int add_input(struct eg_pipeline *pl, struct eg_pipeline_stage *st,
		     const struct eg_pipeline_path *d, const char *path, struct eg_error *err)
{
	struct eg_pipeline_path *p = realloc(st->inputs, (st->n_inputs + 1) * sizeof(*p));

	if (!p)
		return oom(pl, d->line, err);
	st->inputs = p;
	p += st->n_inputs;
	p->word = strdup(d->word);
	p->path = strdup(path);
	p->line = d->line;
	p->producer = -1;
	st->n_inputs++;
	return p->word && p->path ? EG_OK : oom(pl, d->line, err);
}

/*
 * Makes st's input files from its expanded `in` words: a word with a
 * pattern (*, ?, [...]) gives the files it stands for (file_walk.h: the
 * regular files it matches and those under the folders it matches, in
 * byte order), and must give one; any other word gives itself.
 */
static int list_inputs(struct eg_pipeline *pl, struct eg_pipeline_stage *st, struct eg_error *err)
{
	int rc = EG_OK;

	for (size_t i = 0; i < st->n_declared && rc == EG_OK; i++) {
		const struct eg_pipeline_path *d = &st->declared[i];
		struct eg_file_list files = { 0 };
		struct eg_error walk_err;

		if (d->if_set && !d->path[0])
			continue; /* an `in?` word left empty: no input */
		if (!eg_path_has_pattern(d->path)) {
			rc = add_input(pl, st, d, d->path, err);
			continue;
		}
		rc = eg_file_walk_pattern(&files, d->path, &walk_err);
		if (rc != EG_OK)
			rc = eg_error_set(err, rc, pl->file, d->line, 0, "input '%s': %s", d->path,
					  walk_err.message);
		for (size_t k = 0; k < files.n && rc == EG_OK; k++)
			rc = add_input(pl, st, d, files.paths[k], err);
		if (rc == EG_OK && files.n == 0)
			rc = eg_error_set(err, EG_EUSAGE, pl->file, d->line, 0,
					  "input '%s' matches no file", d->path);
		eg_file_list_release(&files);
	}
	return rc;
}

/* Expands the command and finds the executable of stage st. */
static int resolve_command(struct eg_pipeline *pl, struct eg_pipeline_stage *st,
			   const char *bin_dir, struct eg_error *err)
{
	struct stat sb;
	const char *word;
	int rc;

	st->argv = calloc(st->n_words + 1, sizeof(*st->argv));
	if (!st->argv)
		return oom(pl, st->run_line, err);
	for (; st->argc < st->n_words; st->argc++) {
		rc = expand(pl, st->words[st->argc], st->run_line, &st->argv[st->argc], err);
		if (rc != EG_OK)
			return rc;
	}
	word = st->argv[0];
	if (!word[0])
		return eg_error_set(err, EG_EUSAGE, pl->file, st->run_line, 0,
				    "the command of stage '%s' is empty", st->name);
	if (strchr(word, '/')) {
		st->exe = dup_n(word, strlen(word));
	} else {
		size_t n = strlen(bin_dir) + strlen(word) + 2;

		st->exe = malloc(n);
		if (st->exe)
			snprintf(st->exe, n, "%s/%s", bin_dir, word);
	}
	if (!st->exe)
		return oom(pl, st->run_line, err);
	if (stat(st->exe, &sb) != 0) {
		if (strchr(word, '/'))
			return eg_error_set(err, EG_EUSAGE, pl->file, st->run_line, 0,
					    "executable '%s' does not exist", word);
		return eg_error_set(err, EG_EUSAGE, pl->file, st->run_line, 0,
				    "executable '%s' does not exist in '%s'", word, bin_dir);
	}
	if (!S_ISREG(sb.st_mode) || access(st->exe, X_OK) != 0)
		return eg_error_set(err, EG_EUSAGE, pl->file, st->run_line, 0,
				    "'%s' is not an executable file", st->exe);
	st->program = st->argv[0];
	st->argv[0] = dup_n(st->exe, strlen(st->exe));
	return st->argv[0] ? EG_OK : oom(pl, st->run_line, err);
}

/* Checks that no output is declared twice. */
static int check_outputs(struct eg_pipeline *pl, struct eg_error *err)
{
	for (size_t i = 0; i < pl->n_stages; i++) {
		for (size_t k = 0; k < pl->stages[i].n_outputs; k++) {
			struct eg_pipeline_path *o = &pl->stages[i].outputs[k];
			char *norm = normalize(o->path);

			if (!norm)
				return oom(pl, o->line, err);
			o->producer = (long)i;
			for (size_t j = 0; j <= i; j++) {
				const struct eg_pipeline_stage *sj = &pl->stages[j];
				size_t end = j == i ? k : sj->n_outputs;

				for (size_t m = 0; m < end; m++) {
					char *other = normalize(sj->outputs[m].path);
					int same = other && strcmp(other, norm) == 0;

					free(other);
					if (!other) {
						free(norm);
						return oom(pl, o->line, err);
					}
					if (same) {
						free(norm);
						return eg_error_set(
							err, EG_EUSAGE, pl->file, o->line, 0,
							"output '%s' is already declared by stage "
							"'%s' at line %ld",
							o->path, sj->name, sj->outputs[m].line);
					}
				}
			}
			free(norm);
		}
	}
	return EG_OK;
}

/* Finds the stage that makes input (normalized): OUT *stage, *line; -1 when none. */
static int find_producer(const struct eg_pipeline *pl, const char *input, long *stage, long *line)
{
	*stage = -1;
	for (size_t j = 0; j < pl->n_stages; j++) {
		for (size_t m = 0; m < pl->stages[j].n_outputs; m++) {
			char *out = normalize(pl->stages[j].outputs[m].path);
			int hit;

			if (!out)
				return -1;
			hit = covers(out, input);
			free(out);
			if (hit) {
				*stage = (long)j;
				*line = pl->stages[j].outputs[m].line;
				return 0;
			}
		}
	}
	return 0;
}

/* Checks that each input comes from an earlier stage or is an existing file. */
static int check_inputs(struct eg_pipeline *pl, struct eg_error *err)
{
	for (size_t i = 0; i < pl->n_stages; i++) {
		struct eg_pipeline_stage *st = &pl->stages[i];

		for (size_t k = 0; k < st->n_inputs; k++) {
			struct eg_pipeline_path *in = &st->inputs[k];
			char *norm = normalize(in->path);
			long j = -1, line = 0;
			struct stat sb;
			int rc = norm ? find_producer(pl, norm, &j, &line) : -1;

			free(norm);
			if (rc)
				return oom(pl, in->line, err);
			if (j == (long)i)
				return eg_error_set(err, EG_EUSAGE, pl->file, in->line, 0,
						    "input '%s' is an output of the same stage "
						    "'%s' (line %ld), a cycle",
						    in->path, st->name, line);
			if (j > (long)i)
				return eg_error_set(err, EG_EUSAGE, pl->file, in->line, 0,
						    "input '%s' is an output of the later stage "
						    "'%s' (line %ld); stages run in file order",
						    in->path, pl->stages[j].name, line);
			if (j < 0 && stat(in->path, &sb) != 0)
				return eg_error_set(err, EG_EUSAGE, pl->file, in->line, 0,
						    "input '%s' does not exist and no earlier "
						    "stage outputs it",
						    in->path);
			if (j < 0 && !S_ISREG(sb.st_mode))
				return eg_error_set(err, EG_EUSAGE, pl->file, in->line, 0,
						    "input '%s' is %s; 'in' and 'out' name "
						    "files only",
						    in->path,
						    S_ISDIR(sb.st_mode) ? "a folder, not a file"
									: "not a regular file");
			in->producer = j;
		}
	}
	return EG_OK;
}

int eg_pipeline_resolve(struct eg_pipeline *pl, const char *bin_dir, struct eg_error *err)
{
	int rc = EG_OK;

	unresolve(pl);
	if (!bin_dir)
		bin_dir = ".";
	for (size_t i = 0; i < pl->n_vars && rc == EG_OK; i++)
		rc = expand_var(pl, i, pl->vars[i].line, err);
	for (size_t i = 0; i < pl->n_stages && rc == EG_OK; i++) {
		struct eg_pipeline_stage *st = &pl->stages[i];

		rc = resolve_command(pl, st, bin_dir, err);
		if (rc == EG_OK)
			rc = expand_paths(pl, st->declared, st->n_declared, "in", err);
		if (rc == EG_OK)
			rc = list_inputs(pl, st, err);
		if (rc == EG_OK)
			rc = expand_paths(pl, st->outputs, st->n_outputs, "out", err);
	}
	if (rc == EG_OK)
		rc = check_outputs(pl, err);
	if (rc == EG_OK)
		rc = check_inputs(pl, err);
	if (rc != EG_OK) {
		unresolve(pl);
		return rc;
	}
	pl->resolved = 1;
	return EG_OK;
}

const char *eg_pipeline_var_value(const struct eg_pipeline *pl, const char *name)
{
	long i;

	if (!pl->resolved)
		return NULL;
	i = find_var(pl, name, strlen(name));
	return i < 0 ? NULL : pl->vars[i].expanded;
}
