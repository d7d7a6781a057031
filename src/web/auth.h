/*
 * auth.h — passwords, sessions and CSRF tokens (auth.c). The dispatcher (web.c) loads the
 * session and checks CSRF; the CLI (`openita user add`) and the demo hash passwords here.
 */
#ifndef OPENITA_WEB_AUTH_H
#define OPENITA_WEB_AUTH_H

#include <stdbool.h>

#include "web.h"

#define AUTH_PASSWORD_MIN 10     /* characters (bytes of ASCII; Thai counts per byte) */
#define AUTH_PASSWORD_MAX 128    /* bytes */
#define AUTH_SESSION_SECONDS (8 * 3600)

/* Hash a password with argon2id (libsodium, interactive limits) into out. Checks the length
 * rules first: err says what was wrong. */
int auth_hash_password(const char *password, char out[OI_HASH_MAX], struct oi_error *err);
/* True when password matches the stored argon2id hash. */
bool auth_verify_password(const char *hash, const char *password);

/* The value of cookie `name` from a Cookie header into out (size bytes); false when absent. */
bool auth_cookie(const char *header, const char *name, char *out, size_t size);

/* Fill c->session from the request's session cookie (left invalid when none or expired). */
void auth_load_session(struct web_ctx *c);
/* True when the POST's "csrf" field matches the session's token, or, without a session, the
 * "oi_pre" cookie (double submit). Constant-time comparison. */
bool auth_csrf_ok(struct web_ctx *c);
/* Where a user lands after login: the national dashboard or their agency's page. */
void auth_home(const struct oi_user *u, char *out, size_t size);

#endif
