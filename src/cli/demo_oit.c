/*
 * demo_oit.c — the OIT part of the demo year (issue 4): agency D01 has submitted its first
 * twenty items with URLs and explanations, the assessor is assigned to D01 and D02 and has
 * reviewed D01's first ten (O4 and O7 failed, with comments), and D02 has three drafts. Nothing
 * is captured: the demo's URLs are made up, so the link monitor shows them as never checked
 * until someone presses "check now".
 */
#include <stdio.h>
#include <string.h>

#include "demo.h"
#include "openita/framework.h"

static long user_id(struct oi_store *st, const char *name, struct oi_error *err)
{
	struct oi_user u;

	return oi_store_user_by_name(st, name, &u, err) ? -1 : u.id;
}

int demo_oit(struct oi_store *st, const struct oi_framework *fw, long assessment_id,
	     const struct oi_agency *d01, const struct oi_agency *d02, struct oi_error *err)
{
	long officer1 = user_id(st, "agency1", err), officer2 = user_id(st, "agency2", err);
	long assessor = user_id(st, "assessor", err), admin = user_id(st, "admin", err);
	size_t n = fw->n_oit_items < 20 ? fw->n_oit_items : 20;

	if (officer1 < 0 || officer2 < 0 || assessor < 0 || admin < 0)
		return oi_error_set(err, NULL, 0, 0, "the demo's OIT users are missing");
	if (oi_store_assignment_add(st, assessment_id, assessor, d01->id, admin, err) ||
	    oi_store_assignment_add(st, assessment_id, assessor, d02->id, admin, err))
		return -1;
	for (size_t k = 0; k < n; k++) {
		const struct oi_oit_item *it = &fw->oit_items[k];
		struct oi_oit_submission s;
		struct oi_oit_review r;

		memset(&s, 0, sizeof s);
		s.assessment_id = assessment_id;
		s.agency_id = d01->id;
		snprintf(s.item, sizeof s.item, "%s", it->code);
		s.has = true;
		s.submitted = true;
		snprintf(s.explanation, sizeof s.explanation, "เผยแพร่ที่หน้า %s ของเว็บไซต์หน่วยงาน",
			 it->title_th ? it->title_th : it->code);
		snprintf(s.urls[0], sizeof s.urls[0], "https://www.demo-agency.go.th/ita/%s",
			 it->code);
		s.n_urls = 1;
		s.by_user = officer1;
		if (oi_store_oit_submit(st, &s, err))
			return -1;
		if (k >= 10)
			continue;
		memset(&r, 0, sizeof r);
		r.assessment_id = assessment_id;
		r.agency_id = d01->id;
		memcpy(r.item, s.item, sizeof r.item);
		r.round = 1;
		r.submission_id = s.id;
		r.pass = strcmp(it->code, "O4") && strcmp(it->code, "O7");
		snprintf(r.comment, sizeof r.comment, "%s",
			 r.pass ? "" : "หน้าเว็บไม่แสดงองค์ประกอบครบตามที่กำหนด โปรดระบุ URL ของหน้าที่"
				       "มีข้อมูลครบ");
		r.by_user = assessor;
		if (oi_store_oit_review(st, &r, err))
			return -1;
	}
	for (size_t k = 0; k < 3 && k < fw->n_oit_items; k++) {
		struct oi_oit_submission s;

		memset(&s, 0, sizeof s);
		s.assessment_id = assessment_id;
		s.agency_id = d02->id;
		snprintf(s.item, sizeof s.item, "%s", fw->oit_items[k].code);
		s.has = true;
		snprintf(s.urls[0], sizeof s.urls[0], "https://www.demo-two.go.th/%s",
			 fw->oit_items[k].code);
		s.n_urls = 1;
		s.by_user = officer2;
		if (oi_store_oit_submit(st, &s, err))
			return -1;
	}
	return 0;
}
