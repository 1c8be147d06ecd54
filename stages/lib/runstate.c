/*
 * runstate.c - the state file of `engage run`: reading, writing, and the
 * up-to-date check of one stage against it.
 *
 * State files are small (a few lines per stage), so the whole text is read
 * into memory and parsed line by line, and arrays grow one element at a
 * time. Each line is split into fields on single spaces and every field
 * unescaped before it is looked at, so a path with spaces or newlines
 * round-trips. A check reads a file only when its size and modification time
 * differ from the record, and then only when the size is the same (a new
 * size is a change without reading a byte).
 */
#include "engage/runstate.h"
#include "engage/strbuf.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "engage/atomic_file.h"

/* First line of every state file. */
#define MAGIC "engage-state 1"

/* Appends s as one field: escaped, "\e" when empty. */
static int buf_field(struct eg_strbuf *b, const char *s)
{
	if (!*s)
		return eg_strbuf_str(b, "\\e");
	for (; *s; s++) {
		const char *esc = NULL;

		switch (*s) {
		case '\\': esc = "\\\\"; break;
		case ' ': esc = "\\s"; break;
		case '\t': esc = "\\t"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		default: break;
		}
		if (esc ? eg_strbuf_str(b, esc) : eg_strbuf_add(b, s, 1))
			return -1;
	}
	return 0;
}

static void free_words(char **w, size_t n)
{
	if (!w)
		return;
	for (size_t i = 0; i < n; i++)
		free(w[i]);
	free(w);
}

static void free_files(struct eg_runstate_file *f, size_t n)
{
	if (!f)
		return;
	for (size_t i = 0; i < n; i++)
		free(f[i].path);
	free(f);
}

/* Frees what rec owns, not rec itself. */
static void record_clear(struct eg_runstate_record *rec)
{
	free(rec->stage);
	free_words(rec->command, rec->n_command);
	free_files(rec->inputs, rec->n_inputs);
	free_files(rec->outputs, rec->n_outputs);
	memset(rec, 0, sizeof(*rec));
}

void eg_runstate_record_free(struct eg_runstate_record *rec)
{
	if (!rec)
		return;
	record_clear(rec);
	free(rec);
}

void eg_runstate_init(struct eg_runstate *s)
{
	memset(s, 0, sizeof(*s));
}

void eg_runstate_release(struct eg_runstate *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_records; i++)
		record_clear(&s->records[i]);
	free(s->records);
	eg_runstate_init(s);
}

static struct eg_runstate_record *find_record(const struct eg_runstate *s, const char *stage)
{
	for (size_t i = 0; i < s->n_records; i++)
		if (strcmp(s->records[i].stage, stage) == 0)
			return &s->records[i];
	return NULL;
}

const struct eg_runstate_record *eg_runstate_find(const struct eg_runstate *s, const char *stage)
{
	return find_record(s, stage);
}

/* Appends an empty file entry to a list; NULL when out of memory. */
static struct eg_runstate_file *add_file(struct eg_runstate_file **list, size_t *n)
{
	struct eg_runstate_file *p = realloc(*list, (*n + 1) * sizeof(*p));

	if (!p)
		return NULL;
	*list = p;
	p = &p[(*n)++];
	memset(p, 0, sizeof(*p));
	return p;
}

/* Parsing. */

/*
 * Splits one line (s[0..n), no newline) into unescaped fields (OUT: *fields,
 * *count, owned). Returns 0, -1 when out of memory, or -2 on a bad escape
 * (OUT: *bad, the escape's offset).
 */
