/*
 * content_hash.c - XXH3-128 over a buffer or a file, in text form.
 *
 * Files are read with read(2) in 256 KiB chunks into the streaming XXH3
 * state, so memory stays flat whatever the file size. The digest goes
 * through XXH128_canonicalFromHash so the text does not depend on the
 * machine's byte order.
 */
#include "engage/content_hash.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xxhash.h>

/* Bytes read from a file at a time. */
#define CHUNK (256 * 1024)

static void to_hex(XXH128_hash_t h, struct eg_content_hash *out)
{
	static const char digits[] = "0123456789abcdef";
	XXH128_canonical_t c;

	XXH128_canonicalFromHash(&c, h);
	for (size_t i = 0; i < sizeof(c.digest); i++) {
		out->hex[2 * i] = digits[c.digest[i] >> 4];
		out->hex[2 * i + 1] = digits[c.digest[i] & 0xf];
	}
	out->hex[EG_CONTENT_HASH_HEX] = '\0';
}

void eg_content_hash_bytes(const void *data, size_t len, struct eg_content_hash *out)
{
	to_hex(XXH3_128bits(data, len), out);
}

int eg_content_hash_file(const char *path, struct eg_content_hash *out, int64_t *size,
			 struct eg_error *err)
{
	XXH3_state_t *state = NULL;
	unsigned char *buf = NULL;
	int64_t total = 0;
	ssize_t n;
	int fd, e;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "unable to open '%s': %s", path,
				    strerror(errno));
	buf = malloc(CHUNK);
	state = XXH3_createState();
	if (!buf || !state || XXH3_128bits_reset(state) != XXH_OK) {
		e = ENOMEM;
		goto fail;
	}
	for (;;) {
		n = read(fd, buf, CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = errno;
			goto fail;
		}
		if (n == 0)
			break;
		if (XXH3_128bits_update(state, buf, (size_t)n) != XXH_OK) {
			e = EINVAL;
			goto fail;
		}
		total += n;
	}
	to_hex(XXH3_128bits_digest(state), out);
	if (size)
		*size = total;
	XXH3_freeState(state);
	free(buf);
	close(fd);
	return EG_OK;
fail:
	XXH3_freeState(state);
	free(buf);
	close(fd);
	if (e == ENOMEM)
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory hashing '%s'", path);
	return eg_error_set(err, EG_EIO, NULL, 0, 0, "unable to read '%s': %s", path, strerror(e));
}

int eg_content_hash_parse(const char *s, size_t len, struct eg_content_hash *out)
{
	char hex[EG_CONTENT_HASH_HEX + 1];

	if (len != EG_CONTENT_HASH_HEX)
		return 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'F')
			c = (char)(c - 'A' + 'a');
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return 0;
		hex[i] = c;
	}
	hex[len] = '\0';
	memcpy(out->hex, hex, sizeof(hex));
	return 1;
}

int eg_content_hash_equal(const struct eg_content_hash *a, const struct eg_content_hash *b)
{
	return memcmp(a->hex, b->hex, EG_CONTENT_HASH_HEX) == 0;
}
