/*
 * csv_table.c - the streaming CSV reader on libcsv, and the CSV writer.
 *
 * libcsv pushes fields and row ends through callbacks; the reader turns that
 * into a pull interface by feeding the parser one physical line at a time
 * (a piece ends at the first CR or LF), so each call to csv_parse completes
 * at most one row and every row is known to start on a given line. Parsing
 * is strict: a quote inside an unquoted field, text after a closing quote, or
 * a quoted field still open at the end of the file is a syntax error reported
 * with file:line:column. Only this file includes <csv.h>.
 *
 * A reader of a file parses ahead: once the first data row is asked for,
 * threads run parsers and hand over batches of rows, so libcsv's byte
 * loop runs beside the caller's work on the rows. With more than two
 * cores (or a piece size set, for tests), a plain file (or a pipe's
 * spooled copy) is cut into pieces after the header, at line feeds
 * outside quoted fields (csv_cut.h; the cut for a piece is searched from
 * chunk_bytes past its start): two threads each claim the next piece, at
 * most PIECES_AHEAD in flight, and parse it with a parser of their own
 * that starts on the piece's line and reads with pread on the same read
 * grid as one reader of the file, so libcsv is fed the same bytes in the
 * same pieces. A piece's batches queue in the piece (at most
 * PIECE_BATCHES or PIECE_BYTES, then its parser waits; batches used up
 * are kept for reuse up to SPARE_BYTES), and the caller takes them piece
 * after piece: the same rows, lines and first error as one parser. On two
 * cores one thread reads the rest of a plain file as one piece, and a
 * decompressor's output is read by one thread with the reader's own
 * parser. Why a cut is safe: in a file libcsv reads in strict mode up to
 * a point, a quote opens a quoted field exactly where the scan says, so a
 * line feed outside one ends a row; past a syntax error, the cuts may be
 * wrong, but the caller stops at that error, which the piece holding it
 * (cut right) reports as one parser would.
 *
 * Reading is bounded: a field longer than the field limit, or a row longer
 * than the row limit, stops the reader with a data error, or, for a reader
 * asked to keep such rows, is skipped to the row's end (outside libcsv,
 * whose buffer would otherwise hold it) and handed over as a row without
 * fields that eg_csv_reader_row_too_long names. libcsv running out of
 * memory is reported as such, never as a syntax error.
 */
#include "engage/csv_table.h"
#include "engage/array.h"
#include "engage/csv_cut.h"
#include "engage/progress.h"
#include "engage/input.h"
#include "engage/integer.h"
#include "engage/money.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_READ_SIZE (256 * 1024)
#define DEFAULT_MAX_FIELD ((size_t)64 << 20)  /* bytes of one field, ENGAGE_MAX_FIELD */
#define DEFAULT_MAX_ROW	  ((size_t)256 << 20) /* bytes of one row, ENGAGE_MAX_ROW */

/* libcsv's parser states (libcsv.c), read to go on past an over-long field. */
enum { CSV_FIELD_NOT_BEGUN = 1, CSV_FIELD_MIGHT_HAVE_ENDED = 3 };
#define BATCH_ROWS	  1024		/* rows a batch holds at most */
#define BATCH_BYTES	  (1024 * 1024) /* field bytes after which a batch is handed over */
#define CHUNK_BYTES	  (256 * 1024)	/* bytes of a piece of a file, ENGAGE_CSV_CHUNK */
#define PARSERS		  2		/* threads parsing pieces of a file */
#define PIECES_AHEAD	  3		/* pieces in flight: parsed or being read */
#define PIECE_BATCHES	  32		/* batches a piece holds before its parser waits */
#define PIECE_BYTES	  (2 * 1024 * 1024) /* or bytes of batches it holds (batch_size) */
#define SPARE_BYTES	  (PIECES_AHEAD * PIECE_BYTES) /* batches used up kept for reuse */
#define SCAN_BYTES	  (64 * 1024)	/* bytes read at a time by the scan for cuts */

/* Where one row of a batch lies. */
struct batch_row {
	size_t data_at;	 /* its first field's offset in the batch's data */
	size_t data_len; /* bytes of its fields, NULs included */
	size_t field_at; /* its first field's index in offs and lens */
	size_t nfields;	 /* its fields */
	long line;	 /* the line it starts on */
	int64_t bytes;	 /* input bytes it took, for the progress meter */
	int too_long;	 /* 0, or the limit it broke (EG_CSV_LONG_FIELD or _ROW) */
	int ascii;	 /* its fields hold only bytes 0x01-0x7F: 1 or 0, -1 when not checked */
};

/* Rows parsed ahead, handed over together. */
struct batch {
	char *data;			   /* the rows' fields, each NUL-terminated, owned */
	size_t data_len, data_cap;	   /* bytes used and allocated at data */
	size_t *offs, *lens;		   /* each field's offset (in its row) and length, owned */
	size_t nf, nf_cap;		   /* entries used and allocated at offs and lens */
	struct batch_row rows[BATCH_ROWS]; /* the rows */
	size_t nrows;			   /* rows used */
	int end;			   /* after the rows: 0 more, 1 end of the piece, -1 error */
	struct eg_error err;		   /* the error when end is -1 */
	struct batch *next;		   /* the next spare batch */
};

/* A piece of the file: a run of whole rows one parser reads, its batches queued in order. */
struct piece {
	int busy;			   /* claimed by a parser, not yet used up by the caller */
	int final;			   /* the piece runs to the end of the file */
	int oom;			   /* its parser found no memory for a batch */
	struct batch *q[PIECE_BATCHES];	   /* batches parsed, not yet used up */
	size_t bytes;			   /* their batch_size, summed */
	size_t head, count;		   /* first of them at q, and how many */
};

/* A parsing thread. */
struct parser_thread {
	pthread_t thread;	    /* runs parse_pieces */
	struct ahead *a;	    /* the reader's pieces */
	struct eg_csv_reader *r;    /* the reader */
	struct eg_csv_reader *own;  /* its parser of pieces, owned; NULL when it parses with r */
	int started;		    /* thread runs and is to be joined */
};

/*
 * The parsing threads and the pieces in flight. Everything but the
 * threads' own parsers is under mu, apart from the caller's fields.
 */
struct ahead {
	pthread_mutex_t mu;			   /* guards what follows */
	pthread_cond_t cv;			   /* signalled when any of it changes */
	struct parser_thread t[PARSERS];	   /* the threads */
	struct piece pieces[PIECES_AHEAD];	   /* piece k is pieces[k % PIECES_AHEAD] */
	struct batch *spare;			   /* batches used up, for reuse */
	size_t spare_bytes;			   /* their batch_size, summed */
	uint64_t next;				   /* the next piece to claim */
	int no_more;				   /* the last piece is claimed, or one failed */
	int stop;				   /* the reader is being freed: threads end */
	int fd;					   /* the file, read with pread */
	struct eg_csv_cut cut;			   /* the scan for cuts, up to scan_at */
	uint64_t scan_at;			   /* offset the next piece starts at */
	size_t chunk_bytes;			   /* bytes of a piece before its cut */
	size_t max_batches;			   /* batches a piece holds before its parser waits:
						    * PIECE_BATCHES with two parsers, else 2 */
	char scan_buf[SCAN_BYTES];		   /* bytes being scanned */
	uint64_t take;				   /* the caller's piece (caller only) */
	struct batch *cur;			   /* the caller's batch, NULL for none (caller only) */
	size_t row;				   /* next row of cur (caller only) */
};