static int split_fields(const char *s, size_t n, char ***fields, size_t *count, size_t *bad)
{
	char **v = NULL, **nv;
	size_t c = 0, i = 0;

	*fields = NULL;
	*count = 0;
	while (i <= n) {
		size_t start = i;
		struct eg_strbuf b = { 0 };

		while (i < n && s[i] != ' ')
			i++;
		if (i - start == 2 && s[start] == '\\' && s[start + 1] == 'e') {
			b.s = calloc(1, 1);
			if (!b.s)
				goto nomem;
		} else {
			for (size_t k = start; k < i; k++) {
				char ch = s[k];

				if (ch == '\\') {
					char e = k + 1 < i ? s[k + 1] : '\0';

					ch = e == '\\'	? '\\'
					     : e == 's' ? ' '
					     : e == 't' ? '\t'
					     : e == 'n' ? '\n'
					     : e == 'r' ? '\r'
							: '\0';
					if (!ch) {
						free(b.s);
						free_words(v, c);
						*bad = k;
						return -2;
					}
					k++;
				}
				if (eg_strbuf_add(&b, &ch, 1)) {
					free(b.s);
					goto nomem;
				}
			}
			if (!b.s && !(b.s = calloc(1, 1)))
				goto nomem;
		}
		nv = realloc(v, (c + 1) * sizeof(*v));
		if (!nv) {
			free(b.s);
			goto nomem;
		}
		v = nv;
		v[c++] = b.s;
		i++;
	}
	*fields = v;
	*count = c;
	return 0;
nomem:
	free_words(v, c);
	return -1;
}

/* Reads a decimal int64 in [min, INT64_MAX] from s; 1 on success. */
static int parse_int(const char *s, int64_t min, int64_t *out)
{
	char *end;
	long long v;

	if (!*s || (*s != '-' && (*s < '0' || *s > '9')))
		return 0;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < min)
		return 0;
	*out = v;
	return 1;
}

/* One non-blank, non-comment line after the first. */
static int parse_line(struct eg_runstate *s, const char *name, long line, char **f, size_t n,
		      struct eg_error *err)
{
	struct eg_runstate_record *rec = s->n_records ? &s->records[s->n_records - 1] : NULL;
	const char *key = f[0];

	if (strcmp(key, "stage") == 0) {
		struct eg_runstate_record *r;

		if (n != 2 || !f[1][0])
			return eg_error_set(err, EG_EDATA, name, line, 0, "expected 'stage NAME'");
		if (find_record(s, f[1]))
			return eg_error_set(err, EG_EDATA, name, line, 0,
					    "stage '%s' is recorded twice", f[1]);
		r = realloc(s->records, (s->n_records + 1) * sizeof(*r));
		if (!r)
			return eg_error_set(err, EG_EIO, name, line, 0, "out of memory");
		s->records = r;
		r = &r[s->n_records++];
		memset(r, 0, sizeof(*r));
		r->stage = f[1];
		f[1] = NULL;
		return EG_OK;
	}
	if (strcmp(key, "run") && strcmp(key, "in") && strcmp(key, "out"))
		return eg_error_set(err, EG_EDATA, name, line, 0,
				    "unknown key '%.40s' (expected stage, run, in or out)", key);
	if (!rec)
		return eg_error_set(err, EG_EDATA, name, line, 0, "'%s' before any 'stage'", key);
	if (strcmp(key, "run") == 0) {
		if (rec->command)
			return eg_error_set(err, EG_EDATA, name, line, 0,
					    "stage '%s' has a second 'run'", rec->stage);
		rec->command = calloc(n, sizeof(*rec->command));
		if (!rec->command)
			return eg_error_set(err, EG_EIO, name, line, 0, "out of memory");
		for (size_t i = 1; i < n; i++) {
			rec->command[i - 1] = f[i];
			f[i] = NULL;
		}
		rec->n_command = n - 1;
		return EG_OK;
	} else {
		int is_in = strcmp(key, "in") == 0;
		struct eg_runstate_file tmp = { 0 }, *file;

		if (n != 5 || !f[4][0])
			return eg_error_set(err, EG_EDATA, name, line, 0,
					    "expected '%s SIZE MTIME_NS HASH PATH'", key);
		if (!parse_int(f[1], 0, &tmp.size))
			return eg_error_set(err, EG_EDATA, name, line, 0, "bad size '%.40s'", f[1]);
		if (!parse_int(f[2], -1, &tmp.mtime_ns))
			return eg_error_set(err, EG_EDATA, name, line, 0,
					    "bad modification time '%.40s'", f[2]);
		if (!eg_content_hash_parse(f[3], strlen(f[3]), &tmp.hash))
			return eg_error_set(err, EG_EDATA, name, line, 0,
					    "bad hash '%.40s' (expected 32 hex digits)", f[3]);
		file = is_in ? add_file(&rec->inputs, &rec->n_inputs)
			     : add_file(&rec->outputs, &rec->n_outputs);
		if (!file)
			return eg_error_set(err, EG_EIO, name, line, 0, "out of memory");
		*file = tmp;
		file->path = f[4];
		f[4] = NULL;
		return EG_OK;
	}
}

