/*
 * address.c — the address policy of evidence capture (address.h): the ranges a capture may not
 * connect to unless private addresses are allowed.
 *
 * Refused: IPv4 0/8 (0.0.0.0 reaches the local host on Linux), 10/8, 100.64/10 (carrier-grade
 * NAT), 127/8, 169.254/16 (link-local, cloud metadata services), 172.16/12, 192.168/16,
 * 224/4 (multicast) and 240/4 (reserved, broadcast); IPv6 ::, ::1, fc00::/7, fe80::/10,
 * ff00::/8, and the IPv4-mapped (::ffff:0:0/96) and IPv4-compatible (::/96) forms of the IPv4
 * ranges. IPv6 forms that carry an IPv4 address to a gateway are judged by that address: NAT64
 * (64:ff9b::/96, RFC 6052) and 6to4 (2002::/16, RFC 3056, the IPv4 address in bits 16–47), so
 * 64:ff9b::10.0.0.5 and 2002:7f00:1:: are refused as 10.0.0.5 and 127.0.0.1 are. Refused
 * outright: the local-use NAT64 prefix 64:ff9b:1::/48 (RFC 8215: a site's own translator),
 * Teredo (2001::/32, whose IPv4 address is obfuscated) and the discard prefix 100::/64.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "address.h"

/* The restriction of the IPv4 address a (host byte order), or NULL. */
static const char *ipv4_restriction(uint32_t a)
{
	static const struct { uint32_t net, mask; const char *why; } ranges[] = {
		{0x00000000u, 0xff000000u, "unspecified"},
		{0x0a000000u, 0xff000000u, "private"},
		{0x64400000u, 0xffc00000u, "shared (carrier-grade NAT)"},
		{0x7f000000u, 0xff000000u, "loopback"},
		{0xa9fe0000u, 0xffff0000u, "link-local"},
		{0xac100000u, 0xfff00000u, "private"},
		{0xc0a80000u, 0xffff0000u, "private"},
		{0xe0000000u, 0xf0000000u, "multicast"},
		{0xf0000000u, 0xf0000000u, "reserved"},
	};

	for (size_t i = 0; i < sizeof ranges / sizeof *ranges; i++)
		if ((a & ranges[i].mask) == ranges[i].net)
			return ranges[i].why;
	return NULL;
}

static uint32_t load_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static const char *ipv6_restriction(const unsigned char *b)
{
	static const unsigned char zero[12];
	static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	static const unsigned char nat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
	static const unsigned char nat64_local[6] = {0, 0x64, 0xff, 0x9b, 0, 0x01};

	if (!memcmp(b, mapped, 12))
		return ipv4_restriction(load_be32(b + 12));
	if (!memcmp(b, zero, 12)) {
		uint32_t low = load_be32(b + 12);

		if (low == 0)
			return "unspecified";
		if (low == 1)
			return "loopback";
		return ipv4_restriction(low);   /* IPv4-compatible ::a.b.c.d */
	}
	if (!memcmp(b, nat64, 12))
		return ipv4_restriction(load_be32(b + 12));
	if (!memcmp(b, nat64_local, 6))
		return "private";
	if (b[0] == 0x20 && b[1] == 0x02)
		return ipv4_restriction(load_be32(b + 2));   /* 6to4 */
	if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0)
		return "reserved";                        /* Teredo */
	if (b[0] == 0x01 && !memcmp(b + 1, zero, 7))
		return "reserved";                        /* discard-only 100::/64 */
	if ((b[0] & 0xfe) == 0xfc)
		return "private";
	if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
		return "link-local";
	if (b[0] == 0xff)
		return "multicast";
	return NULL;
}

const char *address_restriction(const struct sockaddr *sa, size_t len)
{
	if (sa && sa->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)sa;

		return ipv4_restriction(ntohl(in->sin_addr.s_addr));
	}
	if (sa && sa->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)sa;

		return ipv6_restriction(in6->sin6_addr.s6_addr);
	}
	return "not an IP address";
}

char *address_text(const struct sockaddr *sa, size_t len, char *buf, size_t size)
{
	const void *src = NULL;

	if (!size)
		return buf;
	buf[0] = '\0';
	if (sa && sa->sa_family == AF_INET && len >= sizeof(struct sockaddr_in))
		src = &((const struct sockaddr_in *)(const void *)sa)->sin_addr;
	else if (sa && sa->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6))
		src = &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
	if (!src || !inet_ntop(sa->sa_family, src, buf, (socklen_t)size))
		snprintf(buf, size, "(unknown address)");
	return buf;
}
