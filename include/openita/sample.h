/*
 * sample.h — the minimum number of responses an agency must collect.
 */
#ifndef OPENITA_SAMPLE_H
#define OPENITA_SAMPLE_H

#include "openita/framework.h"

/*
 * The minimum sample for a population of n under the sampling rule of survey instrument
 * `instrument` of fw: min(n, clamp(ceil(n × percent / 100), at_least, at_most)), with no upper
 * clamp when the rule has no at_most. Exact integer arithmetic; 0 for n = 0.
 */
unsigned long oi_required_sample_size(const struct oi_framework *fw, size_t instrument,
				      unsigned long n);

#endif
