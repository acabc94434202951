"""Benchmark: words per second for reading + extraction over a synthetic corpus.

Generates N varied articles from sentence templates filled with gazetteer names (provinces,
foreign localities, countries, companies, organisations, heritage items) and invented
persons and companies, writes them as .txt files to a temporary directory, then times
reading (diplomap.loaders.readers) + extraction (diplomap.loaders.pipeline.extract) in one
process and with a multiprocessing Pool of ``--jobs`` workers.

    python bench/extract.py --docs 3000 --jobs 2
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from multiprocessing import Pool

from diplomap.loaders.pipeline import extract
from diplomap.loaders.readers import iter_documents
from diplomap.ontology import gazetteer

SURNAMES = "Nguyen Tran Le Pham Hoang Vu Dang Bui Do Ngo Dao".split()
MIDDLE = "Van Thi Duc Minh Quang Hong Thanh Ngoc".split()
GIVEN = "An Binh Cuong Dung Giang Hai Lan Khai Xuan Long Mai".split()
COMPANY_WORDS = "Thanh Phat Hoa Binh Minh Long Tan Viet Sao Mai Dai Duong".split()
TEMPLATES = [
    "Last year, {prov} signed a cooperation agreement with {foreign} province in {country} in the fields of trade, tourism and education.",
    "{prov} aims to establish friendship relations with {foreign} ({country}) by 2030.",
    "{prov} is negotiating a twinning agreement with {foreign}, officials said.",
    "{person}, Chairman of the {prov} Provincial People's Committee, visited {company} in {month} 2023.",
    "Director of the provincial Department of Foreign Affairs {person} said {prov} welcomed {count} delegations.",
    "{country}'s {corp} has invested US${amount} billion in a new plant in {prov}.",
    "{demonym} investors, namely {corp}, {company} and {corp2}, have registered capital of {amount} billion USD in the province.",
    "{ngo} of the {country2} provided aid worth {small} USD to {prov} in 2022.",
    "{heritage} is recognised by UNESCO as the Representative Intangible Cultural Heritage of Humanity.",
    "The province exported rice, coffee and pepper to {country} and {country2}, up {count}% over the previous year.",
    "Signing ceremony between {prov} province and {company} in {month}.",
    "The delegation toured {site} Industrial Park in {prov} and met local farmers.",
    "In the first 6 months of 2023, the province attracted {count} new projects with total capital of {small} million USD.",
    "Local authorities discussed digital transformation, administrative reform and the business climate at length.",
    "{prov} will continue to expand its cooperative relationship in investment, trade and culture with {country}.",
]
# Most sentences of a news article name nobody: about 1 fact per 100 words in the seed
# articles. These keep the synthetic corpus at a realistic density.
FILLER = [
    "The province has focused on administrative reform, digital transformation and the quality of human resources.",
    "Local authorities pledged to remove difficulties for businesses and improve the investment environment.",
    "Officials said infrastructure, logistics and vocational training remain the main priorities for the coming years.",
    "The socio-economic situation in the first quarter showed positive changes despite many difficulties.",
    "Growth in agriculture was stable, while industry and services recovered after the pandemic.",
    "The meeting reviewed the implementation of the resolution and set out tasks for the next period.",
    "Participants shared experience in urban planning, environmental protection and smart city development.",
    "Export turnover rose sharply thanks to electronics, textiles and processed farm produce.",
    "The locality will continue to improve its competitiveness index and support small and medium enterprises.",
    "Speakers stressed the role of innovation, start-ups and the private economy in sustainable growth.",
    "Many households in rural districts have benefited from programmes on new rural areas and poverty reduction.",
    "Tourism recovered strongly, with visitors attracted by festivals, craft villages and natural landscapes.",
    "Leaders asked departments to speed up the disbursement of public investment and to ensure transparency.",
    "The plan covers transport, energy, water supply and the development of industrial clusters.",
    "Experts said that a skilled workforce and stable policies are key to attracting high-quality projects.",
    "Schools and hospitals in the area were upgraded with funding from the state budget.",
]
DEMONYMS = {"Japan": "Japanese", "South Korea": "Korean", "China": "Chinese", "Singapore": "Singaporean",
            "United States": "American", "France": "French", "Thailand": "Thai", "Germany": "German"}


def _names():
    entries = gazetteer.load()
    by_type: dict[str, list] = {}
    for entry in entries:
        if entry.match:
            by_type.setdefault(entry.type, []).append(entry)
    return by_type


def make_corpus(directory: str, docs: int, seed: int = 7) -> int:
    """Write ``docs`` articles; return the number of words written."""
    rng = random.Random(seed)
    names = _names()
    provinces = [e.label for e in names.get("Province", [])] or ["Quang Tri"]
    foreign = [e for e in names.get("ForeignLocality", [])] or []
    countries = [e.label for e in names.get("Country", []) if e.label in DEMONYMS] or ["Japan"]
    corps = [e.label for e in names.get("Corporation", [])] or ["Hyosung"]
    ngos = [e.label for e in names.get("NGO", [])] or ["Plan International"]
    heritage = [e.label for e in names.get("HeritageItem", [])] or ["Xoan singing"]
    words = 0
    for n in range(docs):
        prov = rng.choice(provinces)
        sentences = []
        for _ in range(rng.randint(5, 12)):
            country = rng.choice(countries)
            loc = rng.choice(foreign).label if foreign else "Savannakhet"
            fill = {
                "prov": prov, "foreign": loc, "country": country,
                "country2": rng.choice(countries), "demonym": DEMONYMS.get(country, "Japanese"),
                "person": f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                "company": f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_WORDS)} Co., Ltd",
                "corp": rng.choice(corps), "corp2": rng.choice(corps), "ngo": rng.choice(ngos),
                "heritage": rng.choice(heritage), "site": rng.choice(COMPANY_WORDS),
                "month": rng.choice(["March", "May", "October"]), "count": rng.randint(2, 90),
                "amount": f"{rng.randint(1, 9)}.{rng.randint(0, 9)}", "small": f"{rng.randint(10, 999)},000",
            }
            sentences.append(rng.choice(TEMPLATES).format(**fill))
            sentences.extend(rng.sample(FILLER, rng.choice((1, 2, 3))))
        paragraphs = [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
        body = f"{prov} boosts external relations\n\n" + "\n\n".join(paragraphs) + "\n"
        words += len(body.split())
        with open(os.path.join(directory, f"article-{n:05d}.txt"), "w", encoding="utf-8") as out:
            out.write(body)
    return words


def _read_and_extract(paths: list[str]) -> tuple[int, int, float]:
    """(words, facts, CPU seconds of this process) for reading and extracting ``paths``."""
    cpu = time.process_time()
    words = facts = 0
    for doc in iter_documents(paths):
        words += len(doc.text.split())
        facts += len(extract(doc).facts)
    return words, facts, time.process_time() - cpu


def run(paths: list[str], jobs: int) -> tuple[int, int, float, float]:
    """(words, facts, wall seconds, CPU seconds summed over processes)."""
    start = time.perf_counter()
    if jobs <= 1:
        results = [_read_and_extract(paths)]
    else:
        chunks = [paths[i::jobs * 8] for i in range(jobs * 8)]
        with Pool(jobs, initializer=_warm) as pool:
            results = pool.map(_read_and_extract, chunks)
    wall = time.perf_counter() - start
    return (sum(r[0] for r in results), sum(r[1] for r in results), wall, sum(r[2] for r in results))


def _warm() -> None:
    """Build the gazetteer automaton before the clock matters for the worker's first file."""
    from diplomap.loaders.documents import Document

    extract(Document.create("warm-up", "Warm up."))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        written = make_corpus(tmp, args.docs)
        paths = sorted(os.path.join(tmp, name) for name in os.listdir(tmp))
        print(f"corpus: {args.docs} articles, {written:,} words (temporary directory)")
        _warm()
        print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} "
              "(other work on the machine slows the wall-clock figures, not the CPU ones)")
        for jobs in sorted({1, args.jobs}):
            words, facts, wall, cpu = run(paths, jobs)
            print(f"jobs={jobs}: {words:,} words, {facts:,} facts ({1000 * facts / words:.0f} per 1000 words); "
                  f"wall {wall:.2f} s -> {words / wall:,.0f} words/s; "
                  f"CPU {cpu:.2f} s -> {words / cpu:,.0f} words/s per core")


if __name__ == "__main__":
    main()
