/*
 * commit_queue.c — group commit of survey responses: many responses, one synced commit.
 *
 * A caller of oi_store_response_submit() puts an item on the queue and sleeps on the item's own
 * condition variable. One thread (the committer) takes up to COMMIT_BATCH_MAX items at a time
 * and, holding the write connection, runs
 *
 *     BEGIN IMMEDIATE
 *       for each item:  SAVEPOINT; nonce; access code; response; counter; RELEASE
 *     COMMIT            -- WAL + synchronous=FULL: synced to disk when this returns
 *
 * and then wakes every caller of the batch with its own result. While a batch commits, new
 * items gather on the queue for the next one, so the cost of a sync is shared by everyone who
 * arrived during the previous sync: the busier the server, the bigger the batches.
 *
 * Each item runs inside a savepoint: a duplicate nonce, a bad access code or any other failure
 * of one item rolls back that item alone (its nonce too, so the respondent can try again with
 * a correct code) and the others of the batch still commit. If the COMMIT itself fails, every
 * item of the batch is answered with the error: nothing was acknowledged that is not on disk.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "sqlite_int.h"

#define COMMIT_BATCH_MAX 512

struct commit_item {
	const struct oi_response *r;
	enum oi_submit_result result;
	int rc;
	struct oi_error *err;          /* the caller's (may be NULL) */
	bool done;                     /* set, under the queue's lock, when answered */
	pthread_cond_t wake;           /* the caller waits on it for done */
	struct commit_item *next;
};

struct commit_queue {
	pthread_mutex_t lock;
	pthread_cond_t work;           /* the committer waits on it for items or stopping */
	struct commit_item *head, *tail;
	bool stopping;
	pthread_t thread;
};

static const char sql_savepoint[] = "SAVEPOINT submit";
static const char sql_release[] = "RELEASE submit";
static const char sql_rollback_to[] = "ROLLBACK TO submit";
static const char sql_nonce[] =
	"INSERT INTO submission_nonces (participation_id, nonce) VALUES (?1, ?2)";
static const char sql_use_code[] =
	"UPDATE access_codes SET used = 1 WHERE participation_id = ?1 AND code = ?2 AND used = 0";
static const char sql_response[] =
	"INSERT INTO responses (participation_id, instrument, submitted_hour, answers) "
	"VALUES (?1, ?2, ?3, ?4)";
static const char sql_count[] =
	"UPDATE participations SET iit_responses = iit_responses + ?2, "
	"eit_responses = eit_responses + ?3 WHERE id = ?1";

/* Run a statement of one item; SQLITE_DONE or the failing code (err filled unless it is a
 * constraint, which the caller turns into a result). */
static int item_step(struct conn *c, const char *sql, const struct oi_response *r,
		     struct oi_error *err)
{
	sqlite3_stmt *s = conn_stmt(c, sql, err);
	int rc;

	if (!s)
		return SQLITE_ERROR;
	sqlite3_bind_int64(s, 1, r->participation_id);
	if (sql == sql_nonce) {
		sqlite3_bind_text(s, 2, r->nonce, -1, SQLITE_STATIC);
	} else if (sql == sql_use_code) {
		sqlite3_bind_text(s, 2, r->access_code, -1, SQLITE_STATIC);
	} else if (sql == sql_response) {
		sqlite3_bind_text(s, 2, r->instrument, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, r->hour, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, r->answers, -1, SQLITE_STATIC);
	} else {
		bool iit = !strcmp(r->instrument, "IIT");

		sqlite3_bind_int(s, 2, iit);
		sqlite3_bind_int(s, 3, !iit);
	}
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE && sql == sql_use_code && sqlite3_changes(c->db) == 0)
		rc = SQLITE_NOTFOUND;
	if (rc != SQLITE_DONE && rc != SQLITE_NOTFOUND &&
	    rc != SQLITE_CONSTRAINT_PRIMARYKEY)
		conn_fail(c, "cannot store the response", err);
	conn_done(c, s);
	return rc;
}

/* One item inside the batch's transaction: sets it->rc, it->result. */
static void commit_one(struct conn *c, struct commit_item *it)
{
	const struct oi_response *r = it->r;
	int rc;

	it->rc = 0;
	if (conn_exec(c, sql_savepoint, it->err)) {
		it->rc = -1;
		return;
	}
	if (r->nonce[0]) {
		rc = item_step(c, sql_nonce, r, it->err);
		if (rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
			it->result = OI_SUBMIT_DUPLICATE;
			goto undo;
		}
		if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
			goto no_participation;
		if (rc != SQLITE_DONE)
			goto fail;
	}
	if (r->access_code[0]) {
		rc = item_step(c, sql_use_code, r, it->err);
		if (rc == SQLITE_NOTFOUND) {
			it->result = OI_SUBMIT_CODE_INVALID;
			goto undo;
		}
		if (rc != SQLITE_DONE)
			goto fail;
	}
	rc = item_step(c, sql_response, r, it->err);
	if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
		goto no_participation;
	if (rc != SQLITE_DONE || item_step(c, sql_count, r, it->err) != SQLITE_DONE)
		goto fail;
	if (conn_exec(c, sql_release, it->err))
		goto fail;
	it->result = OI_SUBMIT_STORED;
	return;
no_participation:
	oi_error_set(it->err, NULL, 0, 0, "no participation with id %ld",
		     (long)r->participation_id);
fail:
	it->rc = -1;
undo:
	/* ROLLBACK TO keeps the savepoint open; RELEASE closes it (the batch goes on). */
	if (conn_exec(c, sql_rollback_to, NULL) || conn_exec(c, sql_release, NULL))
		it->rc = -1;
}

