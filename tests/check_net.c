/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for PT_SOCKADDR / PT_SOCKTUPLE encodings (src/net.c), bytes
 * written out by hand from docs/scap-format.md §2: family byte (PPM_AF_*),
 * addresses as raw network-order bytes, ports in host order (LE here).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <arpa/inet.h>
#include <check.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <linux/netlink.h>

#include "net.h"

static void assert_bytes(const uint8_t *got, ssize_t got_len,
			 const uint8_t *exp, size_t exp_len)
{
	size_t i;

	ck_assert_int_eq(got_len, (ssize_t)exp_len);
	for (i = 0; i < exp_len; i++)
		ck_assert_msg(got[i] == exp[i],
			      "byte %zu: got 0x%02x, expected 0x%02x", i,
			      got[i], exp[i]);
}

static struct sockaddr_in sin4(const char *ip, uint16_t port)
{
	struct sockaddr_in s;

	memset(&s, 0, sizeof(s));
	s.sin_family = AF_INET;
	s.sin_port = htons(port);
	ck_assert_int_eq(inet_pton(AF_INET, ip, &s.sin_addr), 1);
	return s;
}

static struct sockaddr_in6 sin6(const char *ip, uint16_t port)
{
	struct sockaddr_in6 s;

	memset(&s, 0, sizeof(s));
	s.sin6_family = AF_INET6;
	s.sin6_port = htons(port);
	ck_assert_int_eq(inet_pton(AF_INET6, ip, &s.sin6_addr), 1);
	return s;
}

START_TEST(test_sockaddr_inet)
{
	static const uint8_t exp[7] = {
		0x02,			/* PPM_AF_INET */
		10, 1, 2, 3,		/* 10.1.2.3 */
		0x90, 0x1F,		/* 8080, host order */
	};
	struct sockaddr_in s = sin4("10.1.2.3", 8080);
	uint8_t out[SCT_TUPLE_MAX];

	assert_bytes(out, sct_encode_sockaddr((struct sockaddr *)&s,
					       sizeof(s), out),
		     exp, sizeof(exp));
	/* truncated sockaddr: nothing */
	ck_assert_int_eq(sct_encode_sockaddr((struct sockaddr *)&s, 4, out), 0);
	ck_assert_int_eq(sct_encode_sockaddr((struct sockaddr *)&s, 0, out), 0);
}
END_TEST

START_TEST(test_sockaddr_inet6)
{
	static const uint8_t exp[19] = {
		0x0A,			/* PPM_AF_INET6 */
		0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
		0xBB, 0x01,		/* 443 */
	};
	struct sockaddr_in6 s = sin6("2001:db8::1", 443);
	uint8_t out[SCT_TUPLE_MAX];

	assert_bytes(out, sct_encode_sockaddr((struct sockaddr *)&s,
					       sizeof(s), out),
		     exp, sizeof(exp));
}
END_TEST

START_TEST(test_sockaddr_unix)
{
	static const uint8_t exp[11] = {
		0x01, '/', 't', 'm', 'p', '/', 's', 'o', 'c', 'k', 0x00,
	};
	static const uint8_t exp_abs[10] = {
		0x01, 'a', 'b', 's', 't', 'r', 'a', 'c', 't', 0x00,
	};
	struct sockaddr_un s;
	uint8_t out[SCT_TUPLE_MAX];
	socklen_t len;

	memset(&s, 0, sizeof(s));
	s.sun_family = AF_UNIX;
	strcpy(s.sun_path, "/tmp/sock");
	len = offsetof(struct sockaddr_un, sun_path) + 10;
	assert_bytes(out, sct_encode_sockaddr((struct sockaddr *)&s, len, out),
		     exp, sizeof(exp));
	/* full-size sockaddr as getsockname may return it */
	assert_bytes(out, sct_encode_sockaddr((struct sockaddr *)&s,
					       sizeof(s), out),
		     exp, sizeof(exp));
	/* path without NUL in the given length */
	len = offsetof(struct sockaddr_un, sun_path) + 9;
	memset(s.sun_path + 9, 'X', sizeof(s.sun_path) - 9);
	assert_bytes(out, sct_encode_sockaddr((struct sockaddr *)&s, len, out),
		     exp, sizeof(exp));

	/* abstract: the leading NUL is dropped, length-delimited name */
	memset(&s, 0, sizeof(s));
	s.sun_family = AF_UNIX;
	memcpy(s.sun_path, "\0abstract", 9);
	len = offsetof(struct sockaddr_un, sun_path) + 9;
	assert_bytes(out, sct_encode_sockaddr((struct sockaddr *)&s, len, out),
		     exp_abs, sizeof(exp_abs));
}
END_TEST

