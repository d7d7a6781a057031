"""Benchmark peer: writes an SQLite script that scores every agency.  Run before
timing; the timed part is `sqlite3 :memory: < score.sql`, which imports the
CSVs with `.import --csv` into typed tables and prints `agency,total` sorted by
agency.  Same method as the other peers: option scores (reverse-scored items
turned around) come from the framework as CASE expressions; a respondent's
question score is the mean of its sub-items, the agency's the AVG over its
respondents, an indicator the mean of its questions; an OIT sub-indicator is
100 x passed / items, its indicator the mean of its sub-indicators; total =
sum of indicator x weight / 100.

    peer_sqlite.py FRAMEWORK.json DATA_DIR > score.sql
"""

import os
import sys

import ita_framework


def ident(name):
    return '"' + name.replace('"', '""') + '"'


def text(value):
    return "'" + value.replace("'", "''") + "'"


def csv_arg(data, name):
    """A dot-command argument naming DATA/name.csv."""
    return '"' + os.path.join(data, name + ".csv").replace("\\", "\\\\").replace('"', '\\"') + '"'


def option_score(code, scores):
    whens = " ".join(f"WHEN {k} THEN {s!r}" for k, s in enumerate(scores, 1))
    return f"CASE {ident(code)} {whens} END"


def survey_sql(survey, data):
    """Table, import and a CTE `<code>_ind(agency, ind_<indicator>...)`."""
    table = survey["code"].lower()
    codes = [code for ind in survey["indicators"] for _, answers in ind["questions"] for code, _ in answers]
    cols = ", ".join(f"{ident(c)} INTEGER" for c in codes)
    setup = (f"CREATE TABLE {table}(agency TEXT, respondent TEXT, {cols});\n"
             f".import --csv --skip 1 {csv_arg(data, table)} {table}\n")
    questions, indicators = [], []
    for ind in survey["indicators"]:
        names = []
        for qcode, answers in ind["questions"]:
            mean = " + ".join(option_score(c, s) for c, s in answers)
            if len(answers) > 1:
                mean = f"({mean}) / {float(len(answers))!r}"
            names.append(ident("q_" + qcode))
            questions.append(f"avg({mean}) AS {names[-1]}")
        indicators.append(f"({' + '.join(names)}) / {float(len(names))!r} AS {ident('ind_' + ind['code'])}")
    cte = (f"{table}_q AS (SELECT agency, {', '.join(questions)} FROM {table} GROUP BY agency),\n"
           f"{table}_ind AS (SELECT agency, {', '.join(indicators)} FROM {table}_q)")
    return setup, cte, table + "_ind"


def checklist_sql(checklist, data):
    table = checklist["code"].lower()
    rows = [f"({text(item)}, {text(sub)}, {text(ind['code'])}, {len(items)})"
            for ind in checklist["indicators"] for sub, items in ind["subindicators"] for item in items]
    setup = (f"CREATE TABLE {table}(agency TEXT, item TEXT, result TEXT);\n"
             f".import --csv --skip 1 {csv_arg(data, table)} {table}\n"
             f"CREATE TABLE {table}_item(item TEXT PRIMARY KEY, sub TEXT, indicator TEXT, sub_items INTEGER);\n"
             f"INSERT INTO {table}_item VALUES {', '.join(rows)};\n")
    indicators = ", ".join(f"avg(CASE WHEN indicator = {text(ind['code'])} THEN score END) AS {ident('ind_' + ind['code'])}"
                           for ind in checklist["indicators"])
    cte = (f"{table}_sub AS (SELECT o.agency, m.indicator, 100.0 * sum(o.result = 'pass') / m.sub_items AS score\n"
           f"  FROM {table} o JOIN {table}_item m ON m.item = o.item GROUP BY o.agency, m.sub),\n"
           f"{table}_ind AS (SELECT agency, {indicators} FROM {table}_sub GROUP BY agency)")
    return setup, cte, table + "_ind"


def main():
    framework, data = sys.argv[1], os.path.abspath(sys.argv[2])
    fw = ita_framework.load(framework)
    parts = [(s["indicators"], survey_sql(s, data)) for s in fw["surveys"]]
    parts.append((fw["checklist"]["indicators"], checklist_sql(fw["checklist"], data)))
    terms, joins = [], []
    for indicators, (_, _, view) in parts:
        joins.append(f"LEFT JOIN {view} ON {view}.agency = a.code")
        terms += [f"{view}.{ident('ind_' + ind['code'])} * {float(ind['weight'])!r}" for ind in indicators]
    print(".bail on\n.mode csv\n.headers on")
    print("CREATE TABLE agencies(code TEXT, name TEXT, type TEXT, province TEXT);")
    print(f".import --csv --skip 1 {csv_arg(data, 'agencies')} agencies")
    for _, (setup, _, _) in parts:
        print(setup, end="")
    print("WITH " + ",\n".join(cte for _, (_, cte, _) in parts))
    print(f"SELECT a.code AS agency, ({' + '.join(terms)}) / 100.0 AS total\n"
          f"FROM agencies a {' '.join(joins)} ORDER BY a.code;")


if __name__ == "__main__":
    main()
