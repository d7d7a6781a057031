/*
 * address.h — the address policy of evidence capture: which connected addresses are refused
 * unless private addresses are allowed. Private to src/check/.
 *
 * The policy looks at the socket address about to be connected to (after name resolution, for
 * every connection of a transfer, redirects included), never at the host name, so a name that
 * resolves to 127.0.0.1 is refused exactly as 127.0.0.1 is.
 */
#ifndef OPENITA_CHECK_ADDRESS_H
#define OPENITA_CHECK_ADDRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

/* Long enough for any IPv6 text form, IPv4-mapped included. */
#define ADDRESS_TEXT_MAX 64

/*
 * Why the address sa (len bytes, AF_INET or AF_INET6) may not be contacted without
 * allow_private: "loopback", "private", "link-local", "shared (carrier-grade NAT)",
 * "unspecified", "multicast" or "reserved"; NULL when it is a public address. An IPv4-mapped
 * IPv6 address (::ffff:a.b.c.d) is judged as its IPv4 address. A family other than IPv4 and
 * IPv6, or a short length, gives "not an IP address".
 */
const char *address_restriction(const struct sockaddr *sa, size_t len);

/* The address of sa as text ("10.0.0.5", "::1") into buf (always NUL-terminated); buf. */
char *address_text(const struct sockaddr *sa, size_t len, char *buf, size_t size);

#endif
