/*
 * server.c — libmicrohttpd glue: raw URI in (split into a percent-decoded path and the raw
 * query), body collected with a cap, a struct web_request built, web_handle() called, the
 * struct web_response turned into an MHD response. No access log: respondents' addresses are
 * never written anywhere.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <microhttpd.h>

#include "form.h"
#include "server.h"

struct web_server {
	struct MHD_Daemon *daemon;
	struct web_app *app;
	unsigned port;
};

/* What one request brought, kept between the access handler's calls. */
struct conn_req {
	char *uri;            /* raw request target */
	struct buf body;
	bool too_large;
	bool started;
};

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct conn_req *cr = xcalloc(1, sizeof *cr);

	(void)cls;
	(void)conn;
	cr->uri = strdup(uri ? uri : "/");
	if (!cr->uri)
		abort();
	buf_init(&cr->body, WEB_MAX_BODY + 1);
	return cr;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode code)
{
	struct conn_req *cr = *con_cls;

	(void)cls;
	(void)conn;
	(void)code;
	if (!cr)
		return;
	buf_release(&cr->body);
	free(cr->uri);
	free(cr);
	*con_cls = NULL;
}

/* Percent-decode s[0..len) into out (size ≥ len + 1). False on a bad escape or a NUL. */
static bool decode_path(const char *s, size_t len, char *out)
{
	size_t o = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '%') {
			int hi, lo;

			hi = i + 1 < len ? form_hex_digit(s[i + 1]) : -1;
			lo = i + 2 < len ? form_hex_digit(s[i + 2]) : -1;
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
				return false;
			out[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	return true;
}

static enum web_method method_of(const char *m)
{
	if (!strcmp(m, "GET"))
		return WEB_GET;
	if (!strcmp(m, "POST"))
		return WEB_POST;
	if (!strcmp(m, "HEAD"))
		return WEB_HEAD;
	return WEB_OTHER;
}

static void client_addr(struct MHD_Connection *conn, char *out, size_t size)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	out[0] = '\0';
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
			  (socklen_t)size);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
			  out, (socklen_t)size);
}

static enum MHD_Result send_plain(struct MHD_Connection *conn, unsigned status,
				  const char *text)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(text), (void *)text,
								 MHD_RESPMEM_PERSISTENT);
	enum MHD_Result rc;

	MHD_add_response_header(r, "Content-Type", "text/plain; charset=utf-8");
	rc = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return rc;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_data_size,
				  void **con_cls)
{
	struct web_server *srv = cls;
	struct conn_req *cr = *con_cls;
	struct web_request q;
	struct web_response res;
	struct MHD_Response *mr;
	char addr[INET6_ADDRSTRLEN], *path;
	const char *qm;
	size_t plen, len;
	enum MHD_Result rc;
	void *data;

	(void)version;
	if (!cr)
		return MHD_NO;
	if (!cr->started) {
		cr->started = true;
		/* Read at most one byte past the route's cap: enough to know it was exceeded. */
		cr->body.max = web_body_cap(method_of(method), url) + 1;
		return MHD_YES;
	}
	if (*upload_data_size) {
		if (!cr->too_large && buf_add(&cr->body, upload_data, *upload_data_size))
			cr->too_large = true;
		*upload_data_size = 0;
		return MHD_YES;
	}
	qm = strchr(cr->uri, '?');
	plen = qm ? (size_t)(qm - cr->uri) : strlen(cr->uri);
	path = malloc(plen + 1);
	if (!path)
		abort();
	if (!plen || cr->uri[0] != '/' || !decode_path(cr->uri, plen, path)) {
		free(path);
		return send_plain(conn, MHD_HTTP_BAD_REQUEST, "bad request target\n");
	}
	memset(&q, 0, sizeof q);
	q.method = method_of(method);
	q.path = path;
	q.query = qm ? qm + 1 : "";
	q.content_type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						     MHD_HTTP_HEADER_CONTENT_TYPE);
	q.cookie = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE);
	q.host = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
	q.body = cr->body.data ? cr->body.data : "";
	q.body_len = cr->body.len;
	q.body_too_large = cr->too_large;
	client_addr(conn, addr, sizeof addr);
	q.remote_addr = addr;
	q.now = time(NULL);
	web_response_init(&res);
	web_handle(srv->app, &q, &res);
	data = buf_detach(&res.body, &len);
	mr = MHD_create_response_from_buffer(len, data ? data : (void *)"",
					     data ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(mr, MHD_HTTP_HEADER_CONTENT_TYPE, res.content_type);
	for (size_t i = 0; i < res.n_headers; i++)
		MHD_add_response_header(mr, res.headers[i].name, res.headers[i].value);
	rc = MHD_queue_response(conn, (unsigned)res.status, mr);
	MHD_destroy_response(mr);
	web_response_release(&res);
	free(path);
	return rc;
}