struct eg_csv_reader {
	struct csv_parser parser; /* libcsv state */
	char *path;		  /* file name for messages, owned */
	int fd;			  /* open file, -1 in memory mode */
	struct eg_input input;	  /* the file, or its decompressor, behind fd */
	const char *mem;	  /* memory mode: the whole input, borrowed */
	size_t mem_len;		  /* memory mode: bytes at mem */
	size_t mem_pos;		  /* memory mode: bytes handed out so far */
	char *buf;		  /* file mode: read buffer, owned */
	const char *chunk;	  /* bytes being parsed (buf or a slice of mem) */
	size_t chunk_len;	  /* bytes at chunk */
	size_t chunk_pos;	  /* bytes of chunk already fed */
	size_t read_size;	  /* bytes per read */
	int at_eof;		  /* the source has no more bytes */
	int finished;		  /* csv_fini has run */
	int failed;		  /* a syntax or read error was reported */
	long line;		  /* line of the next byte to feed (1-based) */
	long column;		  /* bytes fed since the last LF */
	int in_row;		  /* a row has started and not yet ended */
	long row_line;		  /* line on which the row being read started */
	long row_column;	  /* bytes before the row on its first line */
	uint64_t offset;	  /* bytes of the input consumed so far */
	uint64_t row_offset;	  /* offset at which the row being read started */
	uint64_t counted;	  /* offset up to which the progress meter has counted */
	int counting;		  /* data rows of a file count in the progress meter */
	unsigned bom_seen;	  /* bytes of a UTF-8 BOM matched at the start (0-3) */
	int bom_done;		  /* the start of the input has been checked for a BOM */
	char delimiter;		  /* field separator */
	int row_ready;		  /* the row being read has ended */
	char *data;		  /* bytes of the current row's fields, each NUL-terminated */
	size_t data_len;	  /* bytes used at data */
	size_t data_cap;	  /* bytes allocated at data */
	size_t *offs;		  /* offset of each field in data */
	size_t *lens;		  /* length of each field */
	size_t nfields;		  /* fields in the current row */
	size_t fields_cap;	  /* entries allocated at offs and lens */
	int oom;		  /* a callback ran out of memory */
	size_t max_field;	  /* longest field read */
	size_t max_row;		  /* longest row read */
	int keep_long;		  /* hand over an over-long row instead of stopping */
	int long_field;		  /* a field of the row being read broke max_field */
	int too_long;		  /* the parser's row broke a limit (EG_CSV_LONG_*) */
	long cur_line;		  /* line the current row started on */
	char **names;		  /* header names, owned */
	size_t ncols;		  /* header columns */
	/* The row the caller sees: the parser's own, or one of a batch. */
	const char *view_data;	 /* its fields, each NUL-terminated */
	const size_t *view_offs; /* offset of each field at view_data */
	const size_t *view_lens; /* length of each field */
	size_t view_nfields;	 /* its fields */
	size_t view_len;	 /* bytes at view_data */
	long view_line;		 /* the line it starts on */
	int view_too_long;	 /* the limit it broke, 0 when none */
	int view_ascii;		 /* 1 or 0 when known to be ASCII or not, -1 when not checked */
	int view_failed;	 /* the caller was given an error */
	int view_done;		 /* the caller was given the end of the file */
	size_t chunk_bytes;	 /* bytes of a piece of the file parsed on its own */
	int ascii_ahead;	 /* the parsing threads check whether each row is ASCII */
	int chunk_set;		 /* the piece size was chosen (ENGAGE_CSV_CHUNK, chunk_bytes) */
	int piece;		 /* a parser of pieces: reads piece_pos to piece_end with pread */
	uint64_t piece_pos;	 /* offset of its next read */
	uint64_t piece_end;	 /* offset its piece ends at (UINT64_MAX: the end of the file) */
	struct ahead *ahead;	 /* the parsing threads, once started; owned */
};

/* Keep every byte of a field: no trimming of spaces or tabs. */
static int never_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* Grows the per-field arrays *offs and *lens (*cap entries each) together to hold need. */
static int reserve_fields(size_t **offs, size_t **lens, size_t *cap, size_t need)
{
	size_t n = *cap;
	size_t *l;

	if (need <= *cap)
		return 0;
	if (eg_array_reserve((void **)offs, &n, need, sizeof(size_t), 64))
		return -1;
	l = realloc(*lens, n * sizeof(size_t));
	if (!l)
		return -1;
	*lens = l;
	*cap = n;
	return 0;
}

static void on_field(void *s, size_t len, void *ctx)
{
	struct eg_csv_reader *r = ctx;

	if (len > r->max_field)
		r->long_field = 1;
	/* One test for the common case: both arrays already have room. */
	if (r->nfields >= r->fields_cap || r->data_len + len + 1 > r->data_cap) {
		if (r->oom)
			return;
		if (reserve_fields(&r->offs, &r->lens, &r->fields_cap, r->nfields + 1) ||
		    eg_array_reserve((void **)&r->data, &r->data_cap, r->data_len + len + 1, 1,
				     16)) {
			r->oom = 1;
			return;
		}
	}
	if (len)
		memcpy(r->data + r->data_len, s, len);
	r->data[r->data_len + len] = '\0';
	r->offs[r->nfields] = r->data_len;
	r->lens[r->nfields] = len;
	r->nfields++;
	r->data_len += len + 1;
}

static void on_row(int c, void *ctx)
{
	struct eg_csv_reader *r = ctx;

	(void)c;
	r->row_ready = 1;
	r->in_row = 0;
	r->cur_line = r->row_line;
}

static int read_error(struct eg_csv_reader *r, struct eg_error *err, const char *what)
{
	r->failed = 1;
	eg_error_set(err, EG_EIO, r->path, 0, 0, "unable to %s '%s': %s", what, r->path,
		     strerror(errno));
	return -1;
}

