/*
 * date_words.c — the words of dates taken out of a text stream (date_words.h).
 */
#include "date_words.h"

#include <pthread.h>
#include <string.h>

#define LONGEST_WORD "วันพฤหัสบดี"

static const char *const words[] = {
	"มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
	"สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
	"ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.",
	"พ.ย.", "ธ.ค.",
	"วันอาทิตย์", "วันจันทร์", "วันอังคาร", "วันพุธ", LONGEST_WORD, "วันพฤหัส", "วันศุกร์",
	"วันเสาร์",
	"January", "February", "March", "April", "June", "July", "August", "September",
	"October", "November", "December",
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};

_Static_assert(sizeof LONGEST_WORD - 1 < DATE_WORDS_HOLD,
	       "every word must fit in what date_words holds back");

/*
 * The words by the byte that tells their first character apart: the third byte of a Thai
 * character (E0 B8 xx / E0 B9 xx), the letter itself for English. Built once (pthread_once:
 * captures run on many threads); a text byte whose bucket is empty costs one load.
 */
#define N_WORDS (sizeof words / sizeof *words)
#define BUCKET_MAX 12

static unsigned char bucket_n[256];
static unsigned char bucket_word[256][BUCKET_MAX];
static size_t word_len[N_WORDS];
static pthread_once_t buckets_once = PTHREAD_ONCE_INIT;

static unsigned bucket_of(const unsigned char *p)
{
	return p[0] == 0xE0 ? p[2] : p[0];
}

static void build_buckets(void)
{
	for (size_t i = 0; i < N_WORDS; i++) {
		unsigned b = bucket_of((const unsigned char *)words[i]);

		word_len[i] = strlen(words[i]);
		if (bucket_n[b] < BUCKET_MAX)   /* BUCKET_MAX exceeds any bucket of the list */
			bucket_word[b][bucket_n[b]++] = (unsigned char)i;
	}
}

void date_words_init(struct date_words *d)
{
	pthread_once(&buckets_once, build_buckets);
	d->n = 0;
}

/* The length of the longest word that p[0..n) starts with, or 0. A word longer than n does
 * not match (the caller holds bytes until a whole word fits, or the text has ended). */
static size_t match(const unsigned char *p, size_t n)
{
	size_t best = 0;
	unsigned b;

	/* every word starts with a Thai character (lead byte E0) or an English capital */
	if (p[0] != 0xE0 && (p[0] < 'A' || p[0] > 'Z'))
		return 0;
	if (p[0] == 0xE0 && n < 3)
		return 0;
	b = bucket_of(p);
	for (size_t j = 0; j < bucket_n[b]; j++) {
		size_t i = bucket_word[b][j], len = word_len[i];

		if (len <= n && len > best && !memcmp(p, words[i], len))
			best = len;
	}
	return best;
}

/* Decide the held bytes while at least `keep` of them remain undecided after the one looked
 * at (keep 0: decide them all), writing what stays to out; returns the bytes written. */
static size_t decide(struct date_words *d, size_t keep, unsigned char *out)
{
	size_t i = 0, k = 0;

	while (i < d->n && d->n - i > keep) {
		size_t len = match(d->held + i, d->n - i);

		if (len)
			i += len;
		else
			out[k++] = d->held[i++];
	}
	memmove(d->held, d->held + i, d->n - i);
	d->n -= i;
	return k;
}

size_t date_words_add(struct date_words *d, const unsigned char *in, size_t n, unsigned char *out)
{
	size_t k = 0;

	while (n) {
		size_t room = sizeof d->held - d->n, take = n < room ? n : room;

		memcpy(d->held + d->n, in, take);
		d->n += take;
		in += take;
		n -= take;
		/* a word starting at a decided byte fits in what follows it */
		k += decide(d, DATE_WORDS_HOLD - 1, out + k);
	}
	return k;
}

size_t date_words_end(struct date_words *d, unsigned char *out)
{
	return decide(d, 0, out);
}
