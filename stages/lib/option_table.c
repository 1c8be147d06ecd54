/*
 * option_table.c - getopt_long's array, the parse and the options part of
 * --help, all from one option table. What it says goes through cli.c.
 */
#include "engage/option_table.h"

#include "engage/cli.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HELP_WIDTH 79 /* --help lines end before this column */
#define LABEL_MAX 20  /* a longer label ("--pseudonymize KEYFILE") has a line of its own */
#define LONG_VAL 256  /* a long option's getopt val is this plus its index */

struct option *eg_option_longopts(const struct eg_option *table, int own_messages,
				  char *optstring)
{
	struct option *longopts;
	size_t n = 0, i;
	char *p = optstring;

	while (table[n].kind != EG_OPTION_END)
		n++;
	longopts = calloc(n + 1, sizeof(*longopts));
	if (!longopts)
		return NULL;
	if (own_messages)
		*p++ = ':';
	for (i = 0; i < n; i++) {
		const struct eg_option *o = &table[i];
		int has_arg = !o->arg ? no_argument
			      : o->kind == EG_OPTION_SWITCH ? optional_argument
							      : required_argument;

		longopts[i].name = o->long_name;
		longopts[i].has_arg = has_arg;
		longopts[i].val = LONG_VAL + (int)i;
		if (o->short_name) {
			*p++ = o->short_name;
			if (has_arg != no_argument)
				*p++ = ':';
			if (has_arg == optional_argument)
				*p++ = ':';
		}
	}
	*p = '\0';
	return longopts;
}

/* Returns the entry getopt_long's answer c names, or NULL. */
static const struct eg_option *entry_of(const struct eg_option *table, int c)
{
	size_t i;

	for (i = 0; table[i].kind != EG_OPTION_END; i++)
		if ((c >= LONG_VAL && (size_t)(c - LONG_VAL) == i) ||
		    (c > 0 && c < LONG_VAL && table[i].short_name == c))
			return &table[i];
	return NULL;
}

/* Writes the option as the user spelled it ("--jobs", "-j") into buf. */
static const char *spelled(const struct eg_option *o, int c, char *buf, size_t size)
{
	if (c >= LONG_VAL)
		snprintf(buf, size, "--%s", o->long_name);
	else
		snprintf(buf, size, "-%c", c);
	return buf;
}

/* Parses a whole number from 1 to 99999, or returns -1. */
static int64_t positive(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	return *s && !*end && v > 0 && v < 100000 ? v : -1;
}

/* Parses a whole number from 1, or the word all (INT64_MAX), or returns -1. */
static int64_t count_or_all(const char *s, const char *all)
{
	char *end;
	long long v;

	if (strcmp(s, all) == 0)
		return INT64_MAX;
	errno = 0;
	v = strtoll(s, &end, 10);
	return s[0] >= '0' && s[0] <= '9' && !*end && errno == 0 && v >= 1 ? (int64_t)v : -1;
}

/* Parses a share from 0 to 1 (1 excluded), or returns -1. */
static double share(const char *s)
{
	char *end;
	double v = strtod(s, &end);

	return *s && !*end && v >= 0 && v < 1 ? v : -1;
}

/* Stores arg by o's kind; returns EG_OPTIONS_READ or an exit code. */
static int store(const struct eg_command *cmd, const struct eg_option *o, const char *as,
		 const char *arg)
{
	double d;
	int64_t n;

	switch (o->kind) {
	case EG_OPTION_FLAG:
		*(int *)o->value = 1;
		break;
	case EG_OPTION_SWITCH:
		if (arg && arg[0] && strcmp(arg, "0") != 0 && strcmp(arg, "1") != 0)
			return eg_cli_usage_error(cmd->name, "%s takes 1, 0 or nothing", as);
		*(int *)o->value = !arg || strcmp(arg, "1") == 0;
		break;
	case EG_OPTION_TEXT:
		*(const char **)o->value = o->none && strcmp(arg, o->none) == 0 ? NULL : arg;
		break;
	case EG_OPTION_LIST:
		if (*o->count == o->max)
			return eg_cli_usage_error(cmd->name, "%s given more than %zu times", as,
						  o->max);
		((const char **)o->value)[(*o->count)++] = arg;
		break;
	case EG_OPTION_NUMBER:
		if (o->none) {
			if ((n = count_or_all(arg, o->none)) < 0)
				return eg_cli_usage_error(cmd->name,
							  "%s wants a number from 1, or '%s', not '%s'",
							  as, o->none, arg);
			*(int64_t *)o->value = n;
			break;
		}
		if ((n = positive(arg)) < 0)
			return eg_cli_usage_error(cmd->name, "'%s' is not a positive number", arg);
		*(int64_t *)o->value = n;
		break;
	case EG_OPTION_SHARE:
		if ((d = share(arg)) < 0 || (o->above_zero && d == 0))
			return eg_cli_usage_error(cmd->name, "'%s' is not a share between 0 and 1",
						  arg);
		*(double *)o->value = d;
		break;
	case EG_OPTION_CALL: {
		int rc = o->call(o, cmd->name, as, arg);

		return rc ? rc : EG_OPTIONS_READ;
	}
	case EG_OPTION_HELP:
		return eg_option_help(cmd);
	case EG_OPTION_VERSION:
		return eg_cli_version(cmd->name);
	case EG_OPTION_END:
		break;
	}
	return EG_OPTIONS_READ;
}

