/*
 * source_map.h - mapping files: how one platform's export maps onto the
 * canonical tables, written as data so a user can add a platform without C.
 *
 * A mapping file (stages/extract/sources/NAME.source) is read line by line;
 * blank lines and lines starting with # are comments, and the order of the
 * lines does not matter. For example:
 *
 *     # Zendesk tickets export (Admin Center > Reports > Export > CSV).
 *     source    zendesk_tickets
 *     layout    records
 *     table     tickets
 *     need      ticket_id    = Id
 *     need      created_at   = Created at
 *     column    email        = Requester email
 *     column    satisfaction = Satisfaction Score
 *     value     satisfaction Good = satisfied
 *     skip      status = Deleted as deleted_ticket
 *     dates     iso
 *
 * Keys (FIELD is one of the fields of the layout or table, see
 * eg_source_fields; PATTERN a PCRE2 expression, case-insensitive):
 *
 *   source NAME               the source's name (required)
 *   title TEXT                the export's name for people ("Shopify products
 *                             export"), used in messages
 *   layout L                  line_items, orders, records, ga4 or unused
 *                             (required); unused: a known export that holds
 *                             nothing engage uses, recognised by its need
 *                             and column lines (FIELD is then any name; no
 *                             table, default, value, file, skip or test) and
 *                             listed as not read instead of unrecognised
 *   table T                   records and ga4: the table filled, one of
 *                             sessions, email_events, email_campaigns,
 *                             responses, tickets, profiles, loyalty, spend,
 *                             platform_report
 *   need FIELD = PATTERN      FIELD is read from the header column whose whole
 *                             name matches; of alternatives A|B the first that
 *                             names a column wins, then the leftmost column;
 *                             every need column must be present for a header
 *                             to be of this source
 *   column FIELD = PATTERN    the same for a column that may be absent
 *                             (orders: `packed_item` stands for every column
 *                             whose name matches, see extract_packed_items.h)
 *   default FIELD = VALUE     the value of FIELD when its column is absent or
 *                             the cell empty (e.g. `default kind = nps`)
 *   value FIELD FROM = TO     a cell of FIELD matching the whole of pattern
 *                             FROM reads as TO (platform words to canonical
 *                             ones); the first matching line wins
 *   file FIELD NAME = VALUE   an empty cell of FIELD (or no column) reads as
 *                             VALUE when the file's name, without its folders,
 *                             holds a match of pattern NAME (any case): for an
 *                             export whose file name says what its rows are;
 *                             the first matching line wins, before `default`
 *   skip FIELD = PATTERN as REASON
 *                             a row whose FIELD cell (as written) matches is
 *                             not a record: it goes to rejects with REASON
 *   only FIELD when OTHER = PATTERN
 *                             records: FIELD keeps its cell only in rows whose
 *                             OTHER cell (as written) matches; in the others
 *                             it is empty. With several lines for one FIELD,
 *                             any match keeps it. For reports of one figure
 *                             per row, named by a cell (GA4's Events report:
 *                             the Event count of session_start is sessions)
 *   test FIELD = PATTERN      orders: a cell containing a match marks a test order
 *   dates iso|us|eu|compact   how numeric dates order day and month (compact:
 *                             YYYYMMDD, read in any setting)
 *   decimal .|,|auto          decimal separator of amounts; auto (the default)
 *                             decides per value
 *   thousands none|space|,|.|'  with a fixed decimal: the digit-group separator
 *   delimiter ,|;|tab         field separator; by default found from the header line
 *   currency CODE             currency when the export has no currency column
 *   timezone ZONE             zone of time stamps written without a UTC offset
 *                             (else extract's --tz, else UTC)
 *   period KIND [= PATTERN]   sessions: how the date cell names the days a row
 *                             covers (period.h: day, week, month, range,
 *                             week_number, nth_day, nth_week); with PATTERN,
 *                             only when the date column's header matches it;
 *                             the first line that fits wins; day by default
 *
 * Patterns are compiled when the file is loaded (JIT where available),
 * never per row.
 */
#ifndef ENGAGE_SOURCE_MAP_H
#define ENGAGE_SOURCE_MAP_H

#include <stddef.h>

#include "engage/datetime.h"
#include "engage/error.h"
#include "engage/extract_value.h"
#include "engage/pattern.h"
#include "engage/period.h"