/* Makes the next chunk of input current. Returns 0, or -1 on a read error. */
static int refill(struct eg_csv_reader *r, struct eg_error *err)
{
	ssize_t n;

	r->chunk_pos = 0;
	if (r->fd < 0) {
		size_t left = r->mem_len - r->mem_pos;

		r->chunk = r->mem + r->mem_pos;
		r->chunk_len = left < r->read_size ? left : r->read_size;
		r->mem_pos += r->chunk_len;
		r->at_eof = r->chunk_len == 0;
		return 0;
	}
	if (r->piece) {
		/*
		 * Reads end where one reader of the whole file ends its reads (at
		 * multiples of read_size), so libcsv is fed the same pieces of
		 * bytes and, for a row longer than a limit, stops at the same place.
		 */
		size_t want = r->read_size - (size_t)(r->piece_pos % r->read_size);

		if (r->piece_end - r->piece_pos < want)
			want = (size_t)(r->piece_end - r->piece_pos);
		n = 0;
		if (want)
			do
				n = pread(r->fd, r->buf, want, (off_t)r->piece_pos);
			while (n < 0 && errno == EINTR);
		if (n < 0)
			return read_error(r, err, "read");
		r->piece_pos += (uint64_t)n;
		r->chunk = r->buf;
		r->chunk_len = (size_t)n;
		r->at_eof = n == 0;
		return 0;
	}
	do
		n = read(r->fd, r->buf, r->read_size);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return read_error(r, err, "read");
	r->chunk = r->buf;
	r->chunk_len = (size_t)n;
	r->at_eof = n == 0;
	if (r->at_eof && eg_input_finish(&r->input, r->path, err) != EG_OK) {
		r->failed = 1;
		return -1;
	}
	return 0;
}

static int syntax_error(struct eg_csv_reader *r, struct eg_error *err, long line, long col,
			const char *what)
{
	r->failed = 1;
	eg_error_set(err, EG_EDATA, r->path, line, col, "malformed csv: %s", what);
	return -1;
}

static int out_of_memory(struct eg_csv_reader *r, struct eg_error *err)
{
	r->failed = 1;
	eg_error_set(err, EG_EIO, r->path, r->line, 0, "out of memory reading a row");
	return -1;
}

