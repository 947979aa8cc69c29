"""Agreement for a project of 10,000 articles (about 2,500 code points each),
each marked independently by 3 of the project's 12 annotators. Generated
the way people annotate: each annotator marks most of the same ~5 sentences,
often with boundaries a few code points off, misses some and adds others;
claimants and check-worthiness mostly agree. Computes every measure for the
project, every annotator pair and every article, and prints RESULT agreement
... as the last line (seconds: the computation, not the generation).

    python benchmarks/agreement.py [--articles N] [--seed S]
"""

import argparse
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotations.agreement import project_agreement

ANNOTATORS = [f"annotator-{n:02d}" for n in range(1, 13)]
CLAIMANTS = ["Joko Widodo", "Prabowo Subianto", "Kementerian Kesehatan", "NATO", "Gedung Putih", "Sri Mulyani"]


def generate(count, seed):
    rng = random.Random(seed)
    articles = []
    for article_id in range(1, count + 1):
        length = rng.randint(2200, 2800)
        sentences = []
        start = 0
        while start < length - 40:
            end = min(length, start + rng.randint(60, 220))
            sentences.append((start, end - 1))  # a space between sentences
            start = end
        claims = rng.sample(sentences, min(len(sentences), rng.randint(3, 7)))
        truth = [(s, e, rng.choice(CLAIMANTS), rng.randint(1, 5)) for s, e in claims]
        annotations = {}
        for annotator in rng.sample(ANNOTATORS, 3):
            marked = []
            for s, e, claimant, worthiness in truth:
                if rng.random() < 0.12:
                    continue  # missed
                if rng.random() >= 0.45:  # boundaries a few code points off
                    s = max(0, s + rng.randint(-6, 8))
                    e = min(length, max(s + 1, e + rng.randint(-14, 6)))
                if rng.random() < 0.1:
                    claimant = rng.choice(CLAIMANTS)
                elif rng.random() < 0.05:
                    claimant = claimant.upper()  # the same after normalisation
                if rng.random() < 0.3:
                    worthiness = min(5, max(1, worthiness + rng.choice((-1, 1))))
                marked.append(
                    {
                        "start": s,
                        "end": e,
                        "claimant": "" if rng.random() < 0.05 else claimant,
                        "check_worthiness": None if rng.random() < 0.05 else worthiness,
                    }
                )
            while rng.random() < 0.3:  # an extra claim the others did not see
                s, e = rng.choice(sentences)
                marked.append({"start": s, "end": e, "claimant": rng.choice(CLAIMANTS), "check_worthiness": 2})
            rng.shuffle(marked)
            annotations[annotator] = marked
        articles.append({"id": article_id, "length": length, "annotations": annotations})
    return articles


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()

    started = time.perf_counter()
    articles = generate(args.articles, args.seed)
    spans = sum(len(c) for a in articles for c in a["annotations"].values())
    codepoints = sum(a["length"] for a in articles)
    generated = time.perf_counter() - started
    print(f"generated {len(articles)} articles, {codepoints} code points, {spans} spans in {generated:.2f} s")

    started, cpu_started = time.perf_counter(), time.process_time()
    result = project_agreement(articles, per_article=True, article_details=True)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    assert result["articles"] == len(articles) and len(result["per_article"]) == len(articles)
    print(
        f"project: exact F1 {result['exact']['f1']:.3f}, overlap F1 {result['overlap']['f1']:.3f}, "
        f"code-point alpha {result['codepoint_alpha']:.3f}, claimant alpha {result['claimant']['alpha']:.3f} "
        f"({result['claimant']['units']} matched claims), check-worthiness alpha "
        f"{result['check_worthiness']['alpha']:.3f}; {len(result['pairs'])} annotator pairs; "
        f"{cpu_seconds:.2f} s of CPU"
    )
    print(f"RESULT agreement articles={len(articles)} seconds={seconds:.2f} peak_rss_mb={peak_rss_mb:.0f}")


if __name__ == "__main__":
    main()
