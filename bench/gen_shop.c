/*
 * gen_shop.c - the synthetic shop of make bench: a Shopify orders export
 * (Admin > Orders > Export, the 79-column layout that
 * stages/extract/sources/shopify_orders.source maps and
 * fixtures/shopify/orders_export.csv holds) with exactly --lines line-item
 * rows, byte-identical for a given seed.
 *
 * Orders are numbered in time order (#1001 is the oldest) and written
 * newest first, as Shopify does. Every random choice about order i comes
 * from its own generator seeded by (seed, i), so no order depends on the
 * ones written before it: the file streams out in one pass with constant
 * memory, and the first pass that counts orders only draws each order's
 * number of lines. No floating-point function other than sqrt (exactly
 * rounded by IEEE 754) decides a byte, so the output does not depend on
 * the C library either.
 *
 * The shop: a US coffee roaster whose store time zone is America/New_York
 * (offsets -0500 and -0400), order volume doubling over the period,
 * customers acquired at a steady rate (order i is the first order of a new
 * customer when floor((i+1)C/N) grows), returning orders drawn half
 * uniformly and half towards recently acquired customers. Guests without
 * an email, emails typed in mixed case or with spaces, test orders (paid
 * through the "Bogus" gateway), cancelled, refunded and partially refunded
 * orders, discount codes, quoted product names and notes holding line
 * breaks are all there, at the rates in the constants below. A new
 * customer's first order is never a guest, test or cancelled order, so the
 * shop has exactly --customers customers with a counted order.
 *
 * Usage: gen_shop --lines N --out FILE [--customers N] [--seed N]
 *                 [--start YYYY-MM] [--months N]
 * The file is written to FILE.tmp and renamed when complete. A summary
 * line goes to stderr. Exit 0 on success, 2 on a usage error, 3 when the
 * file cannot be written.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rates, in thousandths of the orders that may have them. */
#define GUEST_PER_MILLE 40      /* returning orders without an email */
#define TEST_PER_MILLE 1        /* returning orders through the test gateway */
#define CANCEL_PER_MILLE 15     /* returning orders cancelled (voided) */
#define REFUND_PER_MILLE 25     /* orders fully refunded */
#define PARTIAL_PER_MILLE 35    /* orders partially refunded */
#define PENDING_PER_MILLE 5     /* orders not paid yet */
#define DISCOUNT_PER_MILLE 120  /* orders with a discount code */
#define MIXED_CASE_PER_MILLE 20 /* emails typed with capitals */
#define SPACES_PER_MILLE 10     /* emails typed with spaces around them */
#define NOTE_PER_MILLE 5        /* orders with a note holding a line break */

/* The output buffer is flushed when less than this is left. */
#define BUF_SIZE (1 << 20)
#define ROW_MAX 8192

/* A product of the catalogue. */
struct product {
	const char *name;   /* as a CSV field, quoted when it must be */
	const char *sku;    /* stock keeping unit */
	const char *vendor; /* brand */
	int price;          /* cents */
	int compare_at;     /* cents, 0 when none */
};