/* Sets up the libcsv parser for r: strict, every space kept, r's delimiter. */
static int parser_init(struct eg_csv_reader *r)
{
	if (csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return -1;
	csv_set_space_func(&r->parser, never_space);
	csv_set_delim(&r->parser, (unsigned char)r->delimiter);
	return 0;
}

/* The limit the row being read has broken so far, 0 when none. */
static int over_limit(const struct eg_csv_reader *r)
{
	if (r->long_field || r->parser.entry_pos > r->max_field)
		return EG_CSV_LONG_FIELD;
	if (r->offset - r->row_offset > r->max_row || r->data_len > r->max_row)
		return EG_CSV_LONG_ROW;
	return 0;
}

/*
 * Reads on to the end of the row being read without keeping its bytes,
 * from where libcsv stands, then starts libcsv afresh. 0, or -1 with err
 * set on a read error.
 */
static int skip_rest_of_row(struct eg_csv_reader *r, struct eg_error *err)
{
	enum { START, PLAIN, QUOTED, QUOTE } st = PLAIN;

	if (r->parser.quoted)
		st = r->parser.pstate == CSV_FIELD_MIGHT_HAVE_ENDED ? QUOTE : QUOTED;
	else if (r->parser.pstate == CSV_FIELD_NOT_BEGUN)
		st = START;
	csv_free(&r->parser);
	if (parser_init(r) != 0)
		return out_of_memory(r, err);
	for (;;) {
		char c;

		if (r->chunk_pos == r->chunk_len) {
			if (refill(r, err))
				return -1;
			if (r->at_eof)
				return 0;
		}
		c = r->chunk[r->chunk_pos++];
		r->offset++;
		if (c == '\n') {
			r->line++;
			r->column = 0;
		} else {
			r->column++;
		}
		if (st == QUOTED) {
			st = c == '"' ? QUOTE : QUOTED;
		} else if (st == QUOTE && c == '"') {
			st = QUOTED;
		} else if (c == '\n' || c == '\r') {
			return 0;
		} else {
			st = c == r->delimiter		   ? START
			     : st == START && c == '"' ? QUOTED
						   : PLAIN;
		}
	}
}

/*
 * The row being read broke a limit: a data error, or, when the reader keeps
 * such rows, the rest of the row skipped and the row made one without
 * fields. 1 when the row is ready, -1 with err set.
 */
static int long_row(struct eg_csv_reader *r, int kind, struct eg_error *err)
{
	if (!r->keep_long) {
		r->failed = 1;
		if (kind == EG_CSV_LONG_FIELD)
			eg_error_set(err, EG_EDATA, r->path, r->row_line, 0,
				     "a field longer than %zu bytes, the limit (ENGAGE_MAX_FIELD)",
				     r->max_field);
		else
			eg_error_set(err, EG_EDATA, r->path, r->row_line, 0,
				     "a row longer than %zu bytes, the limit (ENGAGE_MAX_ROW)",
				     r->max_row);
		return -1;
	}
	if (!r->row_ready && skip_rest_of_row(r, err) != 0)
		return -1;
	r->nfields = 0;
	r->data_len = 0;
	r->long_field = 0;
	r->too_long = kind;
	r->row_ready = 1;
	r->in_row = 0;
	r->cur_line = r->row_line;
	return 1;
}

static const char bom[3] = { '\xEF', '\xBB', '\xBF' };

/*
 * Feeds k bytes at p (at most one line: they end at the first CR or LF) to
 * libcsv, keeping line, column and offset. Returns how many bytes libcsv
 * took: fewer than k means a syntax error at the first one it refused.
 */
static size_t feed(struct eg_csv_reader *r, const char *p, size_t k)
{
	size_t got;

	if (!r->in_row && (k > 1 || (p[0] != '\n' && p[0] != '\r'))) {
		r->in_row = 1;
		r->row_line = r->line;
		r->row_column = r->column;
		r->row_offset = r->offset;
	}
	/*
	 * libcsv grows its field buffer blk_size bytes at a time (128 at
	 * first): keep the step as large as the buffer, so a field of n bytes
	 * costs O(n) bytes of copying rather than O(n^2) (a 10 MB field took
	 * minutes wherever realloc copies, as under AddressSanitizer).
	 */
	if (r->parser.entry_size > r->parser.blk_size)
		csv_set_blk_size(&r->parser, r->parser.entry_size);
	got = csv_parse(&r->parser, p, k, on_field, on_row, r);
	if (got < k)
		return got;
	r->offset += k;
	if (p[k - 1] == '\n') {
		r->line++;
		r->column = 0;
	} else {
		r->column += (long)k;
	}
	return k;
}

/*
 * Reads the input again from the start of the row being read, to find
 * where its quoted field that never closes opened. Only runs on that
 * error, so the common path never tracks quotes itself.
 */
static void find_open_quote(struct eg_csv_reader *r, long *line, long *column)
{
	enum { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED } state = FIELD_START;
	uint64_t off = r->row_offset;
	long ln = r->row_line, col = r->row_column;
	char buf[4096];

	*line = r->row_line;
	*column = 0;
	for (;;) {
		size_t n, i;

		if (r->fd < 0) {
			size_t left = off < r->mem_len ? r->mem_len - (size_t)off : 0;

			n = left < sizeof(buf) ? left : sizeof(buf);
			memcpy(buf, r->mem + off, n);
		} else {
			ssize_t got = pread(r->fd, buf, sizeof(buf), (off_t)off);

			n = got > 0 ? (size_t)got : 0;
		}
		if (n == 0)
			return;
		for (i = 0; i < n; i++) {
			char c = buf[i];

			col++;
			if (state == QUOTED) {
				if (c == '"')
					state = QUOTE_IN_QUOTED;
			} else if (state == FIELD_START && c == '"') {
				state = QUOTED;
				*line = ln;
				*column = col;
			} else if (c == r->delimiter || c == '\n' || c == '\r') {
				state = FIELD_START;
			} else if (state != QUOTE_IN_QUOTED) {
				state = UNQUOTED;
			}
			if (c == '\n') {
				ln++;
				col = 0;
			}
		}
		off += n;
	}
}

/* Index of the first CR or LF in the n bytes at p, or n when there is none. */
static size_t line_end(const char *p, size_t n)
{
	/* memchr scans a word or a vector at a time; a CR before the LF is rare. */
	const char *lf = memchr(p, '\n', n);
	size_t k = lf ? (size_t)(lf - p) : n;
	const char *cr = memchr(p, '\r', k);

	return cr ? (size_t)(cr - p) : k;
}

/*
 * Parses the next row into r->data (the parser's own row). 1, 0 at the end
 * of the input, or -1 with err filled. Runs on the caller's thread, or on
 * the parsing thread once that has started, never on both.
 */
static int parse_row(struct eg_csv_reader *r, struct eg_error *err)
{
	if (r->failed) {
		eg_error_set(err, EG_EINTERNAL, r->path, 0, 0, "reader used after an error");
		return -1;
	}
	r->nfields = 0;
	r->data_len = 0;
	r->row_ready = 0;
	r->too_long = 0;
	r->long_field = 0;
	while (!r->row_ready) {
		const char *p;
		size_t k, n, got;

		if (r->finished)
			return 0;
		if (r->chunk_pos == r->chunk_len) {
			if (refill(r, err))
				return -1;
			if (r->at_eof) {
				long line, column;

				/* Bytes that began like a BOM but were not one are data. */
				if (!r->bom_done && r->bom_seen &&
				    feed(r, bom, r->bom_seen) < r->bom_seen)
					return syntax_error(
						r, err, r->line, 1,
						"unexpected quote or text after a closing quote");
				r->bom_done = 1;
				r->finished = 1;
				if (csv_fini(&r->parser, on_field, on_row, r) != 0) {
					if (csv_error(&r->parser) != CSV_EPARSE)
						return out_of_memory(r, err);
					find_open_quote(r, &line, &column);
					return syntax_error(r, err, line, column,
							    "quoted field not closed before the "
							    "end of the file");
				}
				if (r->oom)
					return out_of_memory(r, err);
				if (r->row_ready && over_limit(r))
					return long_row(r, over_limit(r), err);
				continue;
			}
		}
		p = r->chunk + r->chunk_pos;
		n = r->chunk_len - r->chunk_pos;
		if (!r->bom_done) {
			/* A UTF-8 byte order mark before the header is not data. */
			if (p[0] == bom[r->bom_seen]) {
				r->chunk_pos++;
				r->offset++;
				r->bom_done = ++r->bom_seen == 3;
				continue;
			}
			r->bom_done = 1;
			if (r->bom_seen && feed(r, bom, r->bom_seen) < r->bom_seen)
				return syntax_error(
					r, err, r->line, 1,
					"unexpected quote or text after a closing quote");
		}
		k = line_end(p, n);
		if (k < n)
			k++;
		got = feed(r, p, k);
		/* libcsv stops short on a syntax error, or when its buffer cannot grow. */
		if (got < k && csv_error(&r->parser) != CSV_EPARSE)
			return out_of_memory(r, err);
		if (got < k)
			return syntax_error(r, err, r->line, r->column + (long)got + 1,
					    "unexpected quote or text after a closing quote");
		if (r->oom)
			return out_of_memory(r, err);
		r->chunk_pos += k;
		if (r->in_row || r->row_ready) {
			int kind = over_limit(r);

			if (kind)
				return long_row(r, kind, err);
		}
	}
	return 1;
}

/* Input bytes taken since the last row counted, for the progress meter. */
static int64_t row_bytes(struct eg_csv_reader *r)
{
	int64_t n = (int64_t)(r->offset - r->counted);

	r->counted = r->offset;
	return n;
}

/* 1 when the len bytes at data, nfields NUL-terminated fields, are ASCII without NUL. */
static int fields_are_ascii(const char *data, size_t len, size_t nfields)
{
	const uint64_t low7 = UINT64_C(0x7F7F7F7F7F7F7F7F), high = ~low7;
	size_t i = 0, zeros = 0;
	uint64_t w, nonzero;

	/*
	 * data holds each field followed by its NUL: the row is ASCII when no
	 * byte has its high bit set and the only NULs are those the fields end.
	 * (w & low7) + low7 sets a byte's high bit exactly when the byte is not 0.
	 */
	for (; i + 8 <= len; i += 8) {
		memcpy(&w, data + i, 8);
		if (w & high)
			return 0;
		nonzero = ((w & low7) + low7) | w;
		/* One 0 or 1 a byte, summed into the top byte by the multiply (no popcnt needed). */
		zeros += (size_t)((((~nonzero & high) >> 7) * UINT64_C(0x0101010101010101)) >> 56);
	}
	for (; i < len; i++) {
		unsigned char c = (unsigned char)data[i];

		if (c & 0x80)
			return 0;
		zeros += c == 0;
	}
	return zeros == nfields;
}

/* Appends the parser's current row to b; -1 on out of memory. */
static int batch_add(struct batch *b, struct eg_csv_reader *r)
{
	struct batch_row *w = &b->rows[b->nrows];

	if (eg_array_reserve((void **)&b->data, &b->data_cap, b->data_len + r->data_len, 1, 16) ||
	    reserve_fields(&b->offs, &b->lens, &b->nf_cap, b->nf + r->nfields))
		return -1;
	/* A row kept without fields (over a limit) may come first, before any room. */
	if (r->data_len)
		memcpy(b->data + b->data_len, r->data, r->data_len);
	if (r->nfields) {
		memcpy(b->offs + b->nf, r->offs, r->nfields * sizeof(size_t));
		memcpy(b->lens + b->nf, r->lens, r->nfields * sizeof(size_t));
	}
	w->data_at = b->data_len;
	w->data_len = r->data_len;
	w->field_at = b->nf;
	w->nfields = r->nfields;
	w->line = r->cur_line;
	w->bytes = row_bytes(r);
	w->too_long = r->too_long;
	w->ascii = r->ascii_ahead ? fields_are_ascii(r->data, r->data_len, r->nfields) : -1;
	b->data_len += r->data_len;
	b->nf += r->nfields;
	b->nrows++;
	return 0;
}

/* Parses rows into b until it is full, the input ends, or an error. */
static void fill_batch(struct eg_csv_reader *r, struct batch *b)
{
	b->nrows = 0;
	b->data_len = 0;
	b->nf = 0;
	b->end = 0;
	while (b->nrows < BATCH_ROWS && b->data_len < BATCH_BYTES) {
		int rc = parse_row(r, &b->err);

		if (rc <= 0) {
			b->end = rc == 0 ? 1 : -1;
			return;
		}
		if (batch_add(b, r) != 0) {
			r->failed = 1;
			eg_error_set(&b->err, EG_EIO, r->path, r->line, 0,
				     "out of memory reading a row");
			b->end = -1;
			return;
		}
	}
}

/* Frees every batch of the list at b. */
static void batch_free_list(struct batch *b)
{
	while (b) {
		struct batch *next = b->next;

		free(b->data);
		free(b->offs);
		free(b->lens);
		free(b);
		b = next;
	}
}

/* Bytes b holds: its rows, fields and field bytes. */
static size_t batch_size(const struct batch *b)
{
	return sizeof(*b) + b->data_cap + 2 * b->nf_cap * sizeof(size_t);
}

/* Takes a batch from the free list, or a new one; NULL when out of memory. Under a->mu. */
static struct batch *batch_get(struct ahead *a)
{
	struct batch *b = a->spare;

	if (b) {
		a->spare = b->next;
		a->spare_bytes -= batch_size(b);
		return b;
	}
	return calloc(1, sizeof(*b));
}

/* Keeps b, used up, for reuse, or frees it when SPARE_BYTES are kept. Under a->mu. */
static void batch_put(struct ahead *a, struct batch *b)
{
	if (a->spare_bytes + batch_size(b) > SPARE_BYTES) {
		b->next = NULL;
		batch_free_list(b);
		return;
	}
	b->next = a->spare;
	a->spare = b;
	a->spare_bytes += batch_size(b);
}

/*
 * Finds where the piece that starts at a->scan_at ends: the first line
 * feed outside a quoted field at or after chunk_bytes from its start
 * (csv_cut.h). Sets *end and *final (the piece runs to the end of the
 * file, *end then UINT64_MAX). Under a->mu; reads with pread, so the
 * parsers reading their pieces meanwhile are not disturbed. A read error
 * makes the piece the last: its parser meets the error in order.
 */
static void find_cut(struct ahead *a, uint64_t *end, int *final)
{
	uint64_t target = a->scan_at + a->chunk_bytes;
	int cut = 0;

	for (;;) {
		size_t want = SCAN_BYTES, used;
		ssize_t n;

		if (a->scan_at < target && target - a->scan_at < want)
			want = (size_t)(target - a->scan_at);
		do
			n = pread(a->fd, a->scan_buf, want, (off_t)a->scan_at);
		while (n < 0 && errno == EINTR);
		if (n <= 0) {
			*end = UINT64_MAX;
			*final = 1;
			return;
		}
		used = eg_csv_cut_scan(&a->cut, a->scan_buf, (size_t)n, a->scan_at >= target, &cut);
		a->scan_at += used;
		if (cut) {
			*end = a->scan_at;
			*final = 0;
			return;
		}
	}
}

/*
 * Points s, a parser of pieces of r's file, at the bytes from start to
 * end, which start on line (column bytes into it) and of which the
 * progress meter has counted up to counted. -1 when out of memory.
 */
static int piece_reset(struct eg_csv_reader *s, uint64_t start, uint64_t end, long line,
		       long column, uint64_t counted)
{
	csv_free(&s->parser);
	if (parser_init(s) != 0)
		return -1;
	s->piece_pos = start;
	s->piece_end = end;
	s->chunk_len = s->chunk_pos = 0;
	s->at_eof = s->finished = s->failed = s->oom = 0;
	s->in_row = s->row_ready = 0;
	s->line = line;
	s->column = column;
	s->offset = s->row_offset = start;
	s->counted = counted;
	s->bom_done = 1;
	s->bom_seen = 0;
	return 0;
}

/* A parser of pieces of r's file (sharing its descriptor and name); NULL when out of memory. */
static struct eg_csv_reader *piece_reader_new(const struct eg_csv_reader *r)
{
	struct eg_csv_reader *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->fd = r->fd;
	s->path = r->path;
	s->read_size = r->read_size;
	s->delimiter = r->delimiter;
	s->max_field = r->max_field;
	s->max_row = r->max_row;
	s->keep_long = r->keep_long;
	s->ascii_ahead = r->ascii_ahead;
	s->piece = 1;
	s->buf = malloc(s->read_size);
	if (!s->buf || parser_init(s) != 0) {
		free(s->buf);
		free(s);
		return NULL;
	}
	return s;
}

/* Frees a parser of pieces (not the descriptor or the name, which are its reader's). */
static void piece_reader_free(struct eg_csv_reader *s)
{
	if (!s)
		return;
	csv_free(&s->parser);
	free(s->buf);
	free(s->data);
	free(s->offs);
	free(s->lens);
	free(s);
}

/*
 * Hands b, filled from piece p, to the caller: waits while p already
 * holds a->max_batches batches, or PIECE_BYTES. 0, or -1 when the reader
 * is being freed (b is then kept as a spare).
 */
static int piece_put(struct ahead *a, struct piece *p, struct batch *b)
{
	int rc = 0;

	pthread_mutex_lock(&a->mu);
	while ((p->count == a->max_batches || (p->count && p->bytes >= PIECE_BYTES)) && !a->stop)
		pthread_cond_wait(&a->cv, &a->mu);
	if (a->stop) {
		batch_put(a, b);
		rc = -1;
	} else {
		p->q[(p->head + p->count) % PIECE_BATCHES] = b;
		p->count++;
		p->bytes += batch_size(b);
		pthread_cond_broadcast(&a->cv);
	}
	pthread_mutex_unlock(&a->mu);
	return rc;
}

/*
 * A parsing thread: claims the next piece of the file (in order, at most
 * PIECES_AHEAD beyond the one the caller reads), finds where it ends, and
 * parses it into batches for the caller, until no piece is left, a piece
 * failed, or the reader is being freed.
 */
static void *parse_pieces(void *arg)
{
	struct parser_thread *t = arg;
	struct ahead *a = t->a;

	for (;;) {
		struct eg_csv_reader *s = t->own ? t->own : t->r;
		struct piece *p;
		struct batch *b;
		uint64_t start, end = UINT64_MAX, counted;
		long line, column;
		int final = 1, reset = 0, end_kind;

		pthread_mutex_lock(&a->mu);
		while (!a->stop && !a->no_more && a->pieces[a->next % PIECES_AHEAD].busy)
			pthread_cond_wait(&a->cv, &a->mu);
		if (a->stop || a->no_more) {
			pthread_mutex_unlock(&a->mu);
			break;
		}
		p = &a->pieces[a->next % PIECES_AHEAD];
		p->busy = 1;
		start = a->scan_at;
		line = t->r->line + (long)a->cut.lines;
		column = a->next == 0 ? t->r->column : 0;
		if (a->next == 0)
			counted = t->r->counted;
		else
			counted = start;
		a->next++;
		if (t->own && a->max_batches > 2)
			find_cut(a, &end, &final);
		p->final = final;
		a->no_more = final;
		pthread_mutex_unlock(&a->mu);
		if (t->own)
			reset = piece_reset(s, start, end, line, column, counted);
		do {
			pthread_mutex_lock(&a->mu);
			b = batch_get(a);
			pthread_mutex_unlock(&a->mu);
			if (!b) {
				/* No batch to say it in: the piece says it, where the caller waits. */
				pthread_mutex_lock(&a->mu);
				p->oom = 1;
				a->no_more = 1;
				pthread_cond_broadcast(&a->cv);
				pthread_mutex_unlock(&a->mu);
				return NULL;
			}
			if (reset) {
				b->nrows = 0;
				b->end = -1;
				eg_error_set(&b->err, EG_EIO, s->path, line, 0,
					     "out of memory reading a row");
			} else {
				fill_batch(s, b);
			}
			end_kind = b->end;
			if (piece_put(a, p, b) != 0)
				return NULL;
		} while (end_kind == 0);
		if (end_kind < 0) {
			pthread_mutex_lock(&a->mu);
			a->no_more = 1;
			pthread_cond_broadcast(&a->cv);
			pthread_mutex_unlock(&a->mu);
			break;
		}
	}
	return NULL;
}
/* Stops and joins the parsing threads, and frees their pieces and batches. */
static void stop_ahead(struct eg_csv_reader *r)
{
	struct ahead *a = r->ahead;
	size_t i, k;

	if (!a)
		return;
	pthread_mutex_lock(&a->mu);
	a->stop = 1;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
	for (i = 0; i < PARSERS; i++) {
		if (a->t[i].started)
			pthread_join(a->t[i].thread, NULL);
		piece_reader_free(a->t[i].own);
	}
	for (i = 0; i < PIECES_AHEAD; i++)
		for (k = 0; k < a->pieces[i].count; k++) {
			struct batch *b = a->pieces[i].q[(a->pieces[i].head + k) % PIECE_BATCHES];

			b->next = NULL;
			batch_free_list(b);
		}
	batch_free_list(a->spare);
	pthread_cond_destroy(&a->cv);
	pthread_mutex_destroy(&a->mu);
	free(a);
	r->ahead = NULL;
}

/*
 * Starts the parsing threads with every signal blocked, so that the
 * caller's thread takes them: for a plain file, PARSERS threads reading
 * pieces of it from the end of the header on; for a stream (a
 * decompressor's output), one thread reading on with r's own parser. -1
 * when none can start (the caller then parses itself).
 */
static int start_ahead(struct eg_csv_reader *r)
{
	struct ahead *a = calloc(1, sizeof(*a));
	struct stat sb;
	sigset_t all, old;
	size_t i, n = 1;
	int pieces;

	if (!a)
		return -1;
	if (pthread_mutex_init(&a->mu, NULL) != 0) {
		free(a);
		return -1;
	}
	if (pthread_cond_init(&a->cv, NULL) != 0) {
		pthread_mutex_destroy(&a->mu);
		free(a);
		return -1;
	}
	r->ahead = a;
	pieces = r->input.child == 0 && fstat(r->fd, &sb) == 0 && S_ISREG(sb.st_mode);
	a->fd = r->fd;
	a->chunk_bytes = r->chunk_bytes;
	a->scan_at = r->offset;
	a->cut.delimiter = r->delimiter;
	/*
	 * Two parsers when a core is left for each beside the caller's, or
	 * when the piece size was set (tests); else one reads the rest of the
	 * file as one piece (no scan for cuts), two batches ahead, as the
	 * caller's work already fills the other core and a second parser
	 * would only add copies.
	 */
	if (pieces && (r->chunk_set || sysconf(_SC_NPROCESSORS_ONLN) > PARSERS))
		n = PARSERS;
	a->max_batches = n > 1 ? PIECE_BATCHES : 2;
	for (i = 0; i < n; i++) {
		a->t[i].a = a;
		a->t[i].r = r;
		if (pieces && !(a->t[i].own = piece_reader_new(r)))
			break;
	}
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	for (i = 0; i < n && (!pieces || a->t[i].own); i++)
		a->t[i].started = pthread_create(&a->t[i].thread, NULL, parse_pieces, &a->t[i]) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!a->t[0].started) {
		stop_ahead(r);
		return -1;
	}
	return 0;
}