/* Parse "ADDR:PORT" / "[V6]:PORT" / ":PORT" into a sockaddr. */
static int parse_listen(const char *listen, struct sockaddr_storage *ss, struct oi_error *err)
{
	char host[128];
	const char *colon = strrchr(listen, ':');
	char *end;
	long port;
	size_t hlen;

	memset(ss, 0, sizeof *ss);
	if (!colon)
		return oi_error_set(err, "", 0, 0, "--listen \"%s\": expected ADDRESS:PORT, "
				    "e.g. 127.0.0.1:8080", listen);
	port = strtol(colon + 1, &end, 10);
	if (!colon[1] || *end || port < 0 || port > 65535)
		return oi_error_set(err, "", 0, 0, "--listen \"%s\": the port must be a number "
				    "from 0 to 65535", listen);
	hlen = (size_t)(colon - listen);
	if (hlen >= sizeof host)
		return oi_error_set(err, "", 0, 0, "--listen \"%s\": address too long", listen);
	memcpy(host, listen, hlen);
	host[hlen] = '\0';
	if (hlen >= 2 && host[0] == '[' && host[hlen - 1] == ']') {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;

		host[hlen - 1] = '\0';
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((unsigned short)port);
		if (inet_pton(AF_INET6, host + 1, &s6->sin6_addr) != 1)
			return oi_error_set(err, "", 0, 0, "--listen \"%s\": not an IPv6 address",
					    listen);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)ss;

		s4->sin_family = AF_INET;
		s4->sin_port = htons((unsigned short)port);
		if (!hlen)
			s4->sin_addr.s_addr = htonl(INADDR_ANY);
		else if (inet_pton(AF_INET, !strcmp(host, "localhost") ? "127.0.0.1" : host,
				   &s4->sin_addr) != 1)
			return oi_error_set(err, "", 0, 0, "--listen \"%s\": \"%s\" is not an IPv4 "
					    "address (use [addr] for IPv6)", listen, host);
	}
	return 0;
}

int web_server_start(struct web_app *app, const char *listen, struct web_server **out,
		     struct oi_error *err)
{
	struct sockaddr_storage ss;
	struct web_server *s;
	const union MHD_DaemonInfo *di;
	unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
			 MHD_USE_POLL | MHD_USE_ERROR_LOG;

	*out = NULL;
	if (parse_listen(listen, &ss, err))
		return -1;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	s = xcalloc(1, sizeof *s);
	s->app = app;
	s->daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, s,
				     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
				     MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
				     MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
				     MHD_OPTION_CONNECTION_LIMIT, (unsigned)4000,
				     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
				     MHD_OPTION_THREAD_STACK_SIZE, (size_t)(512 * 1024),
				     MHD_OPTION_END);
	if (!s->daemon) {
		free(s);
		return oi_error_set(err, "", 0, 0, "cannot listen on %s (in use, or not an address "
				    "of this machine)", listen);
	}
	di = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	s->port = di ? di->port : 0;
	*out = s;
	return 0;
}

unsigned web_server_port(const struct web_server *s)
{
	return s->port;
}

void web_server_stop(struct web_server *s)
{
	if (!s)
		return;
	MHD_stop_daemon(s->daemon);
	free(s);
}
