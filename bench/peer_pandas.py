"""Benchmark peer: scores every agency with pandas, the way an analyst would,
and prints `agency,total` sorted by agency.  Timed as a whole (read_csv and
computation).  Per agency: a respondent's question score is the mean of its
sub-item scores, the agency's question score the mean over respondents, an
indicator the mean of its questions; an OIT sub-indicator is 100 x passed /
items, its indicator the mean of its sub-indicators; total = sum of indicator
x weight / 100.  Run with Debian's /usr/bin/python3 (pandas 1.5):

    peer_pandas.py FRAMEWORK.json DATA_DIR > totals.csv
"""

import sys

import numpy as np
import pandas as pd

import ita_framework


def survey_indicators(survey, path):
    """DataFrame indexed by agency, one column per indicator of the survey."""
    codes = [code for ind in survey["indicators"] for _, answers in ind["questions"] for code, _ in answers]
    df = pd.read_csv(path, usecols=["agency"] + codes, dtype={"agency": str, **{c: np.int8 for c in codes}})
    question_scores = {}
    for ind in survey["indicators"]:
        for qcode, answers in ind["questions"]:
            parts = [np.array([np.nan] + scores)[df[code].to_numpy()] for code, scores in answers]
            question_scores[qcode] = sum(parts) / len(parts)
    per_agency = pd.DataFrame(question_scores).groupby(df["agency"].to_numpy()).mean()
    return pd.DataFrame({ind["code"]: per_agency[[q for q, _ in ind["questions"]]].mean(axis=1)
                         for ind in survey["indicators"]})


def checklist_indicators(checklist, path):
    df = pd.read_csv(path, dtype=str)
    sub_of = {item: sub for ind in checklist["indicators"] for sub, items in ind["subindicators"] for item in items}
    size = {sub: len(items) for ind in checklist["indicators"] for sub, items in ind["subindicators"]}
    df["sub"] = df["item"].map(sub_of)
    passed = (df["result"] == "pass").groupby([df["agency"], df["sub"]]).sum().unstack("sub")
    subs = passed * 100.0 / pd.Series(size)
    return pd.DataFrame({ind["code"]: subs[[s for s, _ in ind["subindicators"]]].mean(axis=1)
                         for ind in checklist["indicators"]})


def main():
    framework, data = sys.argv[1], sys.argv[2]
    fw = ita_framework.load(framework)
    agencies = pd.read_csv(f"{data}/agencies.csv", usecols=["code"], dtype=str)["code"]
    total = pd.Series(0.0, index=pd.Index(agencies, name="agency"))
    parts = [(s["indicators"], survey_indicators(s, f"{data}/{s['code'].lower()}.csv")) for s in fw["surveys"]]
    cl = fw["checklist"]
    parts.append((cl["indicators"], checklist_indicators(cl, f"{data}/{cl['code'].lower()}.csv")))
    for indicators, scores in parts:
        for ind in indicators:
            total += scores[ind["code"]].reindex(total.index) * ind["weight"] / 100.0
    total.rename("total").sort_index().to_csv(sys.stdout, float_format="%.10f")


if __name__ == "__main__":
    main()