static const struct product catalogue[] = {
	{"Ethiopia Yirgacheffe - Whole Bean / 340g", "NWR-ETH-WB-340", "Northwind Roasters", 1850, 0},
	{"Ethiopia Yirgacheffe - Ground / 340g", "NWR-ETH-GR-340", "Northwind Roasters", 1850, 0},
	{"Colombia Huila - Whole Bean / 340g", "NWR-COL-WB-340", "Northwind Roasters", 1675, 0},
	{"Colombia Huila - Ground / 340g", "NWR-COL-GR-340", "Northwind Roasters", 1675, 0},
	{"Decaf Peru - Whole Bean / 340g", "NWR-DPE-WB-340", "Northwind Roasters", 1725, 0},
	{"Decaf Peru - Ground / 340g", "NWR-DPE-GR-340", "Northwind Roasters", 1725, 0},
	{"Kenya Nyeri - Whole Bean / 340g", "NWR-KEN-WB-340", "Northwind Roasters", 2100, 0},
	{"Guatemala Antigua - Whole Bean / 340g", "NWR-GUA-WB-340", "Northwind Roasters", 1790,
	 0},
	{"Sumatra Mandheling - Whole Bean / 1kg", "NWR-SUM-WB-1000", "Northwind Roasters", 4400,
	 4900},
	{"\"The \"\"Monday\"\" Blend - Whole Bean / 1kg\"", "NWR-MON-WB-1000", "Northwind Roasters",
	 4200, 4800},
	{"\"The \"\"Monday\"\" Blend - Ground / 340g\"", "NWR-MON-GR-340", "Northwind Roasters",
	 1600, 0},
	{"Espresso Forte - Whole Bean / 340g", "NWR-ESP-WB-340", "Northwind Roasters", 1650, 0},
	{"Taster Flight - 4 x 100g", "NWR-TST-4X100", "Northwind Roasters", 2499, 2999},
	{"Cold Brew Bags - 12 pack", "NWR-CBB-12", "Northwind Roasters", 1133, 0},
	{"Subscription Box - Monthly", "NWR-SUB-1M", "Northwind Roasters", 3200, 0},
	{"Paper Filters - 100 pack", "KCO-FLT-100", "Kettle & Co", 649, 0},
	{"Ceramic Dripper - White", "KCO-DRP-WHT", "Kettle & Co", 2795, 0},
	{"Ceramic Dripper - Black", "KCO-DRP-BLK", "Kettle & Co", 2795, 0},
	{"Pour-Over Kettle - Matte Black", "KCO-KTL-BLK", "Kettle & Co", 6499, 7999},
	{"Pour-Over Kettle - Copper", "KCO-KTL-CPR", "Kettle & Co", 7499, 8999},
	{"Burr Grinder - Steel", "KCO-GRD-STL", "Kettle & Co", 12900, 14900},
	{"\"Espresso Cups, Set of 2 - Cream\"", "KCO-ESP-CRM", "Kettle & Co", 2240, 0},
	{"\"Espresso Cups, Set of 2 - Slate\"", "KCO-ESP-SLT", "Kettle & Co", 2240, 0},
	{"Travel Mug - 350ml", "KCO-MUG-350", "Kettle & Co", 2450, 0},
	{"Gift Card - $25", "NWR-GC-25", "Northwind Roasters", 2500, 0},
	{"Gift Card - $50", "NWR-GC-50", "Northwind Roasters", 5000, 0},
	{"Digital Scale - 0.1g", "KCO-SCL-01", "Kettle & Co", 3999, 4499},
	{"Milk Frother - Handheld", "KCO-FRO-HH", "Kettle & Co", 1999, 0},
};
#define NPRODUCTS ((int)(sizeof(catalogue) / sizeof(catalogue[0])))

/* A place customers live, with its sales tax. */
struct place {
	const char *city;     /* city */
	const char *zip;      /* zip code, without Shopify's apostrophe */
	const char *province; /* state code */
	const char *name;     /* state name */
	int tax_bp;           /* state tax, hundredths of a percent */
	const char *tax_name; /* the Tax 1 Name column */
	int city_bp;          /* a city tax on top, 0 when none */
	const char *city_tax; /* the Tax 2 Name column */
};

static const struct place places[] = {
	{"Newton", "02467", "MA", "Massachusetts", 625, "Massachusetts State Tax 6.25%", 0, ""},
	{"Cambridge", "02139", "MA", "Massachusetts", 625, "Massachusetts State Tax 6.25%", 0, ""},
	{"Stamford", "06901", "CT", "Connecticut", 635, "Connecticut State Tax 6.35%", 0, ""},
	{"Hartford", "06105", "CT", "Connecticut", 635, "Connecticut State Tax 6.35%", 0, ""},
	{"Edison", "08817", "NJ", "New Jersey", 663, "New Jersey State Tax 6.625%", 0, ""},
	{"Jersey City", "07302", "NJ", "New Jersey", 663, "New Jersey State Tax 6.625%", 0, ""},
	{"New York", "10022", "NY", "New York", 400, "New York State Tax 4%", 450,
	 "New York City Tax 4.5%"},
	{"Brooklyn", "11215", "NY", "New York", 400, "New York State Tax 4%", 450,
	 "New York City Tax 4.5%"},
	{"Pittsburgh", "15219", "PA", "Pennsylvania", 600, "Pennsylvania State Tax 6%", 0, ""},
	{"Philadelphia", "19106", "PA", "Pennsylvania", 600, "Pennsylvania State Tax 6%", 0, ""},
	{"Portland", "97205", "OR", "Oregon", 0, "Oregon State Tax 0%", 0, ""},
	{"Chicago", "60614", "IL", "Illinois", 625, "Illinois State Tax 6.25%", 0, ""},
	{"Austin", "78701", "TX", "Texas", 625, "Texas State Tax 6.25%", 0, ""},
	{"Seattle", "98101", "WA", "Washington", 650, "Washington State Tax 6.5%", 0, ""},
	{"Oakland", "94612", "CA", "California", 600, "California State Tax 6%", 0, ""},
	{"Miami", "33130", "FL", "Florida", 600, "Florida State Tax 6%", 0, ""},
};
#define NPLACES ((int)(sizeof(places) / sizeof(places[0])))