int eg_runstate_parse(struct eg_runstate *s, const char *name, const char *text, size_t len,
		      struct eg_error *err)
{
	const char *p = text, *end = text + len;
	int seen_magic = 0, rc = EG_OK;
	long line = 0;

	eg_runstate_init(s);
	while (p < end && rc == EG_OK) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *next = eol ? eol + 1 : end;
		char **f = NULL;
		size_t n = 0, bad = 0;
		int split;

		if (!eol)
			eol = end;
		line++;
		if (eol == p || *p == '#') {
			p = next;
			continue;
		}
		if (!seen_magic) {
			if ((size_t)(eol - p) != strlen(MAGIC) || memcmp(p, MAGIC, strlen(MAGIC)))
				rc = eg_error_set(err, EG_EDATA, name, line, 0,
						  "not an engage state file of version 1 "
						  "(expected '%s')",
						  MAGIC);
			seen_magic = 1;
			p = next;
			continue;
		}
		if (memchr(p, '\0', (size_t)(eol - p))) {
			rc = eg_error_set(err, EG_EDATA, name, line, 0, "line holds a NUL byte");
			break;
		}
		split = split_fields(p, (size_t)(eol - p), &f, &n, &bad);
		if (split == -1)
			rc = eg_error_set(err, EG_EIO, name, line, 0, "out of memory");
		else if (split == -2)
			rc = eg_error_set(err, EG_EDATA, name, line, (long)bad + 1,
					  "bad escape (expected \\\\, \\s, \\t, \\n, \\r or \\e)");
		else
			rc = parse_line(s, name, line, f, n, err);
		free_words(f, n);
		p = next;
	}
	for (size_t i = 0; rc == EG_OK && i < s->n_records; i++)
		if (!s->records[i].command)
			rc = eg_error_set(err, EG_EDATA, name, 0, 0, "stage '%s' has no 'run' line",
					  s->records[i].stage);
	if (rc != EG_OK)
		eg_runstate_release(s);
	s->dirty = 0;
	return rc;
}

int eg_runstate_read(struct eg_runstate *s, const char *path, struct eg_error *err)
{
	struct eg_strbuf b = { 0 };
	int rc;

	eg_runstate_init(s);
	/* No state file yet: nothing ran, which is no error. */
	if (access(path, F_OK) != 0 && errno == ENOENT)
		return EG_OK;
	rc = eg_strbuf_read_file(&b, path, (size_t)1 << 30, err);
	if (rc == EG_OK)
		rc = eg_runstate_parse(s, path, b.s ? b.s : "", b.len, err);
	eg_strbuf_release(&b);
	return rc;
}

/* Writing. */

static int format_file(struct eg_strbuf *b, const char *key, const struct eg_runstate_file *f)
{
	char nums[64];

	snprintf(nums, sizeof(nums), " %" PRId64 " %" PRId64 " ", f->size, f->mtime_ns);
	return eg_strbuf_str(b, key) || eg_strbuf_str(b, nums) || eg_strbuf_str(b, f->hash.hex) ||
	       eg_strbuf_str(b, " ") || buf_field(b, f->path) || eg_strbuf_str(b, "\n");
}

