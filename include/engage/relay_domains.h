/*
 * relay_domains.h - marketplace relay email domains.
 *
 * Marketplaces that hand orders to a shop (TikTok Shop, Amazon, Walmart)
 * hide the buyer's email behind an address of their own, often a new one
 * per order. Such an address names no customer: counted as one, every
 * marketplace order would be a new customer. The domains are data, a CSV
 * shipped beside the extract sources (stages/extract/relay_domains.csv,
 * columns domain and marketplace), so a user can add one without C.
 */
#ifndef ENGAGE_RELAY_DOMAINS_H
#define ENGAGE_RELAY_DOMAINS_H

#include <stddef.h>

#include "engage/error.h"

/* The listed domains. */
struct eg_relay_domains {
	char **domain; /* lowercased domains, owned */
	size_t n;      /* entries at domain */
	size_t cap;    /* entries allocated */
};

/*
 * Reads the relay domains file at path into d (release with
 * eg_relay_domains_release). A row whose domain is empty or holds white
 * space or @ is EG_EDATA naming the file and line; on failure d is empty.
 */
int eg_relay_domains_load(struct eg_relay_domains *d, const char *path, struct eg_error *err);

/* Frees the domains of d and empties it. */
void eg_relay_domains_release(struct eg_relay_domains *d);

/*
 * 1 when the email (len bytes at s, any case, white space at the ends
 * ignored) is at a listed domain or a subdomain of one, else 0.
 */
int eg_relay_domains_match(const struct eg_relay_domains *d, const char *s, size_t len);

#endif