START_TEST(test_sockaddr_unknown)
{
	struct sockaddr_nl nl;
	struct sockaddr sa;
	uint8_t out[SCT_TUPLE_MAX];

	memset(&nl, 0, sizeof(nl));
	nl.nl_family = AF_NETLINK;
	ck_assert_int_eq(sct_encode_sockaddr((struct sockaddr *)&nl,
					     sizeof(nl), out), 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_family = AF_UNSPEC;
	ck_assert_int_eq(sct_encode_sockaddr(&sa, sizeof(sa), out), 0);
	sa.sa_family = AF_PACKET;
	ck_assert_int_eq(sct_encode_sockaddr(&sa, sizeof(sa), out), 0);
}
END_TEST

/* 13 bytes: family, sip, sport, dip, dport (address and port interleaved) */
START_TEST(test_tuple_inet)
{
	static const uint8_t exp[13] = {
		0x02,
		192, 168, 0, 10, 0x40, 0x9C,	/* 192.168.0.10:40000 */
		93, 184, 216, 34, 0x50, 0x00,	/* 93.184.216.34:80 */
	};
	struct sockaddr_in s = sin4("192.168.0.10", 40000);
	struct sockaddr_in d = sin4("93.184.216.34", 80);
	uint8_t out[SCT_TUPLE_MAX];

	assert_bytes(out, sct_encode_tuple((struct sockaddr *)&s, sizeof(s),
					    (struct sockaddr *)&d, sizeof(d),
					    0, 0, "", out),
		     exp, sizeof(exp));
	/* one end missing or families differing: no tuple */
	ck_assert_int_eq(sct_encode_tuple((struct sockaddr *)&s, sizeof(s),
					  NULL, 0, 0, 0, "", out), 0);
}
END_TEST

START_TEST(test_tuple_inet6)
{
	static const uint8_t exp[37] = {
		0x0A,
		0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02,
		0xD2, 0x04,			/* 1234 */
		0xFE, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
		0x35, 0x00,			/* 53 */
	};
	struct sockaddr_in6 s = sin6("2001:db8::2", 1234);
	struct sockaddr_in6 d = sin6("fe80::1", 53);
	struct sockaddr_in d4 = sin4("10.0.0.1", 53);
	uint8_t out[SCT_TUPLE_MAX];

	assert_bytes(out, sct_encode_tuple((struct sockaddr *)&s, sizeof(s),
					    (struct sockaddr *)&d, sizeof(d),
					    0, 0, "", out),
		     exp, sizeof(exp));
	ck_assert_int_eq(sct_encode_tuple((struct sockaddr *)&s, sizeof(s),
					  (struct sockaddr *)&d4, sizeof(d4),
					  0, 0, "", out), 0);
}
END_TEST

/* IPv4-mapped IPv6 on both ends becomes the 13-byte IPv4 tuple. */
START_TEST(test_tuple_v4mapped)
{
	static const uint8_t exp[13] = {
		0x02,
		127, 0, 0, 1, 0x88, 0x13,	/* 5000 */
		10, 0, 0, 1, 0x70, 0x17,	/* 6000 */
	};
	struct sockaddr_in6 s = sin6("::ffff:127.0.0.1", 5000);
	struct sockaddr_in6 d = sin6("::ffff:10.0.0.1", 6000);
	uint8_t out[SCT_TUPLE_MAX];

	assert_bytes(out, sct_encode_tuple((struct sockaddr *)&s, sizeof(s),
					    (struct sockaddr *)&d, sizeof(d),
					    0, 0, "", out),
		     exp, sizeof(exp));
}
END_TEST

/* 1 + source u64 + dest u64 + path + NUL */
START_TEST(test_tuple_unix)
{
	static const uint8_t exp[27] = {
		0x01,
		0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11,
		0x00, 0xFF, 0xEE, 0xDD, 0xCC, 0xBB, 0xAA, 0x99,
		'/', 't', 'm', 'p', '/', 's', 'o', 'c', 'k', 0x00,
	};
	static const uint8_t exp_empty[18] = {
		0x01,
		0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x00,
	};
	struct sockaddr_un s;
	uint8_t out[SCT_TUPLE_MAX];
	socklen_t len = offsetof(struct sockaddr_un, sun_path) + 10;

	memset(&s, 0, sizeof(s));
	s.sun_family = AF_UNIX;
	strcpy(s.sun_path, "/tmp/sock");
	assert_bytes(out, sct_encode_tuple((struct sockaddr *)&s, len,
					    (struct sockaddr *)&s, len,
					    0x1122334455667788ull,
					    0x99AABBCCDDEEFF00ull, "/tmp/sock",
					    out),
		     exp, sizeof(exp));
	/* unnamed socket: empty path, still NUL-terminated */
	assert_bytes(out, sct_encode_tuple((struct sockaddr *)&s, len, NULL, 0,
					    1, 0, "", out),
		     exp_empty, sizeof(exp_empty));
}
END_TEST

START_TEST(test_tuple_unknown)
{
	struct sockaddr_nl nl;
	uint8_t out[SCT_TUPLE_MAX];

	memset(&nl, 0, sizeof(nl));
	nl.nl_family = AF_NETLINK;
	ck_assert_int_eq(sct_encode_tuple((struct sockaddr *)&nl, sizeof(nl),
					  (struct sockaddr *)&nl, sizeof(nl),
					  0, 0, "", out), 0);
	ck_assert_int_eq(sct_encode_tuple(NULL, 0, NULL, 0, 0, 0, "", out), 0);
}
END_TEST

Suite *sct_suite_net(void);

Suite *sct_suite_net(void)
{
	Suite *s = suite_create("net");
	TCase *tc = tcase_create("encode");

	tcase_add_test(tc, test_sockaddr_inet);
	tcase_add_test(tc, test_sockaddr_inet6);
	tcase_add_test(tc, test_sockaddr_unix);
	tcase_add_test(tc, test_sockaddr_unknown);
	tcase_add_test(tc, test_tuple_inet);
	tcase_add_test(tc, test_tuple_inet6);
	tcase_add_test(tc, test_tuple_v4mapped);
	tcase_add_test(tc, test_tuple_unix);
	tcase_add_test(tc, test_tuple_unknown);
	suite_add_tcase(s, tc);
	return s;
}