char *eg_runstate_format(const struct eg_runstate *s)
{
	struct eg_strbuf b = { 0 };
	int bad = eg_strbuf_str(&b, "# engage state: what each stage last ran successfully with.\n"
				    "# Written by 'engage run'; delete it to make every stage run "
				    "again.\n" MAGIC "\n");

	for (size_t i = 0; !bad && i < s->n_records; i++) {
		const struct eg_runstate_record *r = &s->records[i];

		bad = eg_strbuf_str(&b, "\nstage ") || buf_field(&b, r->stage) ||
		      eg_strbuf_str(&b, "\nrun");
		for (size_t k = 0; !bad && k < r->n_command; k++)
			bad = eg_strbuf_str(&b, " ") || buf_field(&b, r->command[k]);
		bad = bad || eg_strbuf_str(&b, "\n");
		for (size_t k = 0; !bad && k < r->n_inputs; k++)
			bad = format_file(&b, "in", &r->inputs[k]);
		for (size_t k = 0; !bad && k < r->n_outputs; k++)
			bad = format_file(&b, "out", &r->outputs[k]);
	}
	if (bad) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

int eg_runstate_write(struct eg_runstate *s, const char *path, struct eg_error *err)
{
	struct eg_atomic_file af;
	char *text = eg_runstate_format(s);
	int rc;

	if (!text)
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	rc = eg_atomic_open(&af, path, err);
	if (rc != EG_OK) {
		free(text);
		return rc;
	}
	fputs(text, af.fp);
	free(text);
	rc = eg_atomic_commit(&af, err);
	if (rc == EG_OK)
		s->dirty = 0;
	return rc;
}

/* Checking. */

/* What a path is on disk. */
enum kind {
	K_FILE,	   /* a regular file (after following links) */
	K_MISSING, /* nothing there */
	K_FOLDER,  /* a folder */
	K_OTHER,   /* a device, socket, fifo */
};

/* Looks at path (OUT: *sb). EG_EIO when stat fails for another reason than absence. */
static int probe(const char *path, struct stat *sb, enum kind *k, struct eg_error *err)
{
	if (stat(path, sb) != 0) {
		if (errno == ENOENT || errno == ENOTDIR) {
			*k = K_MISSING;
			return EG_OK;
		}
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "unable to look at '%s': %s", path,
				    strerror(errno));
	}
	*k = S_ISREG(sb->st_mode) ? K_FILE : S_ISDIR(sb->st_mode) ? K_FOLDER : K_OTHER;
	return EG_OK;
}

static int64_t mtime_ns(const struct stat *sb)
{
	return (int64_t)sb->st_mtim.tv_sec * 1000000000 + (int64_t)sb->st_mtim.tv_nsec;
}

/* 1 when f has a usable fast-path key equal to size and mtime. */
static int same_stamp(const struct eg_runstate_file *f, int64_t size, int64_t mtime)
{
	return f->mtime_ns >= 0 && f->size == size && f->mtime_ns == mtime;
}

/* A hash s already knows for path with this size and time, or NULL. */
static const struct eg_content_hash *known_hash(const struct eg_runstate *s, const char *path,
						int64_t size, int64_t mtime)
{
	for (size_t i = 0; s && i < s->n_records; i++) {
		const struct eg_runstate_record *r = &s->records[i];

		for (size_t k = 0; k < r->n_inputs; k++)
			if (strcmp(r->inputs[k].path, path) == 0 &&
			    same_stamp(&r->inputs[k], size, mtime))
				return &r->inputs[k].hash;
		for (size_t k = 0; k < r->n_outputs; k++)
			if (strcmp(r->outputs[k].path, path) == 0 &&
			    same_stamp(&r->outputs[k], size, mtime))
				return &r->outputs[k].hash;
	}
	return NULL;
}

