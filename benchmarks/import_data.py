"""Write N synthetic articles of about 2.5 KB of Indonesian-looking,
non-ASCII text as JSON Lines (deterministic: the same N gives the same file)."""

import json
import random
import sys

WORDS = (
    "rudal balistik amunisi Rusia Ukraina Korea Utara NATO Stoltenberg keamanan “konsekuensi” aliansi Eropa "
    "pemerintah menteri kebijakan ekonomi perdagangan Jakarta Surabaya pemilu – café naïve 🇮🇩 ditemukan fakta"
).split()


def main(count, path):
    rng = random.Random(count)
    with open(path, "w", encoding="utf-8") as out:
        for n in range(count):
            words = [rng.choice(WORDS) for _ in range(300)]
            text = f"Artikel {n}: " + " ".join(words)
            record = {"external_id": f"bench-{n}", "title": f"Berita {n} – {words[0]} {words[1]}",
                      "url": f"https://berita.example/{n}", "published_at": "2024-06-19T08:00:00+07:00",
                      "language": "id", "text": text}  # fmt: skip
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
