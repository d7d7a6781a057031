/*
 * sample.c — the minimum-sample rule of a framework (see include/openita/sample.h).
 */
#include "openita/sample.h"

unsigned long oi_required_sample_size(const struct oi_framework *fw, size_t instrument,
				      unsigned long n)
{
	const struct oi_instrument *in = &fw->instruments[instrument];
	unsigned long share, m;

	/* ceil(n × p / 100) without overflow for any n: whole hundreds, then the rest */
	share = n / 100 * in->sample_percent + (n % 100 * in->sample_percent + 99) / 100;
	m = share < in->sample_at_least ? in->sample_at_least : share;
	if (in->sample_has_max && m > in->sample_at_most)
		m = in->sample_at_most;
	return m < n ? m : n;
}