/*
 * Hashes the file at path, whose stat is sb, into f (path not set). When
 * the file changed while it was read, f's time is -1 (unknown) and its size
 * the bytes hashed.
 */
static int hash_into(const char *path, const struct stat *sb, struct eg_runstate_file *f,
		     struct eg_error *err)
{
	struct stat after;
	int64_t size;
	int rc = eg_content_hash_file(path, &f->hash, &size, err);

	if (rc != EG_OK)
		return rc;
	f->size = size;
	f->mtime_ns = mtime_ns(sb);
	if (size != (int64_t)sb->st_size || stat(path, &after) != 0 ||
	    mtime_ns(&after) != f->mtime_ns || after.st_size != sb->st_size)
		f->mtime_ns = -1;
	return EG_OK;
}

/*
 * Fills f for the file at path (a regular file, stat in sb), reusing a hash s
 * knows for the same size and time.
 */
static int fingerprint(const struct eg_runstate *s, const char *path, const struct stat *sb,
		       struct eg_runstate_file *f, struct eg_error *err)
{
	const struct eg_content_hash *h = known_hash(s, path, (int64_t)sb->st_size, mtime_ns(sb));

	if (h) {
		f->size = (int64_t)sb->st_size;
		f->mtime_ns = mtime_ns(sb);
		f->hash = *h;
		return EG_OK;
	}
	return hash_into(path, sb, f, err);
}

static struct eg_runstate_file *find_file(struct eg_runstate_file *list, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i].path, path) == 0)
			return &list[i];
	return NULL;
}

static void verdict_clear(struct eg_runstate_verdict *v)
{
	v->why = EG_RUNSTATE_UP_TO_DATE;
	v->n_reasons = 0;
	v->reason[0] = '\0';
}

/* Adds one reason to v; the first one sets v->why. */
static void add_reason(struct eg_runstate_verdict *v, enum eg_runstate_why why, const char *fmt,
		       ...) __attribute__((format(printf, 3, 4)));

static void add_reason(struct eg_runstate_verdict *v, enum eg_runstate_why why, const char *fmt,
		       ...)
{
	size_t used = strlen(v->reason), room = sizeof(v->reason) - used;
	va_list ap;
	int n;

	if (v->n_reasons++ == 0)
		v->why = why;
	if (room < 4 || (used >= 3 && strcmp(v->reason + used - 3, "...") == 0))
		return;
	if (used) {
		n = snprintf(v->reason + used, room, "; ");
		used += (size_t)n;
		room -= (size_t)n;
	}
	va_start(ap, fmt);
	n = vsnprintf(v->reason + used, room, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= room)
		memcpy(v->reason + sizeof(v->reason) - 4, "...", 4);
}

/* A word for a reason: '' when empty. */
static const char *shown(const char *w)
{
	return w ? (*w ? w : "''") : "(end)";
}

/* Word k of st's command as the state file records it. */
static const char *command_word(const struct eg_pipeline_stage *st, size_t k)
{
	return k == 0 && st->program ? st->program : st->argv[k];
}

/* Compares the recorded command with st's, adding a reason when they differ. */
static void check_command(const struct eg_runstate_record *rec, const struct eg_pipeline_stage *st,
			  struct eg_runstate_verdict *v)
{
	size_t n = st->argc, k;

	for (k = 0; k < n && k < rec->n_command; k++) {
		if (strcmp(command_word(st, k), rec->command[k]) != 0)
			break;
	}
	if (k == n && k == rec->n_command)
		return;
	{
		const char *was = k < rec->n_command ? rec->command[k] : NULL;
		const char *now = k < n ? command_word(st, k) : NULL;
		const char *flag = k > 0 ? rec->command[k - 1] : NULL;

		if (flag && flag[0] == '-' && flag[1])
			add_reason(v, EG_RUNSTATE_COMMAND_CHANGED, "command changed: %s %s -> %s",
				   flag, shown(was), shown(now));
		else
			add_reason(v, EG_RUNSTATE_COMMAND_CHANGED, "command changed: %s -> %s",
				   shown(was), shown(now));
	}
}