/* How a source's rows become canonical rows; each layout is code in extract. */
enum eg_layout {
	EG_LAYOUT_LINE_ITEMS, /* one row per line item, grouped into orders by order_id */
	EG_LAYOUT_ORDERS,     /* one row per order (no line items) */
	EG_LAYOUT_RECORDS,    /* one row per row of a named table */
	EG_LAYOUT_GA4,	      /* records in a file of #-commented blocks (GA4 downloads) */
	EG_LAYOUT_UNUSED,     /* a known export holding nothing engage uses: named, not read */
};

/* The tables a source fills: orders for the order layouts, else its `table`. */
enum eg_table {
	EG_TABLE_ORDERS,	  /* orders.csv and order_lines.csv */
	EG_TABLE_SESSIONS,	  /* sessions.csv */
	EG_TABLE_EMAIL_EVENTS,	  /* email_events.csv */
	EG_TABLE_EMAIL_CAMPAIGNS, /* email_campaigns.csv */
	EG_TABLE_RESPONSES,	  /* responses.csv */
	EG_TABLE_TICKETS,	  /* tickets.csv */
	EG_TABLE_PROFILES,	  /* profiles.csv */
	EG_TABLE_LOYALTY,	  /* loyalty.csv */
	EG_TABLE_SPEND,		  /* spend.csv */
	EG_TABLE_PLATFORM_REPORT, /* platform_report.csv */
	EG_TABLE_EMAIL_RATES,	  /* email_rates.csv */
	EG_TABLE_EMAIL_FLOWS,	  /* email_flows.csv */
	EG_TABLE_COUNT
};

/* Names of the tables as written after `table` (and their file names without .csv). */
extern const char *const eg_table_names[EG_TABLE_COUNT];

/* Fields of the two order layouts, in the order of their names in source_map.c. */
enum eg_source_field {
	EG_SF_ORDER_ID,
	EG_SF_CUSTOMER_REF,
	EG_SF_EMAIL,
	EG_SF_CREATED_AT,
	EG_SF_CURRENCY,
	EG_SF_SUBTOTAL,
	EG_SF_DISCOUNT,
	EG_SF_SHIPPING,
	EG_SF_TAX,
	EG_SF_TOTAL,
	EG_SF_REFUNDED,
	EG_SF_FINANCIAL_STATUS,
	EG_SF_CANCELLED_AT,
	EG_SF_PAYMENT_METHOD,
	EG_SF_DISCOUNT_CODE,
	EG_SF_ACCEPTS_MARKETING,
	EG_SF_SKU,
	EG_SF_PRODUCT,
	EG_SF_QUANTITY,
	EG_SF_UNIT_PRICE,
	EG_SF_COUNTRY,
	EG_SF_REFUNDED_AT,    /* time of the refund (Stripe's Refunded date) */
	EG_SF_CANCELLED,      /* a yes/no cell saying the order was cancelled */
	EG_SF_ITEMS,	      /* line items, for orders sources that count them */
	EG_SF_UNITS,	      /* units, for orders sources that count them */
	EG_SF_ORDER_NAME,     /* the order's name as the shop shows it (Shopify's #1001); line
			      items: rows of one order share it */
	EG_SF_PHONE,	      /* the buyer's phone: a customer key without an email */
	EG_SF_BILLING_PHONE,  /* the billing address's phone, when phone is empty */
	EG_SF_SHIPPING_PHONE, /* the shipping address's phone, when both above are empty */
	EG_SF_DUTIES,	      /* import duties (Shopify's Duties) */
	EG_SF_ADJUSTED_TOTAL, /* orders: the total after refunds (Etsy's Adjusted Order Total),
			      empty when none; refunded is then total minus it */
	EG_SF_OTHER_EMAIL,    /* orders: an email when email's cell is empty (a Stripe
			      metadata column) */
	EG_SF_CREATED_TIME,   /* orders: the time of day, when created_at holds the date alone
			      (PayPal's Date and Time columns) */
	EG_SF_DATE_ORDER,     /* orders: us or eu, how this row's numeric dates read, when the
			      export says it per row (PayPal's Time zone, through value rules) */
	EG_SF_CUSTOMER_NAME,  /* the buyer's name, a customer key when nothing else is exported */
	EG_SF_PACKED_ITEM,    /* orders: columns each packing one line item (extract_packed_items.h) */
	EG_SF_COUNT
};