/* The next row from the parsing threads' pieces, answered as parse_row does. */
static int next_ahead(struct eg_csv_reader *r, struct eg_error *err)
{
	struct ahead *a = r->ahead;

	for (;;) {
		struct piece *p = &a->pieces[a->take % PIECES_AHEAD];
		struct batch *b = a->cur;
		int end, final;

		if (!b) {
			pthread_mutex_lock(&a->mu);
			while (p->count == 0 && !p->oom)
				pthread_cond_wait(&a->cv, &a->mu);
			b = p->count ? p->q[p->head] : NULL;
			pthread_mutex_unlock(&a->mu);
			if (!b) {
				eg_error_set(err, EG_EIO, r->path, 0, 0,
					     "out of memory reading a row");
				return -1;
			}
			a->cur = b;
			a->row = 0;
		}
		if (a->row < b->nrows) {
			const struct batch_row *w = &b->rows[a->row++];

			r->view_data = b->data + w->data_at;
			r->view_len = w->data_len;
			r->view_offs = b->offs + w->field_at;
			r->view_lens = b->lens + w->field_at;
			r->view_nfields = w->nfields;
			r->view_line = w->line;
			r->view_too_long = w->too_long;
			r->view_ascii = w->ascii;
			eg_progress_add(1, w->bytes);
			return 1;
		}
		if (b->end == -1) {
			*err = b->err;
			return -1;
		}
		/* Used up: the batch goes back, and with the piece's last one the piece. */
		pthread_mutex_lock(&a->mu);
		end = b->end;
		final = p->final;
		p->head = (p->head + 1) % PIECE_BATCHES;
		p->count--;
		p->bytes -= batch_size(b);
		batch_put(a, b);
		if (end == 1 && !final) {
			p->busy = 0;
			a->take++;
		}
		pthread_cond_broadcast(&a->cv);
		pthread_mutex_unlock(&a->mu);
		a->cur = NULL;
		if (end == 1 && final)
			return 0;
	}
}

