"""Reads an openita framework file (openita-framework/1) into the plain structure
both benchmark peers score from: for every survey instrument its indicators,
questions and, per answer code, the score of each option (1-based answer k
scores option_scores[k-1], reverse-scored items already turned around); for
the checklist instrument its indicators and sub-indicators with their items.
Scores written "A/B" are exact fractions, converted to float at the end."""

import json
from fractions import Fraction


def _score(value):
    if isinstance(value, str):
        a, b = value.split("/")
        return Fraction(int(a), int(b))
    return Fraction(value)


def load(path):
    with open(path, encoding="utf-8") as f:
        fw = json.load(f)
    scales = {s["code"]: [_score(o["score"]) for o in s["options"]] for s in fw["scales"]}
    surveys, checklist = [], None
    for inst in fw["instruments"]:
        if inst["kind"] == "survey":
            indicators = []
            for ind in inst["indicators"]:
                questions = []
                for q in ind["questions"]:
                    forward = scales[q["scale"]]
                    parts = q.get("subitems") or [q]
                    answers = [(p["code"], [float(s) for s in (forward[::-1] if p.get("reverse") else forward)])
                               for p in parts]
                    questions.append((q["code"], answers))
                indicators.append({"code": ind["code"], "weight": ind["weight"], "questions": questions})
            surveys.append({"code": inst["code"], "indicators": indicators})
        else:
            checklist = {"code": inst["code"],
                         "indicators": [{"code": ind["code"], "weight": ind["weight"],
                                         "subindicators": [(s["code"], s["items"]) for s in ind["subindicators"]]}
                                        for ind in inst["indicators"]]}
    return {"surveys": surveys, "checklist": checklist}
