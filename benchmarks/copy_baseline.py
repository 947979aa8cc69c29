"""The physical limit of an import: parse the JSON Lines, normalise and hash
the text, and COPY the rows into a bare table with psycopg. Prints rows/s.

Without options it is the plain raw COPY (json, text COPY) that RESULT's
copy_per_s reports. With --as-the-app it parses with orjson and sends binary
COPY, as the import does; with --lz4 as well, the table compresses the text
with lz4, as the articles table does (PostgreSQL's default is pglz).
"""

import json
import os
import sys
import time
from datetime import datetime

import orjson
import psycopg

from annotations.text import normalise, normalise_utf8, text_hash, utf8_hash


def plain(path, cursor):
    with open(path, "rb") as lines, cursor.copy("COPY copy_baseline FROM STDIN") as copy:
        for line in lines:
            record = json.loads(line)
            text = normalise(record["text"])
            copy.write_row((record["external_id"], record["title"], record["url"], record["published_at"],
                            record["language"], text, text_hash(text)))  # fmt: skip
            yield


def as_the_app(path, cursor):
    with open(path, "rb") as lines, cursor.copy("COPY copy_baseline FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types(["text", "text", "text", "timestamptz", "text", "bytea", "text"])
        for line in lines:
            record = orjson.loads(line)
            _, utf8 = normalise_utf8(record["text"])
            published = datetime.fromisoformat(record["published_at"])
            copy.write_row((record["external_id"], record["title"], record["url"], published,
                            record["language"], utf8, utf8_hash(utf8)))  # fmt: skip
            yield


def main(path, load, lz4):
    started = time.perf_counter()
    rows = 0
    with psycopg.connect(os.environ["DATABASE_URL"]) as connection, connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS copy_baseline")
        cursor.execute(
            "CREATE TABLE copy_baseline (external_id text, title text, url text, published_at timestamptz, "
            "language text, text text, text_hash text)"
        )
        if lz4:
            cursor.execute("ALTER TABLE copy_baseline ALTER COLUMN text SET COMPRESSION lz4")
        for _ in load(path, cursor):
            rows += 1
    elapsed = time.perf_counter() - started
    print(f"{rows / elapsed:.0f}")


if __name__ == "__main__":
    main(sys.argv[-1], as_the_app if "--as-the-app" in sys.argv else plain, lz4="--lz4" in sys.argv)