int eg_csv_reader_next(struct eg_csv_reader *r, struct eg_error *err)
{
	int rc;

	if (r->view_failed) {
		eg_error_set(err, EG_EINTERNAL, r->path, 0, 0, "reader used after an error");
		return -1;
	}
	if (r->view_done)
		return 0;
	/* A file's data rows are parsed ahead; its header, and text in memory, here. */
	if (r->counting && !r->ahead)
		start_ahead(r);
	if (r->ahead) {
		rc = next_ahead(r, err);
	} else {
		rc = parse_row(r, err);
		if (rc == 1) {
			r->view_data = r->data;
			r->view_len = r->data_len;
			r->view_offs = r->offs;
			r->view_lens = r->lens;
			r->view_nfields = r->nfields;
			r->view_line = r->cur_line;
			r->view_too_long = r->too_long;
			r->view_ascii = -1;
			if (r->counting)
				eg_progress_add(1, row_bytes(r));
		}
	}
	r->view_failed = rc < 0;
	r->view_done = rc == 0;
	return rc;
}

/* Reads a size of environment variable name into *v (bytes, or with K, M or G). */
static int env_size(const char *name, size_t *v, struct eg_error *err)
{
	const char *s = getenv(name);
	unsigned long long n;
	char *end;

	if (!s || !*s)
		return EG_OK;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (*end == 'K' || *end == 'k')
		n = n > (SIZE_MAX >> 10) ? 0 : n << 10, end++;
	else if (*end == 'M' || *end == 'm')
		n = n > (SIZE_MAX >> 20) ? 0 : n << 20, end++;
	else if (*end == 'G' || *end == 'g')
		n = n > (SIZE_MAX >> 30) ? 0 : n << 30, end++;
	if (errno || *end || s[0] == '-' || n == 0 || n > SIZE_MAX / 2)
		return eg_error_set(err, EG_EUSAGE, NULL, 0, 0,
				    "%s='%s' is not a size: give bytes, or a number with K, M or G",
				    name, s);
	*v = (size_t)n;
	return EG_OK;
}