static const char *const first_names[] = {
	"olivia", "liam",  "emma",   "noah",  "ava",    "elijah", "sophia", "james",
	"isabel", "lucas", "mia",    "mateo", "amelia", "ethan",  "harper", "jonah",
	"chloe",  "hugo",  "nina",   "ben",   "grace",  "tom",    "maya",   "farid",
	"priya",  "sam",   "kenji",  "zoe",   "victor", "lucia",  "david",  "rachel",
};
static const char *const last_names[] = {
	"smith",  "johnson", "garcia", "miller",  "davis",  "lopez",   "wilson", "moore",
	"taylor", "thomas",  "lee",    "harris",  "clark",  "lewis",   "walker", "young",
	"mori",   "rivera",  "shah",   "grant",   "nguyen", "silva",   "lang",   "haddad",
	"petrova", "kim",    "becker", "cohen",   "weiss",  "larsen",  "ruiz",   "okafor",
};
static const char *const domains[] = {
	"example.com", "example.org", "example.net", "mail.example.com",
	"inbox.example", "post.example", "example.co.uk", "example.io",
};
static const char *const streets[] = {
	"Maple Ave", "Main St", "Ridge Rd", "Chestnut Hill Rd", "Beacon Row", "Cherry St",
	"Walnut St", "Harbor View Dr", "Liberty Ave", "Whitney Ave", "Atlantic Ave", "Grove St",
	"Orchard Ln", "Prospect Park W", "Fairmount Ave", "Lexington Ave",
};
static const char *const discount_codes[] = {"WELCOME10", "SPRING15", "LOYAL20"};
static const int discount_pct[] = {10, 15, 20};

/* What the whole file is made of. */
struct shop {
	uint64_t seed;       /* --seed */
	uint64_t lines;      /* --lines: line-item rows to write */
	uint64_t customers;  /* --customers */
	uint64_t orders;     /* orders needed for the lines, from the first pass */
	uint64_t last_lines; /* lines of the newest order, cut to reach --lines */
	int64_t start;       /* first instant, seconds since 1970 UTC */
	int64_t span;        /* seconds from start to the end of the period */
	FILE *out;           /* the file being written */
	char *buf;           /* output buffer of BUF_SIZE bytes */
	size_t used;         /* bytes of buf in use */
	uint64_t bytes;      /* bytes written in all */
};