/* Commit one batch (a list linked by next, ending in NULL) with the writer held. */
static void commit_batch(struct sqlite_store *st, struct commit_item *batch)
{
	struct conn *c = writer_get(st);
	struct oi_error err;

	if (conn_exec(c, sql_begin, &err)) {
		for (struct commit_item *it = batch; it; it = it->next) {
			it->rc = -1;
			if (it->err)
				*it->err = err;
		}
		writer_put(st);
		return;
	}
	for (struct commit_item *it = batch; it; it = it->next) {
		commit_one(c, it);
		/* Some failures (disk full, I/O error) make SQLite roll back the whole
		 * transaction: then nothing of the batch is stored, and the items after this one
		 * must not run on outside a transaction. */
		if (sqlite3_get_autocommit(c->db)) {
			bool own = it->rc == -1;  /* it has its own message already */

			for (struct commit_item *all = batch; all; all = all->next) {
				if (all != it || !own)
					oi_error_set(all->err, NULL, 0, 0, "the response was not "
						     "stored: %s", sqlite3_errmsg(c->db));
				all->rc = -1;
			}
			writer_put(st);
			return;
		}
	}
	if (conn_exec(c, sql_commit, &err)) {
		conn_exec(c, sql_rollback, NULL);
		for (struct commit_item *it = batch; it; it = it->next) {
			it->rc = -1;
			oi_error_set(it->err, NULL, 0, 0, "the response was not stored: %s",
				     err.message);
		}
	}
	writer_put(st);
}

static void *committer(void *arg)
{
	struct sqlite_store *st = arg;
	struct commit_queue *q = st->queue;

	pthread_mutex_lock(&q->lock);
	for (;;) {
		struct commit_item *batch, *last, *it, *next;
		size_t n = 1;

		while (!q->head && !q->stopping)
			pthread_cond_wait(&q->work, &q->lock);
		if (!q->head)
			break;  /* stopping, and everything answered */
		batch = last = q->head;
		while (last->next && n < COMMIT_BATCH_MAX) {
			last = last->next;
			n++;
		}
		q->head = last->next;
		if (!q->head)
			q->tail = NULL;
		last->next = NULL;
		pthread_mutex_unlock(&q->lock);

		commit_batch(st, batch);

		pthread_mutex_lock(&q->lock);
		for (it = batch; it; it = next) {
			next = it->next;  /* it belongs to its caller again once done is seen */
			it->done = true;
			pthread_cond_signal(&it->wake);
		}
	}
	pthread_mutex_unlock(&q->lock);
	return NULL;
}

int commit_queue_start(struct sqlite_store *st, struct oi_error *err)
{
	struct commit_queue *q = xcalloc(1, sizeof *q);
	int rc;

	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->work, NULL);
	st->queue = q;
	rc = pthread_create(&q->thread, NULL, committer, st);
	if (rc) {
		pthread_cond_destroy(&q->work);
		pthread_mutex_destroy(&q->lock);
		free(q);
		st->queue = NULL;
		return oi_error_set(err, NULL, 0, 0, "cannot start the commit thread: %s",
				    strerror(rc));
	}
	return 0;
}

int commit_queue_submit(struct sqlite_store *st, const struct oi_response *r,
			enum oi_submit_result *result, struct oi_error *err)
{
	struct commit_queue *q = st->queue;
	struct commit_item it = {.r = r, .err = err};

	pthread_cond_init(&it.wake, NULL);
	pthread_mutex_lock(&q->lock);
	if (q->stopping) {
		pthread_mutex_unlock(&q->lock);
		pthread_cond_destroy(&it.wake);
		return oi_error_set(err, NULL, 0, 0, "the store is closing; the response was "
				    "not stored");
	}
	if (q->tail)
		q->tail->next = &it;
	else
		q->head = &it;
	q->tail = &it;
	pthread_cond_signal(&q->work);
	while (!it.done)
		pthread_cond_wait(&it.wake, &q->lock);
	pthread_mutex_unlock(&q->lock);
	pthread_cond_destroy(&it.wake);
	if (it.rc)
		return -1;
	*result = it.result;
	return 0;
}

void commit_queue_stop(struct sqlite_store *st)
{
	struct commit_queue *q = st->queue;

	if (!q)
		return;
	pthread_mutex_lock(&q->lock);
	q->stopping = true;
	pthread_cond_signal(&q->work);
	pthread_mutex_unlock(&q->lock);
	pthread_join(q->thread, NULL);
	pthread_cond_destroy(&q->work);
	pthread_mutex_destroy(&q->lock);
	free(q);
	st->queue = NULL;
}
