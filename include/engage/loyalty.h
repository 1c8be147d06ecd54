/*
 * loyalty.h - what the loyalty programme export (loyalty.csv) says about a
 * person, for every stage that reads it: join marks customers as members,
 * compute counts members and their referrals.
 */
#ifndef ENGAGE_LOYALTY_H
#define ENGAGE_LOYALTY_H

/*
 * Whether a loyalty.csv status is a member's: every status but "guest" and
 * "excluded" (people the programme tracks without enrolling them).
 */
int eg_loyalty_is_member(const char *status);

#endif
