/*
 * version.h - the toolkit's version, printed by --version and written into
 * every manifest.
 */
#ifndef ENGAGE_VERSION_H
#define ENGAGE_VERSION_H

#define ENGAGE_VERSION "0.1.0"

#endif
