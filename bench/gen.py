#!/usr/bin/python3
"""Seeded generator of realistic synthetic signal-report corpora.

    /usr/bin/python3 bench/gen.py SIZE OUT_FOLDER [--seed N]

Reports follow ../shared/corpus: both generations (old: Summary first, `Signal | Change | 10y
horizon | Driving force`, Closest links between generated ids; new: Other, Concerns, Behaviors,
Technologies, Issues with relevancy), cells of the real corpus' lengths, Zipf-distributed
keywords, themes and categories from vocabularies that grow with the corpus, statement names (most statement names unique to their report, one in ten recurring, as in the real
corpus), and statement texts that mention dictionary entities (so entity linking has work to do).
The names inside multi-word entities have two or three syllables (about 16,000 of them), so a
common word and a name seldom make an entity by chance: loose matching adds about 4 % of the
links here, as it adds 3 % on the real corpus (with one or two syllables nearly every such pair
was some entity, and loose matching doubled the links of word salad).
The same SIZE and seed always give the same files.
"""
import argparse
import os
import random

parser = argparse.ArgumentParser()
parser.add_argument("size", type=int)
parser.add_argument("out")
parser.add_argument("--seed", type=int, default=1)
args = parser.parse_args()
rng = random.Random(args.seed)
os.makedirs(args.out, exist_ok=True)

SYLLABLES = ["ka", "lo", "mi", "ra", "ten", "vex", "sol", "dra", "qui", "nor", "bel", "tor", "zen",
             "pha", "ly", "gri", "mon", "sta", "cor", "vi", "dal", "quo", "fen", "lux", "bra"]
WORDS = ("the of and to in a is that for on with as are by this be it from at an have which has more "
         "new their can will its may not also than other these such into they but growth shift demand "
         "market policy data model systems people work cities energy health climate research future "
         "adoption risk trust change regulation platform network public private global local digital "
         "industry services supply chain workers consumers users companies governments schools").split()
COMMON = ["AI", "data", "automation", "climate change", "regulation", "privacy", "job cuts",
          "remote work", "blockchain", "robots", "EU", "US", "IT", "energy", "education"]


def name(parts_low=2, parts_high=3):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(parts_low, parts_high))).capitalize()


def vocabulary(size, kind):
    words = []
    for i in range(size):
        shape = rng.random()
        if shape < 0.3:
            words.append(name())  # a company or place
        elif shape < 0.7:
            words.append(f"{rng.choice(WORDS[40:])} {name().lower()}")
        else:
            words.append(f"{name().lower()} {rng.choice(WORDS[40:])} {rng.choice(WORDS[40:])}")
    return list(dict.fromkeys(COMMON + words)) if kind == "entity" else list(dict.fromkeys(words))


def zipf_picker(items, exponent=1.1):
    weights = [1 / (rank + 1) ** exponent for rank in range(len(items))]
    cumulative, total = [], 0.0
    for w in weights:
        total += w
        cumulative.append(total)

    def pick(k=1):
        return [items[min(len(items) - 1, _bisect(cumulative, rng.random() * total))] for _ in range(k)]
    return pick


def _bisect(values, x):
    lo, hi = 0, len(values)
    while lo < hi:
        mid = (lo + hi) // 2
        if values[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


n = args.size
entities = vocabulary(int(2000 + 3 * n ** 0.8), "entity")
themes = vocabulary(int(200 + 3 * n ** 0.5), "theme")
statements = vocabulary(int(500 + 2 * n ** 0.85), "statement")
pick_entity, pick_theme, pick_statement = zipf_picker(entities), zipf_picker(themes, 0.9), zipf_picker(statements, 0.8)
CATEGORIES = ["technology", "science", "others", "politics", "city", "business", "culture", "health"]
TYPES = ["blog post", "news", "research article"]
ids = [f"{rng.getrandbits(128):032x}" for _ in range(n)]


def sentence(words, mention=1):
    text = [rng.choice(WORDS) for _ in range(words)]
    for _ in range(mention):
        text.insert(rng.randrange(len(text) + 1), pick_entity()[0])
    s = " ".join(text)
    return s[0].upper() + s[1:] + "."


def table(header, rows):
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    right = [h == "relevancy" for h in header]
    line = lambda r: "| " + " | ".join(str(c).rjust(w) if ri else str(c).ljust(w) for c, w, ri in zip(r, widths, right)) + " |"
    sep = "|" + "|".join((("-" * (w + 1) + ":") if ri else (":" + "-" * (w + 1))) for w, ri in zip(widths, right)) + "|"
    return "\n".join([line(header), sep] + [line(r) for r in rows])


def statement_name():
    """Most names are the report's own (as in the real corpus); one in ten recurs across reports."""
    if rng.random() < 0.1:
        return pick_statement()[0]
    return f"{rng.choice(WORDS[40:]).capitalize()} {rng.choice(WORDS[40:])} of {pick_entity()[0]}"


def page():
    return f"{rng.randint(2021, 2026)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"


for index, report_id in enumerate(ids):
    new = rng.random() < 0.45
    title = " ".join(w.capitalize() for w in [rng.choice(WORDS[40:]) for _ in range(rng.randint(4, 8))])
    p = page()
    out = [f"# __{title}__, (from page [{p}](https://example.org/newsletter/{p}).)" if new else
           f"# __{title}__, from ([{p}](https://example.org/newsletter/{p}).)",
           "", f"__[External link](https://example.org/articles/{report_id}/{title.lower().replace(' ', '-')})__", "", "", ""]
    keywords = list(dict.fromkeys(pick_entity(rng.randint(5, 10))))
    summary = " ".join(sentence(rng.randint(14, 24), 2) for _ in range(rng.randint(4, 7)))
    kw = ["## Keywords", ""] + [f"* {k}" for k in keywords] + [""]
    th = ["## Themes", ""] + [f"* {t}" for t in dict.fromkeys(pick_theme(3))] + [""]
    if new:
        out += kw + th + ["## Other", "", f"* Category: {rng.choice(CATEGORIES)}", f"* Type: {rng.choice(TYPES)}", "",
                          "## Summary", "", summary, ""]
        rows = [(statement_name(), sentence(12, 1), sentence(10, 1), sentence(14, 1), sentence(11, 1), rng.randint(3, 5))
                for _ in range(rng.randint(3, 6))]
        out += ["## Signals", "", table(["name", "description", "change", "10-year", "driving-force", "relevancy"], rows), ""]
        for section in ["Concerns", "Behaviors", "Technologies", "Issues"]:
            rows = [(statement_name().title(), sentence(18, 1), rng.randint(2, 5)) for _ in range(rng.randint(4, 8))]
            out += [f"## {section}", "", table(["name", "description", "relevancy"], rows), ""]
    else:
        out += ["## Summary", "", summary, ""] + kw + th
        rows = [(statement_name()[:44], rng.choice(["Cultural/Social", "Technological", "Economic", "Political"]),
                 sentence(9, 1), sentence(6, 1)) for _ in range(rng.randint(3, 6))]
        out += ["## Signals", "", table(["Signal", "Change", "10y horizon", "Driving force"], rows), "", "## Closest", ""]
        for _ in range(5):
            target = rng.choice(ids)
            out.append(f"* [{' '.join(rng.choice(WORDS[40:]).capitalize() for _ in range(4))}]({target})")
    with open(os.path.join(args.out, report_id + ".md"), "w", encoding="utf-8") as f:
        f.write("\n".join(out).rstrip("\n"))
