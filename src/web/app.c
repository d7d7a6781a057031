/*
 * app.c — the server-wide state of the web system: configuration, the store, the frameworks
 * of the assessments (loaded once, shared read-only by every request), the process secret.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app_int.h"

void web_config_defaults(struct web_config *c)
{
	memset(c, 0, sizeof *c);
	c->db_path = "openita.db";
	c->listen = "127.0.0.1:8080";
	c->rate_network_per_min = 120;
	c->rate_link_per_min = 1200;
	c->login_failures_max = 5;
}

int web_app_new(const struct web_config *cfg, struct oi_store *st, struct web_app **out,
		struct oi_error *err)
{
	struct web_app *app;

	*out = NULL;
	if (sodium_init() < 0)
		return oi_error_set(err, "", 0, 0, "libsodium could not start");
	app = xcalloc(1, sizeof *app);
	app->cfg = *cfg;
	app->store = st;
	randombytes_buf(app->secret, sizeof app->secret);
	pthread_mutex_init(&app->lock, NULL);
	app->ratelimit = ratelimit_new(RATELIMIT_DEFAULT_SLOTS);
	*out = app;
	return 0;
}

void web_app_free(struct web_app *app)
{
	if (!app)
		return;
	for (size_t i = 0; i < app->n_frameworks; i++)
		oi_framework_free(app->frameworks[i]);
	ratelimit_free(app->ratelimit);
	pthread_mutex_destroy(&app->lock);
	sodium_memzero(app->secret, sizeof app->secret);
	free(app);
}

struct oi_store *web_app_store(struct web_app *app)
{
	return app->store;
}

const struct web_config *web_app_config(const struct web_app *app)
{
	return &app->cfg;
}

struct ratelimit *web_app_ratelimit(struct web_app *app)
{
	return app->ratelimit;
}

const unsigned char *web_app_secret(const struct web_app *app)
{
	return app->secret;
}

const struct oi_framework *web_app_framework(struct web_app *app, const char *framework_id,
					     struct oi_error *err)
{
	struct oi_framework *fw = NULL;

	if (strchr(framework_id, '/') || strstr(framework_id, ".json")) {
		oi_error_set(err, "", 0, 0, "framework \"%s\" is not a built-in framework id",
			     framework_id);
		return NULL;
	}
	pthread_mutex_lock(&app->lock);
	for (size_t i = 0; i < app->n_frameworks; i++) {
		if (!strcmp(app->frameworks[i]->id, framework_id)) {
			fw = app->frameworks[i];
			break;
		}
	}
	if (!fw && app->n_frameworks == APP_MAX_FRAMEWORKS)
		oi_error_set(err, "", 0, 0, "too many frameworks in use (at most %d)",
			     APP_MAX_FRAMEWORKS);
	else if (!fw && oi_framework_open(framework_id, &fw, err) == 0)
		app->frameworks[app->n_frameworks++] = fw;
	pthread_mutex_unlock(&app->lock);
	return fw;
}
