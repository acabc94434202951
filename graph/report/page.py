"""The dossier as one self-contained HTML page: no script, no request out, CSS and SVG inline.

Every element that states a fact (``class="fact"``) carries footnote marks to the sources
list, where each note names the article and quotes the evidence sentence. Figures are
``<span class="figure" data-query=… data-key=… data-value=…>``: the saved query that answers
them, so anyone can re-run it. All article text is escaped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from html import escape
from importlib import resources

from diplomap.graph.report import svg
from diplomap.graph.report.collect import STAGES, Dossier, local
from diplomap.graph.report.text import amount_text, period_text, strings

_PACKAGE = "diplomap.graph.report"
_PLACEHOLDER = re.compile(r"\{\{([A-Z]+)\}\}")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)


def _resource(name: str) -> str:
    return (resources.files(_PACKAGE) / "templates" / name).read_text(encoding="utf-8")


def _words(name: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)


def refs(numbers) -> str:
    unique = sorted(set(numbers))
    return "".join(f'<sup class="fn"><a href="#fn-{n}">[{n}]</a></sup>' for n in unique)


def figure(query: str, key: str, value, text: str | None = None) -> str:
    return (f'<span class="figure" data-query="{escape(query)}" data-key="{escape(key)}" '
            f'data-value="{escape(str(value))}">{escape(text if text is not None else str(value))}</span>')


class Page:
    def __init__(self, dossier: Dossier, lang: str):
        self.d, self.lang, self.t = dossier, lang, strings(lang)
        self.period = period_text(dossier.period, lang)
        self.province = self.name(dossier.province, dossier.label)

    def name(self, iri: str | None, english: str | None = None) -> str:
        if self.lang == "vi" and iri in self.d.vi_labels:
            return self.d.vi_labels[iri]
        return english or local(iri)

    def label(self, row: dict, key: str) -> str:
        return self.name(row.get(key), row.get(key + "Label"))

    def former(self, row: dict) -> str:
        via = row.get("via")
        if not via or via == self.d.province:
            return ""
        old = next((m.label for m in self.d.merged if m.iri == via), local(via))
        return f' <span class="former">({escape(self.t["former"].format(old=self.name(via, old)))})</span>'

    def table(self, headers: list[str], rows: list[dict], cells) -> str:
        head = "".join(f"<th>{escape(self.t[h])}</th>" for h in headers)
        body = "".join(f'<tr class="fact">{cells(r)}<td>{refs([r["note"]])}</td></tr>' for r in rows)
        return f"<table><thead><tr>{head}<th>{escape(self.t['source'])}</th></tr></thead><tbody>{body}</tbody></table>"

    def empty(self, section: str) -> str:
        what = self.t[section].lower() if self.lang == "en" else self.t[section]
        return f'<p class="empty">{escape(self.t["none_for"].format(what=what, province=self.province, period=self.period))}</p>'

    def query_note(self, name: str) -> str:
        return f' <span class="query">({escape(self.t["query"])}: {escape(name)})</span>'

    # --- sections --------------------------------------------------------------------------

    def partnerships(self, rows) -> str:
        stages = {local(r["stage"]): r for r in self.d.figures["report-partnership-stages"]}
        partners = len({r["partner"] for r in rows})
        sentence = self.t["stages_sentence"].format(
            province=escape(self.province), period=escape(self.period),
            statements=figure("report-partnerships", "rows", len(rows)),
            partners=figure("report-partnerships", "partners", partners))
        items = []
        for stage in STAGES:
            if stage in stages:
                r = stages[stage]
                notes = [x["note"] for x in rows if local(x["stage"]) == stage]
                items.append('<li class="fact">' + self.t["stage_item"].format(
                    stage=escape(self.t[stage]),
                    statements=figure("report-partnership-stages", f"{stage}/statements", r["statements"]),
                    partners=figure("report-partnership-stages", f"{stage}/partners", r["partners"]))
                    + refs(notes) + "</li>")
        out = f'<p class="fact">{sentence}{refs(r["note"] for r in rows)}{self.query_note("report-partnership-stages")}</p>'
        out += f"<ul>{''.join(items)}</ul>"
        return out + self.table(["partner", "country", "stage", "year"], rows, lambda r: (
            f"<td>{escape(self.label(r, 'partner'))}{self.former(r)}</td><td>{escape(self.label(r, 'country'))}</td>"
            f'<td><span class="stage stage-{escape(local(r["stage"]))}">{escape(self.t.get(local(r["stage"]), local(r["stage"])))}</span></td>'
            f"<td>{escape(r.get('date', r.get('year', '')))}</td>"))

    def visits(self, rows) -> str:
        out_n = sum(r["direction"] == "out" for r in rows)
        sentence = self.t["visits_sentence"].format(
            count=figure("report-visits", "rows", len(rows)), period=escape(self.period),
            out=figure("report-visits", "out", out_n), inside=figure("report-visits", "in", len(rows) - out_n))
        return (f'<p class="fact">{sentence}{refs(r["note"] for r in rows)}{self.query_note("report-visits")}</p>'
                + self.table(["direction", "visitor", "place", "year"], rows, lambda r: (
                    f"<td>{escape(self.t[r['direction']])}</td><td>{escape(self.label(r, 'visitor'))}{self.former(r)}</td>"
                    f"<td>{escape(self.label(r, 'place'))}</td><td>{escape(r.get('date', r.get('year', '')))}</td>")))

    def investment(self, rows) -> str:
        parts = []
        for total in self.d.figures["report-investment-totals"]:
            mine = [r for r in rows if ("amount" in r) == (total["hasAmount"] == "true")
                    and r.get("currency") == total.get("currency")]
            notes = refs(r["note"] for r in mine)
            if total["hasAmount"] == "true":
                currency = total.get("currency", "?")
                text = self.t["investment_total"].format(
                    currency=escape(currency),
                    total=figure("report-investment-totals", f"{currency}/total", total["total"],
                                 amount_text(total["total"], currency)),
                    statements=figure("report-investment-totals", f"{currency}/statements", total["statements"]))
            else:
                text = self.t["investment_none"].format(
                    statements=figure("report-investment-totals", "none/statements", total["statements"]))
            parts.append(f'<p class="fact">{text}{notes}{self.query_note("report-investment-totals")}</p>')
        parts += self.repeats(rows)
        by_currency = defaultdict(list)
        for r in self.d.figures["report-investment-by-country"]:
            by_currency[r.get("currency", "?")].append(r)
        for currency, bars in sorted(by_currency.items()):
            title = self.t["by_country"].format(currency=currency)
            chart = svg.bar_chart([(self.label(b, "country") if "country" in b else self.t["unknown_country"],
                                    Decimal(b["total"]), amount_text(b["total"], currency)) for b in bars], title)
            data = "".join(figure("report-investment-by-country", f"{local(b.get('country', ''))}/{currency}", b["total"], "")
                           for b in bars)
            notes = refs(r["note"] for r in rows if "amount" in r and r.get("currency") == currency)
            parts.append(f'<figure class="fact">{chart}<figcaption>{escape(title)}{notes}'
                         f'{self.query_note("report-investment-by-country")}{data}</figcaption></figure>')
        parts.append(self.table(["investor", "country", "amount", "place", "year"], rows, lambda r: (
            f"<td>{escape(self.label(r, 'investor'))}</td><td>{escape(self.label(r, 'country'))}</td>"
            f'<td class="num">{escape(amount_text(r.get("amount"), r.get("currency")))}</td>'
            f"<td>{escape(self.label(r, 'target'))}{self.former(r)}</td>"
            f"<td>{escape(r.get('date', r.get('year', '')))}</td>")))
        return "".join(parts)

    def repeats(self, rows) -> list[str]:
        """Figures for one investor from several articles: said, never silently added."""
        groups = defaultdict(list)
        for r in rows:
            if "amount" in r:
                groups[(r["investor"], r.get("currency"))].append(r)
        totals = {t.get("currency"): Decimal(t["total"]) for t in self.d.figures["report-investment-totals"]
                  if t["hasAmount"] == "true"}
        out = []
        for (investor, currency), mine in sorted(groups.items()):
            if len({r["document"] for r in mine}) < 2:
                continue
            amounts = [Decimal(r["amount"]) for r in mine]
            lower = totals.get(currency, Decimal(0)) - sum(amounts) + max(amounts)
            text = self.t["investment_repeat"].format(
                investor=escape(self.label(mine[0], "investor")), count=len(mine),
                amounts=", ".join(escape(amount_text(r["amount"], currency)) + refs([r["note"]]) for r in mine),
                lower=figure("report-investment-totals", f"{currency}/without-repeats/{local(investor)}", lower,
                             amount_text(str(lower), currency)))
            out.append(f'<p class="fact repeat">{text}</p>')
        return out

    def aid(self, rows) -> str:
        parts = []
        for r in self.d.figures["report-aid-by-donor"]:
            mine = [x for x in rows if x["donor"] == r["donor"] and ("amount" in x) == (r["hasAmount"] == "true")
                    and x.get("currency") == r.get("currency")]
            donor = escape(self.label(r, "donor"))
            key = f"{local(r['donor'])}/{r.get('currency', 'none')}"
            if r["hasAmount"] == "true":
                text = self.t["aid_sentence"].format(
                    donor=donor, total=figure("report-aid-by-donor", key + "/total", r["total"],
                                              amount_text(r["total"], r.get("currency"))),
                    statements=figure("report-aid-by-donor", key + "/statements", r["statements"]))
            else:
                text = self.t["aid_none"].format(donor=donor, statements=figure(
                    "report-aid-by-donor", key + "/statements", r["statements"]))
            parts.append(f'<p class="fact">{text}{refs(x["note"] for x in mine)}{self.query_note("report-aid-by-donor")}</p>')
        return "".join(parts) + self.table(["donor", "country", "amount", "year"], rows, lambda r: (
            f"<td>{escape(self.label(r, 'donor'))}{self.former(r)}</td><td>{escape(self.label(r, 'country'))}</td>"
            f'<td class="num">{escape(amount_text(r.get("amount"), r.get("currency")))}</td>'
            f"<td>{escape(r.get('date', r.get('year', '')))}</td>"))

    def counted(self, section: str, rows, key: str) -> str:
        sentence = self.t[key].format(count=figure(f"report-{section}", "rows", len(rows)),
                                      province=escape(self.province), period=escape(self.period))
        return f'<p class="fact">{sentence}{refs(r["note"] for r in rows)}{self.query_note("report-" + section)}</p>'

    def heritage(self, rows) -> str:
        return self.counted("heritage", rows, "heritage_sentence") + self.table(
            ["item", "relation", "by", "listing", "year"], rows, lambda r: (
                f"<td>{escape(self.label(r, 'item'))}{self.former(r)}</td><td>{escape(self.t.get(local(r['predicate']), ''))}</td>"
                f"<td>{escape(self.label(r, 'body') if local(r['predicate']) == 'recognizedBy' else '')}</td>"
                f"<td>{escape(_words(local(r.get('listing', ''))))}</td><td>{escape(r.get('date', r.get('year', '')))}</td>"))

    def officials(self, rows) -> str:
        return self.counted("officials", rows, "officials_sentence") + self.table(
            ["person", "post", "body", "year"], rows, lambda r: (
                f"<td>{escape(self.label(r, 'person'))}</td><td>{escape(r.get('role', ''))}</td>"
                f"<td>{escape(self.label(r, 'body'))}{self.former(r)}</td><td>{escape(r.get('date', r.get('year', '')))}</td>"))

    def cooperation(self, rows) -> str:
        return self.counted("cooperation", rows, "cooperation_sentence") + self.table(
            ["relation", "with", "fields", "year"], rows, lambda r: (
                f"<td>{escape(self.t.get(local(r['predicate']), ''))}</td><td>{escape(self.label(r, 'other'))}{self.former(r)}</td>"
                f"<td>{escape(r.get('fields', ''))}</td><td>{escape(r.get('date', r.get('year', '')))}</td>"))

    def network(self) -> str:
        s, ties = self.d.sections, []
        ties += [(r["partner"], self.label(r, "partner"), "partnerOf") for r in s["partnerships"]]
        ties += [(r["investor"], self.label(r, "investor"), "investsIn") for r in s["investment"]]
        ties += [(r["donor"], self.label(r, "donor"), "aidTo") for r in s["aid"]]
        ties += [(r["item"], self.label(r, "item"), "heritageOf") for r in s["heritage"]]
        ties += [(r["other"], self.label(r, "other"), local(r["predicate"])) for r in s["cooperation"]]
        ties += [(r["place"], self.label(r, "place"), "visited") for r in s["visits"] if r["direction"] == "out"]
        ties += [(r["visitor"], self.label(r, "visitor"), "visited") for r in s["visits"] if r["direction"] == "in"]
        picture = svg.network(self.province, ties, self.t["network"])
        if not picture:
            return self.empty("network")
        notes = refs(r["note"] for rows in s.values() for r in rows)
        return (f'<figure class="fact">{picture}<figcaption>{escape(self.t["network_caption"])}{notes}</figcaption></figure>'
                f'<p class="note">{escape(self.t["geo_missing"])}</p>')

    def changes(self) -> str:
        d, t = self.d, self.t
        if d.previous is None:
            return f'<p class="note">{escape(t["changes_all"])}</p>'
        previous = period_text(d.period.previous(), self.lang)
        items = []
        for section, rows in d.sections.items():
            now = figure(f"report-{section}" if section != "investment" else "report-investments", "rows", len(rows))
            items.append(f'<li class="{"fact" if rows else "count"}">' + t["count_item"].format(
                what=escape(t[section]), now=now, before=f"{escape(previous)}: {d.previous[section]}")
                + refs(r["note"] for r in rows) + "</li>")
        out = f'<p>{escape(t["changes_counts"].format(period=self.period, previous=previous))}</p><ul>{"".join(items)}</ul>'
        changes = []
        for c in d.changes:
            values = {k: escape(self.name(c["iri"], v) if k in ("partner", "investor", "donor") else
                                t.get(v, v) if k in ("stage", "old", "new") else str(v))
                      for k, v in c.items() if k not in ("kind", "iri", "notes")}
            changes.append(f'<li class="fact">{t[c["kind"]].format(**values)}{refs(c["notes"])}</li>')
        if not changes:
            return out + f'<p class="note">{escape(t["no_changes"].format(period=self.period))}</p>'
        return out + f"<ul>{''.join(changes)}</ul>"

    def footnotes(self) -> str:
        items = []
        for note in self.d.footnotes:
            url = ""
            if note.source:
                url = f' <span class="url">{escape(note.source)}</span>' if _SAFE_URL.match(note.source) else ""
            meta = ", ".join(escape(x) for x in (note.publisher, note.date) if x)
            items.append(f'<li id="fn-{note.number}" class="footnote" data-document="{escape(note.document)}">'
                         f'<cite>{escape(note.title or local(note.document))}</cite>'
                         f'{" — " + meta if meta else ""}{url}<blockquote>{escape(note.evidence)}</blockquote></li>')
        return f'<ol class="footnotes">{"".join(items)}</ol>'

    def render(self) -> str:
        d, t = self.d, self.t
        title = t["title"].format(province=self.province)
        head = [f"<h1>{escape(title)}</h1>", f'<p class="period">{escape(self.period)}</p>',
                f'<p class="about">{escape(t["generated"].format(documents=d.documents))}</p>']
        for m in d.merged:
            head.append(f'<p class="merger">{escape(t["merged_in"].format(date=m.date, province=self.province, old=self.name(m.iri, m.label)))}</p>')
        if d.successor and d.period.reaches(int(d.successor.date[:4] or 0)):
            s = d.successor
            head.append(f'<p class="merger">{escape(t["merged_out"].format(province=self.province, new=self.name(s.iri, s.label), date=s.date))}</p>')
        if d.empty:
            head.append(f'<p class="empty nothing">{escape(t["nothing"].format(province=self.province, period=self.period))}</p>')
        if not d.period.all_years:
            head.append(f'<p class="note">{escape(t["undated"])}</p>')
        order = ["partnerships", "visits", "investment", "aid", "heritage", "officials", "cooperation"]
        names = [*order, "network", "changes", "sources"]
        head.append("<nav><h2>" + escape(t["contents"]) + "</h2><ol>"
                    + "".join(f'<li><a href="#{n}">{escape(t[n])}</a></li>' for n in names) + "</ol></nav>")
        body = []
        for section in order:
            rows = d.sections[section]
            content = getattr(self, section)(rows) if rows else self.empty(section)
            body.append(f'<section id="{section}"><h2>{escape(t[section])}</h2>{content}</section>')
        body.append(f'<section id="network"><h2>{escape(t["network"])}</h2>{self.network()}</section>')
        body.append(f'<section id="changes"><h2>{escape(t["changes"])}</h2>{self.changes()}</section>')
        body.append(f'<section id="sources"><h2>{escape(t["sources"])}</h2>{self.footnotes()}</section>')
        parts = {"LANG": self.lang, "TITLE": escape(f"{title} — {self.period}"), "CSS": _resource("report.css"),
                 "BODY": "\n".join(head + body)}
        return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], _resource("report.html"))


def render_page(dossier: Dossier, lang: str = "en") -> str:
    return Page(dossier, lang).render()
