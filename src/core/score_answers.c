/*
 * score_answers.c — one respondent's stored answers string into a score set (the web system's
 * responses; the CSV reader in score_input.c does the same from a file row).
 */
#include "openita/score.h"

int oi_scoreset_add_answers(struct oi_scoreset *ss, size_t agency, size_t instrument,
			    const char *answers, size_t len)
{
	const struct oi_framework *fw = oi_scoreset_framework(ss);
	const struct oi_instrument *ins;
	unsigned char option[256];
	size_t answered = 0;

	if (instrument >= fw->n_instruments)
		return -1;
	ins = &fw->instruments[instrument];
	if (ins->kind != OI_SURVEY || len != ins->n_subitems || len > sizeof option)
		return -1;
	for (size_t i = 0; i < len; i++) {
		const struct oi_subitem *s = &fw->subitems[ins->first_subitem + i];
		char ch = answers[i];
		unsigned opt;

		if (ch == '0')
			opt = 0;
		else if (ch >= '1' && ch <= '9')
			opt = (unsigned)(ch - '0');
		else if (ch == 'A')
			opt = 10;
		else
			return -1;
		if (opt > fw->questions[s->question].scale->n_options)
			return -1;
		option[i] = (unsigned char)opt;
		answered += opt != 0;
	}
	if (!answered)
		return -1;
	/* Sub-items of one question are contiguous: mean per question, as the CSV reader does. */
	for (size_t i = 0; i < len;) {
		size_t q = fw->subitems[ins->first_subitem + i].question;
		double sum = 0;
		unsigned n = 0;

		for (; i < len && fw->subitems[ins->first_subitem + i].question == q; i++) {
			if (option[i]) {
				sum += oi_subitem_score(fw, ins->first_subitem + i, option[i]);
				n++;
			}
		}
		if (n)
			oi_scoreset_add_question(ss, agency, q, sum / n);
	}
	oi_scoreset_add_respondent(ss, agency, instrument);
	return 0;
}
