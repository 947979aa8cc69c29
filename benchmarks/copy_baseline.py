"""The physical limit of an import: parse the JSON Lines, normalise and hash
the text, and COPY the rows into a bare table with psycopg. Prints rows/s."""

import json
import os
import sys
import time

import psycopg

from annotations.text import normalise, text_hash


def main(path):
    started = time.perf_counter()
    rows = 0
    with psycopg.connect(os.environ["DATABASE_URL"]) as connection, connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS copy_baseline")
        cursor.execute(
            "CREATE TABLE copy_baseline (external_id text, title text, url text, published_at timestamptz, "
            "language text, text text, text_hash text)"
        )
        with open(path, "rb") as lines, cursor.copy("COPY copy_baseline FROM STDIN") as copy:
            for line in lines:
                record = json.loads(line)
                text = normalise(record["text"])
                copy.write_row((record["external_id"], record["title"], record["url"], record["published_at"],
                                record["language"], text, text_hash(text)))  # fmt: skip
                rows += 1
    elapsed = time.perf_counter() - started
    print(f"{rows / elapsed:.0f}")


if __name__ == "__main__":
    main(sys.argv[1])