/* How extract reads and writes a field's value. */
enum eg_field_type {
	EG_FT_TEXT,	/* kept as written, white space at the ends trimmed */
	EG_FT_REF,	/* an id: trimmed, one leading ' (a spreadsheet guard) removed */
	EG_FT_WORD,	/* trimmed and lowercased (statuses, channels, event names) */
	EG_FT_TIME,	/* a time stamp, written as UTC YYYY-MM-DDTHH:MM:SSZ */
	EG_FT_DATE,	/* a calendar date, written as YYYY-MM-DD as the platform dated it */
	EG_FT_COUNT,	/* a whole number >= 0 */
	EG_FT_SECONDS,	/* a duration, rounded to whole seconds */
	EG_FT_MONEY,	/* an amount */
	EG_FT_BOOL,	/* yes/no, written true, false or "" */
	EG_FT_CURRENCY, /* an ISO 4217 code, uppercased */
	EG_FT_INTEGER,	/* a whole number, sign allowed (survey scores) */
	EG_FT_PHONE,	/* a phone number, written as its key (phone.h), "" when unusable */
	EG_FT_RATE,	/* a fraction from 0 to 1, written as exported */
};

/* One field a mapping may name. */
struct eg_field_spec {
	const char *name;	 /* as written in mapping files (and output headers) */
	enum eg_field_type type; /* how its value is read */
	const char *const
		*allowed; /* canonical values of a word field, NULL-terminated; NULL: any */
};

/*
 * The fields a mapping of layout and table may name, in index order (the
 * index is what eg_source_map's arrays and col[] use): the order fields
 * for line_items and orders, else the table's columns up to source. Sets
 * *n. NULL for a combination that does not exist.
 */
const struct eg_field_spec *eg_source_fields(enum eg_layout layout, enum eg_table table, size_t *n);

#define EG_SOURCE_MAX_FIELDS 40 /* more than any layout or table has */

/* A `value FIELD FROM = TO` line, or a `file FIELD NAME = VALUE` one. */
struct eg_source_map_value {
	int field;		 /* field index */
	struct eg_pattern *from; /* value: the whole cell must match; file: found in its name */
	char *to;		 /* canonical value, or an empty cell's (file), owned */
};

/* A `skip FIELD = PATTERN as REASON` line. */
struct eg_source_map_skip {
	int field;		  /* field index */
	struct eg_pattern *match; /* the whole cell must match */
	char *text;		  /* the pattern as written, owned, for messages */
	char *reason;		  /* reject reason code, owned */
};

/* An `only FIELD when OTHER = PATTERN` line. */
struct eg_source_map_only {
	int field;		  /* the field kept or emptied */
	int when;		  /* the field whose cell decides */
	struct eg_pattern *match; /* its whole cell must match for field to keep its cell */
};

/* A `period KIND [= PATTERN]` line. */
struct eg_source_map_period {
	enum eg_period_kind kind;  /* how the date cell reads */
	struct eg_pattern *header; /* the date column's header must match; NULL: any */
};

#define EG_SOURCE_MAX_PERIODS 8 /* period lines a mapping may have */