/* Checks the declared files of one kind (inputs or outputs) against the record. */
static int check_files(struct eg_runstate *s, const char *kind,
		       const struct eg_pipeline_path *declared, size_t n_declared,
		       struct eg_runstate_file *recorded, size_t n_recorded,
		       struct eg_runstate_verdict *v, struct eg_error *err)
{
	int is_in = strcmp(kind, "input") == 0;

	for (size_t i = 0; i < n_declared; i++) {
		const char *path = declared[i].path;
		struct eg_runstate_file *f = find_file(recorded, n_recorded, path);
		struct eg_runstate_file now = { 0 };
		struct stat sb;
		enum kind k;
		int rc = probe(path, &sb, &k, err);

		if (rc != EG_OK)
			return rc;
		if (k == K_MISSING) {
			add_reason(v,
				   is_in ? EG_RUNSTATE_INPUT_MISSING : EG_RUNSTATE_OUTPUT_MISSING,
				   "%s %s missing", kind, path);
			continue;
		}
		if (k != K_FILE) {
			add_reason(v, EG_RUNSTATE_NOT_A_FILE, "%s %s is %s, not a file", kind, path,
				   k == K_FOLDER ? "a folder" : "not a regular file");
			continue;
		}
		if (!f) {
			add_reason(v, is_in ? EG_RUNSTATE_INPUT_ADDED : EG_RUNSTATE_OUTPUT_ADDED,
				   "%s %s is new since the last run", kind, path);
			continue;
		}
		if (same_stamp(f, (int64_t)sb.st_size, mtime_ns(&sb)))
			continue;
		if (f->size == (int64_t)sb.st_size) {
			rc = hash_into(path, &sb, &now, err);
			if (rc != EG_OK)
				return rc;
			if (eg_content_hash_equal(&now.hash, &f->hash)) {
				/* Touched, not changed: keep the fast path for next time. */
				f->mtime_ns = now.mtime_ns;
				s->dirty = 1;
				continue;
			}
		}
		add_reason(v, is_in ? EG_RUNSTATE_INPUT_CHANGED : EG_RUNSTATE_OUTPUT_CHANGED,
			   is_in ? "%s %s changed" : "%s %s changed since the stage wrote it", kind,
			   path);
	}
	if (is_in) {
		for (size_t i = 0; i < n_recorded; i++) {
			size_t j;

			for (j = 0; j < n_declared; j++)
				if (strcmp(declared[j].path, recorded[i].path) == 0)
					break;
			if (j == n_declared)
				add_reason(v, EG_RUNSTATE_INPUT_REMOVED,
					   "input %s is no longer declared", recorded[i].path);
		}
	}
	return EG_OK;
}

int eg_runstate_check(struct eg_runstate *s, const struct eg_pipeline_stage *st,
		      struct eg_runstate_verdict *v, struct eg_error *err)
{
	struct eg_runstate_record *rec = find_record(s, st->name);
	int rc;

	verdict_clear(v);
	if (!rec) {
		add_reason(v, EG_RUNSTATE_NEVER_RAN, "never ran");
		return EG_OK;
	}
	check_command(rec, st, v);
	rc = check_files(s, "input", st->inputs, st->n_inputs, rec->inputs, rec->n_inputs, v, err);
	if (rc == EG_OK)
		rc = check_files(s, "output", st->outputs, st->n_outputs, rec->outputs,
				 rec->n_outputs, v, err);
	if (rc != EG_OK) {
		verdict_clear(v);
		add_reason(v, EG_RUNSTATE_NEVER_RAN, "never ran");
	}
	return rc;
}