/* splitmix64 (Steele, Lea, Flood 2014): small, fast, well mixed. */
static uint64_t next(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* The generator state of item i of a stream (orders, customers) of a seed. */
static uint64_t stream(uint64_t seed, uint64_t kind, uint64_t i)
{
	uint64_t s = seed * 0xD1B54A32D192ED03ULL + kind * 0x8CB92BA72F3D8DD7ULL;

	s ^= next(&s) + i * 0x9E3779B97F4A7C15ULL;
	next(&s);
	return s;
}

static uint64_t below(uint64_t *s, uint64_t n)
{
	return next(s) % n;
}

/* A uniform double in [0, 1) from the top 53 bits. */
static double unit(uint64_t *s)
{
	return (double)(next(s) >> 11) * (1.0 / 9007199254740992.0);
}

/* The number of lines of an order: its generator's first draw. */
static uint64_t draw_lines(uint64_t *s)
{
	uint64_t p = below(s, 100);

	if (p < 52)
		return 1;
	if (p < 78)
		return 2;
	if (p < 90)
		return 3;
	if (p < 96)
		return 4;
	return 5 + below(s, 4);
}

/* Days since 1970-01-01 of a civil date (Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

/* The civil date of a day number (Hinnant's civil_from_days). */
static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

/* The day of the n-th Sunday (n >= 1) of a month. */
static int64_t nth_sunday(int64_t y, unsigned m, int n)
{
	int64_t d = days_from_civil(y, m, 1);
	int64_t wd = ((d % 7) + 11) % 7; /* 1970-01-01 was a Thursday: 0 = Sunday */

	return d + (7 - wd) % 7 + 7 * (n - 1);
}

/* The UTC offset of New York at instant t, in seconds (US rules since 2007). */
static int ny_offset(int64_t t)
{
	int64_t y;
	unsigned m, d;
	int64_t begin, end;

	civil_from_days((t - 5 * 3600) / 86400, &y, &m, &d);
	begin = nth_sunday(y, 3, 2) * 86400 + 7 * 3600; /* 02:00 EST */
	end = nth_sunday(y, 11, 1) * 86400 + 6 * 3600;  /* 02:00 EDT */
	return t >= begin && t < end ? -4 * 3600 : -5 * 3600;
}

/* Two digits of v at p. */
static void two(char *p, unsigned v)
{
	p[0] = (char)('0' + v / 10 % 10);
	p[1] = (char)('0' + v % 10);
}

/* Writes t as "YYYY-MM-DD HH:MM:SS -0500" in New York time into out[26]. */
static void format_time(char *out, int64_t t)
{
	int off = ny_offset(t);
	int64_t local = t + off, y;
	unsigned m, d, sec = (unsigned)(local % 86400);

	civil_from_days(local / 86400, &y, &m, &d);
	memcpy(out, "0000-00-00 00:00:00 -0000", 26);
	two(out, (unsigned)(y / 100));
	two(out + 2, (unsigned)(y % 100));
	two(out + 5, m);
	two(out + 8, d);
	two(out + 11, sec / 3600);
	two(out + 14, sec / 60 % 60);
	two(out + 17, sec % 60);
	two(out + 21, (unsigned)(-off / 3600));
}

/* Output: the buffer is written out when nearly full. */
static int flush(struct shop *sh)
{
	if (sh->used && fwrite(sh->buf, 1, sh->used, sh->out) != sh->used)
		return -1;
	sh->bytes += sh->used;
	sh->used = 0;
	return 0;
}

static void put(struct shop *sh, const char *s)
{
	size_t n = strlen(s);

	memcpy(sh->buf + sh->used, s, n);
	sh->used += n;
}

static void putc1(struct shop *sh, char c)
{
	sh->buf[sh->used++] = c;
}

/* n empty fields, each closed by its comma. */
static void empties(struct shop *sh, int n)
{
	memset(sh->buf + sh->used, ',', (size_t)n);
	sh->used += (size_t)n;
}

static void put_u64(struct shop *sh, uint64_t v)
{
	char tmp[24];
	int n = 0;

	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	while (n)
		sh->buf[sh->used++] = tmp[--n];
}

/* An amount in cents as "12.50". */
static void put_money(struct shop *sh, int64_t cents)
{
	put_u64(sh, (uint64_t)(cents / 100));
	putc1(sh, '.');
	putc1(sh, (char)('0' + cents % 100 / 10));
	putc1(sh, (char)('0' + cents % 10));
}

/* A random reference of n letters and digits after a prefix. */
static void put_token(struct shop *sh, uint64_t *s, char prefix, int n)
{
	static const char al[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	uint64_t r = next(s);
	int i;

	putc1(sh, prefix);
	for (i = 0; i < n; i++) {
		if (i % 10 == 9)
			r = next(s);
		putc1(sh, al[r % 62]);
		r /= 62;
	}
}

/* A customer's name and email, fixed by the seed and the customer number. */
struct person {
	const char *first; /* first name, lower case */
	const char *last;  /* last name, lower case */
	const char *domain;
	const struct place *place;
	unsigned street_no;
	const char *street;
	int marketing;   /* accepts marketing */
	uint64_t phone;  /* 0 when none */
	int company;     /* has a company name */
};

static void person(const struct shop *sh, uint64_t k, struct person *p)
{
	uint64_t s = stream(sh->seed, 2, k);

	p->first = first_names[below(&s, sizeof(first_names) / sizeof(first_names[0]))];
	p->last = last_names[below(&s, sizeof(last_names) / sizeof(last_names[0]))];
	p->domain = domains[below(&s, sizeof(domains) / sizeof(domains[0]))];
	p->place = &places[below(&s, NPLACES)];
	p->street_no = 1 + (unsigned)below(&s, 998);
	p->street = streets[below(&s, sizeof(streets) / sizeof(streets[0]))];
	p->marketing = below(&s, 100) < 55;
	p->phone = below(&s, 100) < 30 ? 12000000000ULL + below(&s, 7999999999ULL) : 0;
	p->company = below(&s, 100) < 3;
}

/* A name with its first letter in capitals. */
static void put_capital(struct shop *sh, const char *s)
{
	putc1(sh, (char)(s[0] - 'a' + 'A'));
	put(sh, s + 1);
}

static void put_email(struct shop *sh, const struct person *p, uint64_t k, int variant)
{
	if (variant == 2)
		putc1(sh, ' ');
	if (variant == 1)
		put_capital(sh, p->first);
	else
		put(sh, p->first);
	putc1(sh, '.');
	if (variant == 1)
		put_capital(sh, p->last);
	else
		put(sh, p->last);
	put_u64(sh, k);
	putc1(sh, '@');
	if (variant == 1)
		put_capital(sh, p->domain);
	else
		put(sh, p->domain);
	if (variant == 2)
		putc1(sh, ' ');
}

static void put_full_name(struct shop *sh, const struct person *p)
{
	put_capital(sh, p->first);
	putc1(sh, ' ');
	put_capital(sh, p->last);
}

/* Billing or shipping address columns: Name .. Phone (10 fields, each closed). */
static void put_address(struct shop *sh, const struct person *p)
{
	put_full_name(sh, p);
	putc1(sh, ',');
	put_u64(sh, p->street_no);
	putc1(sh, ' ');
	put(sh, p->street);
	putc1(sh, ',');
	put_u64(sh, p->street_no);
	putc1(sh, ' ');
	put(sh, p->street);
	put(sh, ",,");
	if (p->company) {
		put(sh, "\"");
		put_capital(sh, p->last);
		put(sh, ", Hale & Partners\"");
	}
	putc1(sh, ',');
	put(sh, p->place->city);
	put(sh, ",'");
	put(sh, p->place->zip);
	putc1(sh, ',');
	put(sh, p->place->province);
	put(sh, ",US,");
	if (p->phone) {
		put(sh, "+1");
		put_u64(sh, p->phone);
	}
	putc1(sh, ',');
}

/* One line item of an order. */
struct item {
	int product; /* index into catalogue */
	int qty;     /* units */
};

/* The instant of order i: volume doubles over the period, so the fraction
 * f of orders placed by time x (as a fraction of the period) solves
 * f = (2x + x^2) / 3. */
static int64_t order_time(const struct shop *sh, uint64_t i, double u)
{
	double f = ((double)i + u) / (double)sh->orders;
	double x = sqrt(1.0 + 3.0 * f) - 1.0;

	return sh->start + (int64_t)(x * (double)sh->span);
}

/* Writes every row of order i (0 = the oldest). */
static int write_order(struct shop *sh, uint64_t i)
{
	uint64_t s = stream(sh->seed, 1, i);
	uint64_t nlines = draw_lines(&s);
	uint64_t acq = (i + 1) * sh->customers / sh->orders;
	uint64_t acq_before = i * sh->customers / sh->orders;
	int is_new = acq > acq_before, guest = 0, test = 0, cancelled = 0, variant = 0;
	uint64_t k = 0, id = 5000000000000ULL + i * 16 + below(&s, 16);
	int64_t t = order_time(sh, i, unit(&s)), items = 0, discount = 0, subtotal, shipping;
	int64_t tax1, tax2, total, refunded = 0;
	struct item it[8];
	struct person p;
	const char *status = "paid";
	const char *pay = "Shopify Payments";
	int code = -1, fulfilled, note;
	char created[26], paid[26], done[26], cancel[26];
	uint64_t n, ps;

	if (i == sh->orders - 1)
		nlines = sh->last_lines;
	if (is_new) {
		k = acq - 1;
	} else if (acq == 0 || below(&s, 1000) < GUEST_PER_MILLE) {
		guest = 1;
	} else {
		double u = unit(&s);

		if (below(&s, 2))
			k = acq - 1 - (uint64_t)((double)acq * u * u);
		else
			k = (uint64_t)((double)acq * u);
		if (k >= acq)
			k = acq - 1;
		test = below(&s, 1000) < TEST_PER_MILLE;
		cancelled = !test && below(&s, 1000) < CANCEL_PER_MILLE;
	}
	person(sh, guest ? sh->customers + i : k, &p);
	ps = below(&s, 1000);
	variant = ps < MIXED_CASE_PER_MILLE ? 1 : ps < MIXED_CASE_PER_MILLE + SPACES_PER_MILLE ? 2 : 0;
	for (n = 0; n < nlines; n++) {
		double u = unit(&s);
		uint64_t q = below(&s, 100);

		it[n].product = (int)(u * u * NPRODUCTS);
		it[n].qty = q < 78 ? 1 : q < 94 ? 2 : 3 + (int)(q % 3);
		items += (int64_t)catalogue[it[n].product].price * it[n].qty;
	}
	if (below(&s, 1000) < DISCOUNT_PER_MILLE) {
		code = (int)below(&s, 3);
		discount = (items * discount_pct[code] + 50) / 100;
	}
	subtotal = items - discount;
	shipping = subtotal >= 5000 ? 0 : 695;
	tax1 = (subtotal * p.place->tax_bp + 5000) / 10000;
	tax2 = (subtotal * p.place->city_bp + 5000) / 10000;
	total = subtotal + shipping + tax1 + tax2;
	if (test) {
		pay = "Bogus";
	} else if (cancelled) {
		status = "voided";
	} else {
		uint64_t r = below(&s, 1000);

		if (r < REFUND_PER_MILLE) {
			status = "refunded";
			refunded = total;
		} else if (r < REFUND_PER_MILLE + PARTIAL_PER_MILLE) {
			status = "partially_refunded";
			refunded = total * (int64_t)(20 + below(&s, 41)) / 100;
		} else if (r < REFUND_PER_MILLE + PARTIAL_PER_MILLE + PENDING_PER_MILLE) {
			status = "pending";
		}
		r = below(&s, 100);
		if (r < 8)
			pay = "PayPal Express Checkout";
		else if (r < 10)
			pay = "Gift Card + Shopify Payments";
	}
	format_time(created, t);
	format_time(paid, t + 2 + (int64_t)below(&s, 9));
	format_time(done, t + 86400 + (int64_t)below(&s, 2 * 86400));
	format_time(cancel, t + 3600 + (int64_t)below(&s, 4 * 3600));
	fulfilled = !cancelled && strcmp(status, "refunded") != 0 && t < sh->start + sh->span - 3 * 86400;
	note = below(&s, 1000) < NOTE_PER_MILLE;

	for (n = 0; n < nlines; n++) {
		const struct product *pr = &catalogue[it[n].product];

		if (sh->used > BUF_SIZE - ROW_MAX && flush(sh) != 0)
			return -1;
		putc1(sh, '#');
		put_u64(sh, 1001 + i);
		putc1(sh, ',');
		if (test)
			put(sh, "qa@northwind.example");
		else if (!guest)
			put_email(sh, &p, k, variant);
		putc1(sh, ',');
		if (n == 0) {
			put(sh, status);
			putc1(sh, ',');
			if (!cancelled && strcmp(status, "pending") != 0)
				put(sh, paid);
			putc1(sh, ',');
			put(sh, fulfilled ? "fulfilled," : strcmp(status, "refunded") == 0 ? "restocked,"
										      : "unfulfilled,");
			if (fulfilled)
				put(sh, done);
			putc1(sh, ',');
			put(sh, p.marketing && !guest ? "yes" : "no");
			put(sh, ",USD,");
			put_money(sh, subtotal);
			putc1(sh, ',');
			put_money(sh, shipping);
			putc1(sh, ',');
			put_money(sh, tax1 + tax2);
			putc1(sh, ',');
			put_money(sh, total);
			putc1(sh, ',');
			put(sh, code >= 0 ? discount_codes[code] : "\"\"");
			putc1(sh, ',');
			put_money(sh, discount);
			put(sh, shipping ? ",Standard Shipping," : ",Free Shipping,");
		} else {
			empties(sh, 13);
		}
		put(sh, created);
		putc1(sh, ',');
		put_u64(sh, (uint64_t)it[n].qty);
		putc1(sh, ',');
		put(sh, pr->name);
		putc1(sh, ',');
		put_money(sh, pr->price);
		putc1(sh, ',');
		if (pr->compare_at)
			put_money(sh, pr->compare_at);
		putc1(sh, ',');
		put(sh, pr->sku);
		put(sh, ",true,true,");
		put(sh, fulfilled ? "fulfilled," : strcmp(status, "refunded") == 0 ? "restocked,"
									      : "pending,");
		if (n == 0) {
			put_address(sh, &p); /* billing */
			put_address(sh, &p); /* shipping */
			if (note)
				put(sh, "\"Please leave it with the front desk,\nIt's a gift - no "
					"invoice in the box please.\",\"gift_wrap: yes\ngift_message: "
					"Happy birthday!\"");
			else
				putc1(sh, ',');
			putc1(sh, ',');
			if (cancelled)
				put(sh, cancel);
			putc1(sh, ',');
			put(sh, pay);
			put(sh, ",c");
			put_u64(sh, 31029000000000ULL + id % 1000000000ULL * 7);
			put(sh, ".1,");
			put_money(sh, refunded);
			putc1(sh, ',');
			put(sh, pr->vendor);
			put(sh, ",0.00,,,,");
			put_u64(sh, id);
			putc1(sh, ',');
			if (test)
				put(sh, "test");
			else if (!guest && k % 97 == 0)
				put(sh, "vip");
			ps = below(&s, 100);
			put(sh, ps < 93 ? ",Low," : ps < 99 ? ",Medium," : ",High,");
			ps = below(&s, 100);
			put(sh, ps < 90 ? "web" : ps < 93 ? "shopify_draft_order" : "580111");
			put(sh, ",0.00,");
			put(sh, p.place->tax_name);
			putc1(sh, ',');
			put_money(sh, tax1);
			putc1(sh, ',');
			if (p.place->city_bp) {
				put(sh, p.place->city_tax);
				putc1(sh, ',');
				put_money(sh, tax2);
			} else {
				putc1(sh, ',');
			}
			empties(sh, 7);
			if (p.phone && !guest) {
				put(sh, "+1");
				put_u64(sh, p.phone);
			}
			put(sh, ",,,");
			put(sh, p.place->name);
			putc1(sh, ',');
			put(sh, p.place->name);
			putc1(sh, ',');
			if (test) {
				put(sh, "bogus_");
				put_token(sh, &s, 'b', 10);
				put(sh, ",,,bogus_");
				put_token(sh, &s, 'b', 10);
			} else {
				uint64_t save = s;

				put_token(sh, &s, 'r', 24);
				put(sh, ",,,");
				if (strcmp(pay, "Gift Card + Shopify Payments") == 0) {
					put_token(sh, &s, 'g', 12);
					put(sh, " + ");
				}
				s = save;
				put_token(sh, &s, 'r', 24);
			}
		} else {
			empties(sh, 26);
			put(sh, pr->vendor);
			empties(sh, 9);
			put(sh, "0.00");
			empties(sh, 19);
		}
		putc1(sh, '\n');
	}
	return 0;
}

static int parse_u64(const char *s, uint64_t *out)
{
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 10);
	return errno == 0 && end != s && *end == '\0' && s[0] != '-' ? 0 : -1;
}

static int usage(void)
{
	fputs("usage: gen_shop --lines N --out FILE [--customers N] [--seed N] [--start YYYY-MM] "
	      "[--months N]\n",
	      stderr);
	return 2;
}

int main(int argc, char **argv)
{
	struct shop sh;
	const char *path = NULL, *start = "2023-01";
	uint64_t months = 36, sum = 0, i, n;
	char *tmp;
	int a, y, m;

	memset(&sh, 0, sizeof(sh));
	sh.seed = 1;
	for (a = 1; a < argc; a++) {
		const char *v = a + 1 < argc ? argv[a + 1] : NULL;

		if (!v)
			return usage();
		if (strcmp(argv[a], "--lines") == 0 && parse_u64(v, &sh.lines) == 0)
			a++;
		else if (strcmp(argv[a], "--customers") == 0 && parse_u64(v, &sh.customers) == 0)
			a++;
		else if (strcmp(argv[a], "--seed") == 0 && parse_u64(v, &sh.seed) == 0)
			a++;
		else if (strcmp(argv[a], "--months") == 0 && parse_u64(v, &months) == 0 && months)
			a++;
		else if (strcmp(argv[a], "--start") == 0)
			start = argv[++a];
		else if (strcmp(argv[a], "--out") == 0)
			path = argv[++a];
		else
			return usage();
	}
	if (!path || !sh.lines || sscanf(start, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12 ||
	    months > 1200)
		return usage();
	if (!sh.customers)
		sh.customers = sh.lines / 10 ? sh.lines / 10 : 1;

	/* First pass: how many orders make the lines. */
	for (i = 0; sum < sh.lines; i++) {
		uint64_t s = stream(sh.seed, 1, i);

		n = draw_lines(&s);
		sh.last_lines = sum + n > sh.lines ? sh.lines - sum : n;
		sum += n;
	}
	sh.orders = i;
	if (sh.customers > sh.orders)
		sh.customers = sh.orders;
	/* Midnight in New York (EST in winter, EDT otherwise) of the first day. */
	sh.start = days_from_civil(y, (unsigned)m, 1) * 86400;
	sh.start -= ny_offset(sh.start + 5 * 3600);
	y += (int)((uint64_t)(m - 1 + months) / 12);
	m = (int)((uint64_t)(m - 1 + months) % 12) + 1;
	sh.span = days_from_civil(y, (unsigned)m, 1) * 86400;
	sh.span -= ny_offset(sh.span + 5 * 3600);
	sh.span -= sh.start;

	tmp = malloc(strlen(path) + 5);
	sh.buf = malloc(BUF_SIZE);
	if (!tmp || !sh.buf) {
		fputs("gen_shop: out of memory\n", stderr);
		return 3;
	}
	sprintf(tmp, "%s.tmp", path);
	sh.out = fopen(tmp, "wb");
	if (!sh.out) {
		fprintf(stderr, "gen_shop: unable to create '%s': %s\n", tmp, strerror(errno));
		return 3;
	}
	put(&sh, "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts "
		 "Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount "
		 "Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem "
		 "price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem "
		 "taxable,Lineitem fulfillment status,Billing Name,Billing Street,Billing "
		 "Address1,Billing Address2,Billing Company,Billing City,Billing Zip,Billing "
		 "Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping "
		 "Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping "
		 "Province,Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled "
		 "at,Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding "
		 "Balance,Employee,Location,Device ID,Id,Tags,Risk Level,Source,Lineitem "
		 "discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax "
		 "4 Name,Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,Billing "
		 "Province Name,Shipping Province Name,Payment ID,Payment Terms Name,Next Payment "
		 "Due At,Payment References\n");
	for (i = sh.orders; i-- > 0;)
		if (write_order(&sh, i) != 0)
			break;
	if (flush(&sh) != 0 || fclose(sh.out) != 0 || rename(tmp, path) != 0) {
		fprintf(stderr, "gen_shop: unable to write '%s': %s\n", path, strerror(errno));
		remove(tmp);
		return 3;
	}
	fprintf(stderr, "gen_shop: %s: %" PRIu64 " lines, %" PRIu64 " orders, %" PRIu64
			" customers, %" PRIu64 " bytes\n",
		path, sh.lines, sh.orders, sh.customers, sh.bytes);
	free(tmp);
	free(sh.buf);
	return 0;
}