int eg_csv_limits(size_t *max_field, size_t *max_row, struct eg_error *err)
{
	int rc;

	*max_field = DEFAULT_MAX_FIELD;
	*max_row = DEFAULT_MAX_ROW;
	rc = env_size("ENGAGE_MAX_FIELD", max_field, err);
	if (rc == EG_OK)
		rc = env_size("ENGAGE_MAX_ROW", max_row, err);
	return rc;
}

int eg_csv_reader_row_too_long(const struct eg_csv_reader *r)
{
	return r->view_too_long;
}

static int open_common(struct eg_csv_reader *r, const struct eg_csv_options *opts,
		       struct eg_error *err)
{
	const char *chunk_env;
	size_t i;
	int rc;

	r->read_size = opts && opts->read_size ? opts->read_size : DEFAULT_READ_SIZE;
	r->delimiter = opts && opts->delimiter ? opts->delimiter : ',';
	r->keep_long = opts && opts->keep_long_rows;
	r->ascii_ahead = opts && opts->ascii_ahead;
	rc = eg_csv_limits(&r->max_field, &r->max_row, err);
	if (rc != EG_OK)
		return rc;
	if (opts && opts->max_field)
		r->max_field = opts->max_field;
	if (opts && opts->max_row)
		r->max_row = opts->max_row;
	r->chunk_bytes = CHUNK_BYTES;
	rc = env_size("ENGAGE_CSV_CHUNK", &r->chunk_bytes, err);
	if (rc != EG_OK)
		return rc;
	if (opts && opts->chunk_bytes)
		r->chunk_bytes = opts->chunk_bytes;
	chunk_env = getenv("ENGAGE_CSV_CHUNK");
	r->chunk_set = (opts && opts->chunk_bytes) || (chunk_env && *chunk_env);
	if (parser_init(r) != 0)
		return eg_error_set(err, EG_EIO, r->path, 0, 0, "out of memory");
	r->line = 1;
	if (r->fd >= 0) {
		r->buf = malloc(r->read_size);
		if (!r->buf)
			return eg_error_set(err, EG_EIO, r->path, 0, 0, "out of memory");
	}
	rc = eg_csv_reader_next(r, err);
	if (rc < 0)
		return err->status;
	if (rc == 0)
		return eg_error_set(err, EG_EDATA, r->path, 1, 0, "empty file: no header row");
	/* The header's bytes count with the first row; header rows read from memory do not. */
	r->counting = r->fd >= 0;
	r->names = calloc(r->nfields, sizeof(char *));
	if (!r->names)
		return eg_error_set(err, EG_EIO, r->path, 0, 0, "out of memory");
	r->ncols = r->nfields;
	for (i = 0; i < r->nfields; i++) {
		r->names[i] = strdup(r->data + r->offs[i]);
		if (!r->names[i])
			return eg_error_set(err, EG_EIO, r->path, 0, 0, "out of memory");
	}
	return EG_OK;
}

int eg_csv_reader_open(struct eg_csv_reader **out, const char *path,
		       const struct eg_csv_options *opts, struct eg_error *err)
{
	struct eg_csv_reader *r = calloc(1, sizeof(*r));
	int rc;

	if (!r)
		return eg_error_set(err, EG_EIO, path, 0, 0, "out of memory");
	r->input.fd = -1;
	r->fd = -1;
	r->path = strdup(path);
	rc = r->path ? eg_input_open(&r->input, path, err)
		     : eg_error_set(err, EG_EIO, path, 0, 0, "out of memory");
	if (rc != EG_OK) {
		eg_csv_reader_free(r);
		return rc;
	}
	r->fd = r->input.fd;
	rc = open_common(r, opts, err);
	if (rc != EG_OK) {
		eg_csv_reader_free(r);
		return rc;
	}
	*out = r;
	return EG_OK;
}

int eg_csv_reader_open_mem(struct eg_csv_reader **out, const char *name, const char *data,
			   size_t len, const struct eg_csv_options *opts, struct eg_error *err)
{
	struct eg_csv_reader *r = calloc(1, sizeof(*r));
	int rc;

	if (!r)
		return eg_error_set(err, EG_EIO, name, 0, 0, "out of memory");
	r->fd = -1;
	r->mem = data;
	r->mem_len = len;
	r->path = strdup(name);
	if (!r->path) {
		eg_csv_reader_free(r);
		return eg_error_set(err, EG_EIO, name, 0, 0, "out of memory");
	}
	rc = open_common(r, opts, err);
	if (rc != EG_OK) {
		eg_csv_reader_free(r);
		return rc;
	}
	*out = r;
	return EG_OK;
}

void eg_csv_reader_free(struct eg_csv_reader *r)
{
	size_t i;

	if (!r)
		return;
	stop_ahead(r);
	if (r->fd >= 0)
		eg_input_close(&r->input);
	csv_free(&r->parser);
	for (i = 0; i < r->ncols; i++)
		free(r->names[i]);
	free(r->names);
	free(r->buf);
	free(r->data);
	free(r->offs);
	free(r->lens);
	free(r->path);
	free(r);
}

