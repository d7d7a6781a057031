/*
 * server.h — the HTTP server: libmicrohttpd, one thread per connection (a survey POST blocks
 * its own thread until its group commit is durable, never anyone else's), request bodies read
 * up to WEB_MAX_BODY, each request handed to web_handle().
 */
#ifndef OPENITA_WEB_SERVER_H
#define OPENITA_WEB_SERVER_H

#include "web.h"

struct web_server;

/*
 * Listen on listen ("ADDR:PORT", "[v6]:PORT" or ":PORT" for every address; port 0 picks a free
 * one) and serve app until web_server_stop(). The app must outlive the server.
 */
int web_server_start(struct web_app *app, const char *listen, struct web_server **out,
		     struct oi_error *err);
/* The port actually listened on. */
unsigned web_server_port(const struct web_server *s);
/* Stop accepting, finish the requests under way, free s. */
void web_server_stop(struct web_server *s);

#endif