/*
 * Says what is wrong with the option getopt_long refused (c is '?' or ':'),
 * in the parser's own words; returns the exit code.
 */
static int refused(const struct eg_command *cmd, int c, char **argv)
{
	const struct eg_option *o = entry_of(cmd->options, optopt);
	char as[128];

	if (c == ':' && o && o->kind == EG_OPTION_CALL)
		return o->call(o, cmd->name, spelled(o, optopt, as, sizeof(as)), NULL);
	if (c == ':' && o)
		return eg_cli_usage_error(cmd->name, "%s needs %s", spelled(o, optopt, as, sizeof(as)),
					  o->arg);
	/* An unknown or misused long option: optopt is 0 or its val, optind is past it. */
	if (optopt == 0 || optopt >= LONG_VAL)
		return eg_cli_usage_error(cmd->name, "unknown option '%s'%s", argv[optind - 1],
					  cmd->unknown_note);
	return eg_cli_usage_error(cmd->name, "unknown option '-%c'%s", optopt, cmd->unknown_note);
}

int eg_option_parse(const struct eg_command *cmd, int argc, char **argv)
{
	size_t n = 0;
	char *optstring;
	struct option *longopts;
	int c, rc = EG_OPTIONS_READ;
	char as[128];

	while (cmd->options[n].kind != EG_OPTION_END)
		n++;
	optstring = malloc(3 * n + 2);
	longopts = optstring ? eg_option_longopts(cmd->options, cmd->unknown_note != NULL, optstring)
			     : NULL;
	if (!longopts) {
		struct eg_error err;

		free(optstring);
		eg_error_set(&err, EG_EIO, NULL, 0, 0, "out of memory");
		return eg_cli_report(cmd->name, &err);
	}
	opterr = cmd->unknown_note == NULL;
	optind = 0; /* glibc: start over, so a second parse reads its own argv */
	while (rc == EG_OPTIONS_READ && (c = getopt_long(argc, argv, optstring, longopts, NULL)) != -1) {
		const struct eg_option *o = entry_of(cmd->options, c);

		if ((c == '?' || c == ':') && cmd->unknown_note)
			rc = refused(cmd, c, argv);
		else if (!o)
			rc = eg_cli_usage_error(cmd->name, "unknown option");
		else
			rc = store(cmd, o, spelled(o, c, as, sizeof(as)), optarg);
	}
	if (rc == EG_OPTIONS_READ && !cmd->operands && optind < argc)
		rc = eg_cli_usage_error(cmd->name, "unexpected argument '%s'", argv[optind]);
	free(longopts);
	free(optstring);
	return rc;
}

/* Returns o's label in --help ("-v, --verbose", "--in DIR", "--strict[=1|0]") in buf. */
static const char *label(const struct eg_option *o, char *buf, size_t size)
{
	int n = 0;

	if (o->short_name)
		n = snprintf(buf, size, "-%c, ", o->short_name);
	if (!o->arg)
		snprintf(buf + n, size - (size_t)n, "--%s", o->long_name);
	else if (o->kind == EG_OPTION_SWITCH)
		snprintf(buf + n, size - (size_t)n, "--%s[=%s]", o->long_name, o->arg);
	else
		snprintf(buf + n, size - (size_t)n, "--%s %s", o->long_name, o->arg);
	return buf;
}

/* Writes text from column col, wrapped before HELP_WIDTH, each line after the first indented to col. */
static void wrap(FILE *out, const char *text, size_t col)
{
	size_t at = col;
	const char *p = text;

	while (*p) {
		size_t word = strcspn(p, " \n");

		if (at > col && at + 1 + word > HELP_WIDTH) {
			fprintf(out, "\n%*s", (int)col, "");
			at = col;
		} else if (at > col) {
			fputc(' ', out);
			at++;
		}
		fwrite(p, 1, word, out);
		at += word;
		p += word;
		if (*p == '\n' && p[1]) {
			fprintf(out, "\n%*s", (int)col, "");
			at = col;
		}
		while (*p == ' ' || *p == '\n')
			p++;
	}
	fputc('\n', out);
}

char *eg_option_help_text(const struct eg_command *cmd)
{
	const struct eg_option *o;
	size_t col = 0, size = 0;
	char buf[128], *text = NULL;
	FILE *out = open_memstream(&text, &size);

	if (!out)
		return NULL;
	for (o = cmd->options; o->kind != EG_OPTION_END; o++) {
		size_t len = strlen(label(o, buf, sizeof(buf)));

		if (len <= LABEL_MAX && len > col)
			col = len;
	}
	col += 4; /* two spaces before the label, two after */
	fprintf(out, "%s\n", cmd->usage);
	for (o = cmd->options; o->kind != EG_OPTION_END; o++) {
		size_t len = strlen(label(o, buf, sizeof(buf)));

		if (len + 4 > col)
			fprintf(out, "  %s\n%*s", buf, (int)col, "");
		else
			fprintf(out, "  %-*s", (int)col - 2, buf);
		wrap(out, o->help, col);
	}
	if (cmd->epilog)
		fprintf(out, "\n%s", cmd->epilog);
	if (fclose(out) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

int eg_option_help(const struct eg_command *cmd)
{
	char *text = eg_option_help_text(cmd);
	int rc = text ? eg_cli_help(text) : EG_EIO;

	free(text);
	return rc;
}