/* One mapping file, parsed and compiled. */
struct eg_source_map {
	char *name;			    /* source name, owned */
	char *title;			    /* the export's name for people, owned, or NULL */
	char *path;			    /* the mapping file, owned */
	enum eg_layout layout;		    /* how rows are read */
	enum eg_table table;		    /* what they become */
	const struct eg_field_spec *fields; /* the fields of layout and table: static, or
					       own_fields */
	struct eg_field_spec *own_fields;   /* layout unused: the fields its lines name,
					       names owned; else NULL */
	size_t nfields;			    /* entries at fields */
	struct eg_pattern *pattern[EG_SOURCE_MAX_FIELDS]; /* header pattern per field, or NULL */
	struct eg_pattern **alts[EG_SOURCE_MAX_FIELDS];	  /* its top-level alternatives, owned */
	size_t nalts[EG_SOURCE_MAX_FIELDS];		  /* entries at alts[f] */
	char *pattern_text[EG_SOURCE_MAX_FIELDS]; /* the pattern as written, owned, for messages */
	int need[EG_SOURCE_MAX_FIELDS];	      /* 1 when the field's column identifies the source */
	char *dflt[EG_SOURCE_MAX_FIELDS];     /* default value, owned, NULL when none */
	int has_rules[EG_SOURCE_MAX_FIELDS];  /* 1 when a value rule names the field */
	struct eg_source_map_value *values;   /* value rules in file order, owned */
	size_t nvalues;			      /* entries at values */
	struct eg_source_map_value *file_values; /* file rules in file order, owned */
	size_t nfile_values;			 /* entries at file_values */
	struct eg_source_map_skip *skips;     /* skip rules in file order, owned */
	size_t nskips;			      /* entries at skips */
	struct eg_source_map_only *onlys;     /* only rules in file order, owned */
	size_t nonlys;			      /* entries at onlys */
	int test_field;			      /* field tested for test orders, -1 when none */
	struct eg_pattern *test;	      /* pattern marking a test order, NULL when none */
	enum eg_date_order dates;	      /* order of numeric dates */
	int dates_set;			      /* a `dates` line was given */
	struct eg_extract_value_style number; /* decimal and thousands separators */
	char delimiter;			      /* field separator, 0 to find it from the header */
	char currency[8];		      /* currency without a currency column, "" if none */
	char *timezone;			      /* zone of stamps without offset, owned, or NULL */
	struct eg_source_map_period periods[EG_SOURCE_MAX_PERIODS]; /* period lines in order */
	size_t nperiods;					    /* entries at periods */
};

/*
 * Reads and compiles the mapping file at path into a new map the caller
 * frees with eg_source_map_free. A malformed file (unknown key, layout,
 * table or field, bad pattern, a field mapped twice, no `need`) is
 * EG_EUSAGE naming path:line; an unreadable one EG_EIO.
 */
int eg_source_map_load(struct eg_source_map **out, const char *path, struct eg_error *err);

/*
 * Like eg_source_map_load, reading the mapping from the NUL-terminated
 * text instead (name stands for the path in messages). For tests.
 */
int eg_source_map_parse(struct eg_source_map **out, const char *name, const char *text,
			struct eg_error *err);

/* Frees m. NULL is a no-op. */
void eg_source_map_free(struct eg_source_map *m);

/* Index of field name in m's fields, -1 when m's layout and table have no such field. */
int eg_source_map_field(const struct eg_source_map *m, const char *name);

/*
 * Finds, for each field m maps, the header column its pattern names: the
 * leftmost of the ncols names matching the pattern's first alternative that
 * matches any, storing the column index in col (-1 when none; col has room
 * for EG_SOURCE_MAX_FIELDS). Returns how many `need` fields have no column.
 */
size_t eg_source_map_bind(const struct eg_source_map *m, const char *const *names, size_t ncols,
			  long *col);

/*
 * The value of field f in a cell of len bytes at s after m's value rules:
 * the TO of the first rule whose FROM matches the whole cell, else the
 * cell; an empty result gives the field's default when it has one. The
 * result is s or a string owned by m; its length goes to *out_len.
 */
const char *eg_source_map_translate(const struct eg_source_map *m, int f, const char *s, size_t len,
				    size_t *out_len);

/*
 * The VALUE of the first `file` line of field f whose NAME pattern is found
 * in the base name of path, NULL when none is (a string owned by m).
 */
const char *eg_source_map_file_value(const struct eg_source_map *m, int f, const char *path);

/*
 * The period kind of m's rows when its date column is named header (NULL
 * or "" when the file has no date column): the first period line whose
 * pattern matches, else day, or range without a date column.
 */
enum eg_period_kind eg_source_map_period(const struct eg_source_map *m, const char *header);

/* All mapping files of a folder, sorted by source name. */
struct eg_source_set {
	struct eg_source_map **maps; /* owned */
	size_t n;		     /* entries at maps */
};

/*
 * Loads every *.source file of dir into set (appending, so several folders
 * can be loaded). A source name defined twice is EG_EUSAGE.
 */
int eg_source_set_load_dir(struct eg_source_set *set, const char *dir, struct eg_error *err);

/* Frees every map of set and empties it. */
void eg_source_set_release(struct eg_source_set *set);

#endif