/* Adds the declared files that exist as files now to list (OUT: *list, *n). */
static int add_existing(const struct eg_runstate *s, const struct eg_pipeline_path *declared,
			size_t n_declared, struct eg_runstate_file **list, size_t *n,
			struct eg_error *err)
{
	for (size_t i = 0; i < n_declared; i++) {
		struct eg_runstate_file *f;
		struct stat sb;
		enum kind k;
		int rc = probe(declared[i].path, &sb, &k, err);

		if (rc != EG_OK)
			return rc;
		if (k != K_FILE || find_file(*list, *n, declared[i].path))
			continue;
		f = add_file(list, n);
		if (!f)
			return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
		f->path = strdup(declared[i].path);
		if (!f->path) {
			(*n)--;
			return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
		}
		rc = fingerprint(s, f->path, &sb, f, err);
		if (rc != EG_OK)
			return rc;
	}
	return EG_OK;
}

int eg_runstate_snapshot(const struct eg_runstate *s, const struct eg_pipeline_stage *st,
			 struct eg_runstate_record **out, struct eg_error *err)
{
	struct eg_runstate_record *rec = calloc(1, sizeof(*rec));
	int rc;

	*out = NULL;
	if (!rec || !(rec->stage = strdup(st->name)) ||
	    !(rec->command = calloc(st->argc ? st->argc : 1, sizeof(*rec->command))))
		goto nomem;
	for (; rec->n_command < st->argc; rec->n_command++) {
		rec->command[rec->n_command] = strdup(command_word(st, rec->n_command));
		if (!rec->command[rec->n_command])
			goto nomem;
	}
	rc = add_existing(s, st->inputs, st->n_inputs, &rec->inputs, &rec->n_inputs, err);
	if (rc != EG_OK) {
		eg_runstate_record_free(rec);
		return rc;
	}
	*out = rec;
	return EG_OK;
nomem:
	eg_runstate_record_free(rec);
	return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
}

int eg_runstate_commit(struct eg_runstate *s, struct eg_runstate_record *rec,
		       const struct eg_pipeline_stage *st, struct eg_error *err)
{
	struct eg_runstate_record *slot;
	int rc = add_existing(s, st->outputs, st->n_outputs, &rec->outputs, &rec->n_outputs, err);

	if (rc != EG_OK) {
		eg_runstate_record_free(rec);
		return rc;
	}
	slot = find_record(s, rec->stage);
	if (!slot) {
		slot = realloc(s->records, (s->n_records + 1) * sizeof(*slot));
		if (!slot) {
			eg_runstate_record_free(rec);
			return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
		}
		s->records = slot;
		slot = &slot[s->n_records++];
	} else {
		record_clear(slot);
	}
	*slot = *rec;
	free(rec);
	s->dirty = 1;
	return EG_OK;
}

void eg_runstate_forget(struct eg_runstate *s, const char *stage)
{
	struct eg_runstate_record *rec = find_record(s, stage);
	size_t i;

	if (!rec)
		return;
	i = (size_t)(rec - s->records);
	record_clear(rec);
	memmove(&s->records[i], &s->records[i + 1], (s->n_records - i - 1) * sizeof(*s->records));
	s->n_records--;
	s->dirty = 1;
}

const char *eg_runstate_why_name(enum eg_runstate_why why)
{
	switch (why) {
	case EG_RUNSTATE_UP_TO_DATE: return "up to date";
	case EG_RUNSTATE_NEVER_RAN: return "never ran";
	case EG_RUNSTATE_COMMAND_CHANGED: return "command changed";
	case EG_RUNSTATE_INPUT_CHANGED: return "input changed";
	case EG_RUNSTATE_INPUT_MISSING: return "input missing";
	case EG_RUNSTATE_INPUT_ADDED: return "input added";
	case EG_RUNSTATE_INPUT_REMOVED: return "input removed";
	case EG_RUNSTATE_OUTPUT_MISSING: return "output missing";
	case EG_RUNSTATE_OUTPUT_CHANGED: return "output changed";
	case EG_RUNSTATE_OUTPUT_ADDED: return "output added";
	case EG_RUNSTATE_NOT_A_FILE: return "not a file";
	}
	return "unknown";
}
