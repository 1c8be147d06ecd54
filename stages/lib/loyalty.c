/*
 * loyalty.c - the member rule of the loyalty programme export.
 */
#include "engage/loyalty.h"

#include <string.h>

int eg_loyalty_is_member(const char *status)
{
	return strcmp(status, "guest") != 0 && strcmp(status, "excluded") != 0;
}
