/*
 * capture_outcome.c — how a finished transfer is told: curl's result code, the HTTP status and
 * what the transfer saw (a cut body, a refused address, the OS error, whether it connected) →
 * one of the outcomes of capture.h and a message in plain words ("connection refused", "timed
 * out after 20 s", "more than 5 redirects", "address 10.0.0.5 is private (allow with
 * --allow-private)"). Also the small string helpers the capture files share.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "capture_int.h"

char *capture_strdup(const char *s)
{
	size_t len = strlen(s);
	char *copy = xmalloc(len + 1);

	memcpy(copy, s, len + 1);
	return copy;
}

char *capture_format(const char *fmt, ...)
{
	va_list ap;
	int len;
	char *s;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		return capture_strdup("");
	s = xmalloc((size_t)len + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)len + 1, fmt, ap);
	va_end(ap);
	return s;
}

/* A duration in milliseconds as "20 s" or "1.5 s". */
static void format_seconds(char *buf, size_t size, long ms)
{
	if (ms % 1000 == 0) {
		snprintf(buf, size, "%ld s", ms / 1000);
	} else {
		char frac[8];
		size_t len;

		snprintf(frac, sizeof frac, "%03ld", ms % 1000);
		len = strlen(frac);
		while (len > 1 && frac[len - 1] == '0')
			frac[--len] = '\0';
		snprintf(buf, size, "%ld.%s s", ms / 1000, frac);
	}
}

/* A byte count as "10 MiB", "512 KiB" or "1000 bytes". */
static void format_bytes(char *buf, size_t size, size_t n)
{
	if (n && n % (1024 * 1024) == 0)
		snprintf(buf, size, "%zu MiB", n / (1024 * 1024));
	else if (n && n % 1024 == 0)
		snprintf(buf, size, "%zu KiB", n / 1024);
	else
		snprintf(buf, size, "%zu bytes", n);
}

void capture_fail(struct capture *out, enum capture_outcome outcome, char *message)
{
	out->outcome = outcome;
	free(out->error);
	out->error = message;
	if (!out->fetched_at)
		out->fetched_at = (int64_t)time(NULL);
}

void capture_judge(struct capture *c, const struct transfer_end *e,
		   const struct capture_options *o)
{
	char when[32], bytes[32];
	const char *detail = e->curl_message && e->curl_message[0] ? e->curl_message
								  : curl_easy_strerror(e->code);
	long status = e->status;

	switch (e->code) {
	case CURLE_OK:
		if (status >= 200 && status <= 299) {
			c->outcome = CAPTURE_OK;
			return;
		}
		capture_fail(c, CAPTURE_HTTP_ERROR, capture_format("HTTP status %ld", status));
		return;
	case CURLE_WRITE_ERROR:
		if (e->body_cut) {
			if (status >= 400) {
				capture_fail(c, CAPTURE_HTTP_ERROR,
					     capture_format("HTTP status %ld", status));
				return;
			}
			format_bytes(bytes, sizeof bytes, o->max_body);
			capture_fail(c, CAPTURE_TOO_LARGE,
				     capture_format("body larger than %s (cut there)", bytes));
			return;
		}
		break;
	case CURLE_COULDNT_RESOLVE_HOST:
		capture_fail(c, CAPTURE_DNS, capture_format("the name does not resolve (%s)", detail));
		return;
	case CURLE_COULDNT_CONNECT:
		if (e->refused_why) {
			capture_fail(c, CAPTURE_FORBIDDEN_ADDRESS,
				     capture_format("address %s is %s (allow with --allow-private)",
						   e->refused_address, e->refused_why));
			return;
		}
		capture_fail(c, CAPTURE_REFUSED,
			     capture_strdup(e->os_errno == ECONNREFUSED ? "connection refused"
					: e->os_errno == ENETUNREACH ? "network unreachable"
					: e->os_errno == EHOSTUNREACH ? "host unreachable"
					: "could not connect"));
		return;
	case CURLE_OPERATION_TIMEDOUT:
		if (!e->connected && !status) {
			long ms = o->connect_timeout_ms < o->total_timeout_ms ? o->connect_timeout_ms
									  : o->total_timeout_ms;

			format_seconds(when, sizeof when, ms);
			capture_fail(c, CAPTURE_TIMEOUT, capture_format("no connection within %s", when));
		} else {
			format_seconds(when, sizeof when, o->total_timeout_ms);
			capture_fail(c, CAPTURE_TIMEOUT, capture_format("timed out after %s", when));
		}
		return;
	case CURLE_TOO_MANY_REDIRECTS:
		capture_fail(c, CAPTURE_TOO_MANY_REDIRECTS,
			     capture_format("more than %ld redirects", o->max_redirects));
		return;
	case CURLE_UNSUPPORTED_PROTOCOL:
		capture_fail(c, CAPTURE_BAD_URL,
			     capture_format("redirected to a URL that is not http or https (%s)", detail));
		return;
	case CURLE_URL_MALFORMAT:
		capture_fail(c, CAPTURE_BAD_URL, capture_format("not a valid URL (%s)", detail));
		return;
	case CURLE_PEER_FAILED_VERIFICATION:
		capture_fail(c, CAPTURE_TLS,
			     capture_format("the server's TLS certificate is not accepted (%s)", detail));
		return;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_SHUTDOWN_FAILED:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_SSL_ENGINE_NOTFOUND:
	case CURLE_SSL_ENGINE_SETFAILED:
	case CURLE_SSL_ENGINE_INITFAILED:
	case CURLE_USE_SSL_FAILED:
		capture_fail(c, CAPTURE_TLS, capture_format("TLS handshake failed (%s)", detail));
		return;
	case CURLE_GOT_NOTHING:
		capture_fail(c, CAPTURE_OTHER,
			     capture_strdup("the server closed the connection without answering"));
		return;
	case CURLE_PARTIAL_FILE:
		capture_fail(c, CAPTURE_OTHER,
			     capture_format("the connection closed before the whole body came (%s)",
					   detail));
		return;
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
		capture_fail(c, CAPTURE_OTHER, capture_format("connection broken (%s)", detail));
		return;
	default:
		break;
	}
	capture_fail(c, CAPTURE_OTHER, capture_format("%s", detail));
}