size_t eg_csv_reader_ncolumns(const struct eg_csv_reader *r)
{
	return r->ncols;
}

const char *eg_csv_reader_column_name(const struct eg_csv_reader *r, size_t i)
{
	return i < r->ncols ? r->names[i] : NULL;
}

long eg_csv_reader_column(const struct eg_csv_reader *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->ncols; i++)
		if (strcmp(r->names[i], name) == 0)
			return (long)i;
	return -1;
}

int eg_csv_reader_require(const struct eg_csv_reader *r, const char *const *names, long *idx,
			  struct eg_error *err)
{
	char missing[768] = "";
	size_t used = 0, n = 0, i;

	for (i = 0; names[i]; i++) {
		idx[i] = eg_csv_reader_column(r, names[i]);
		if (idx[i] >= 0)
			continue;
		n++;
		if (used < sizeof(missing))
			used += (size_t)snprintf(missing + used, sizeof(missing) - used, "%s'%s'",
						 used ? ", " : "", names[i]);
	}
	if (n)
		return eg_error_set(err, EG_EDATA, r->path, 1, 0, "missing column%s %s",
				    n > 1 ? "s" : "", missing);
	return EG_OK;
}

size_t eg_csv_reader_nfields(const struct eg_csv_reader *r)
{
	return r->view_nfields;
}

const char *eg_csv_reader_field(const struct eg_csv_reader *r, long i, size_t *len)
{
	if (i < 0 || (size_t)i >= r->view_nfields) {
		if (len)
			*len = 0;
		return "";
	}
	if (len)
		*len = r->view_lens[i];
	return r->view_data + r->view_offs[i];
}

int eg_csv_reader_row_is_ascii(const struct eg_csv_reader *r)
{
	if (r->view_ascii >= 0)
		return r->view_ascii;
	return fields_are_ascii(r->view_data, r->view_len, r->view_nfields);
}

long eg_csv_reader_line(const struct eg_csv_reader *r)
{
	return r->view_line;
}

const char *eg_csv_reader_path(const struct eg_csv_reader *r)
{
	return r->path;
}

void eg_csv_writer_init(struct eg_csv_writer *w, FILE *fp)
{
	w->fp = fp;
	w->fields = 0;
	w->first_empty = 0;
	w->len = 0;
}

void eg_csv_writer_flush(struct eg_csv_writer *w)
{
	if (w->len)
		fwrite(w->buf, 1, w->len, w->fp);
	w->len = 0;
}

/* Appends n bytes at s to the row; a piece larger than the buffer goes straight to fp. */
static void put(struct eg_csv_writer *w, const char *s, size_t n)
{
	if (n > sizeof(w->buf) - w->len) {
		eg_csv_writer_flush(w);
		if (n > sizeof(w->buf)) {
			fwrite(s, 1, n, w->fp);
			return;
		}
	}
	if (n)
		memcpy(w->buf + w->len, s, n);
	w->len += n;
}

static void put_char(struct eg_csv_writer *w, char c)
{
	if (w->len == sizeof(w->buf))
		eg_csv_writer_flush(w);
	w->buf[w->len++] = c;
}

/* Whether a byte forces quotes: ',', '"', CR or LF (a table: one load a byte). */
static const unsigned char special[256] = { [','] = 1, ['"'] = 1, ['\r'] = 1, ['\n'] = 1 };

/* Nonzero when a byte of x is the byte repeated in every lane of c. */
#define HAS_BYTE(x, c)                                                                             \
	((((x) ^ (c)) - UINT64_C(0x0101010101010101)) & ~((x) ^ (c)) & UINT64_C(0x8080808080808080))

/* Bytes at the start of the len at s that need no quotes: eight at a time, then one by one. */
static size_t plain_prefix(const char *s, size_t len)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t x;

		memcpy(&x, s + i, 8);
		if (HAS_BYTE(x, ones * ',') | HAS_BYTE(x, ones * '"') | HAS_BYTE(x, ones * '\r') |
		    HAS_BYTE(x, ones * '\n'))
			break;
	}
	while (i < len && !special[(unsigned char)s[i]])
		i++;
	return i;
}

void eg_csv_write_field(struct eg_csv_writer *w, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	if (w->fields++)
		put_char(w, ',');
	else
		w->first_empty = len == 0;
	if (len < 16 && len <= sizeof(w->buf) - w->len) {
		/* One pass for a short field: copy while looking for a byte that needs quotes. */
		char *d = w->buf + w->len;

		for (i = 0; i < len && !special[u[i]]; i++)
			d[i] = (char)u[i];
		if (i == len) {
			w->len += len;
			return;
		}
	} else if (plain_prefix(s, len) == len) {
		put(w, s, len);
		return;
	}
	put_char(w, '"');
	/* Runs between quotes go in one piece; each quote is doubled. */
	for (i = 0; i < len;) {
		const char *q = memchr(s + i, '"', len - i);
		size_t run = q ? (size_t)(q - (s + i)) + 1 : len - i;

		put(w, s + i, run);
		if (q)
			put_char(w, '"');
		i += run;
	}
	put_char(w, '"');
}

void eg_csv_write_str(struct eg_csv_writer *w, const char *s)
{
	eg_csv_write_field(w, s ? s : "", s ? strlen(s) : 0);
}

void eg_csv_write_int(struct eg_csv_writer *w, int64_t v)
{
	char buf[EG_INT_BUFSZ];

	eg_csv_write_field(w, buf, eg_int_format(v, buf));
}

void eg_csv_write_money(struct eg_csv_writer *w, int64_t v)
{
	char buf[EG_MONEY_BUFSZ];

	eg_csv_write_str(w, eg_money_format(v, buf));
}

void eg_csv_write_fraction(struct eg_csv_writer *w, int64_t num, int64_t den, int places)
{
	__int128 scale = 1, n, d, q;
	char buf[64];
	int i;

	if (den == 0) {
		eg_csv_write_str(w, "");
		return;
	}
	for (i = 0; i < places; i++)
		scale *= 10;
	n = (__int128)num * scale;
	d = den;
	if (d < 0) {
		n = -n;
		d = -d;
	}
	q = ((n < 0 ? -n : n) * 2 + d) / (2 * d);
	snprintf(buf, sizeof(buf), "%s%lld", n < 0 && q ? "-" : "", (long long)(q / scale));
	if (places)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), ".%0*lld", places,
			 (long long)(q % scale));
	eg_csv_write_str(w, buf);
}

void eg_csv_end_row(struct eg_csv_writer *w)
{
	/* A row of one empty field would read back as a blank line, which is skipped. */
	if (w->fields == 1 && w->first_empty)
		put(w, "\"\"", 2);
	put_char(w, '\n');
	eg_csv_writer_flush(w);
	w->fields = 0;
}

void eg_csv_write_header(struct eg_csv_writer *w, const char *const *names)
{
	for (; *names; names++)
		eg_csv_write_str(w, *names);
	eg_csv_end_row(w);
}
