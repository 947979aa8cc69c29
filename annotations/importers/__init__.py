"""Article imports: one reader module per input format, one shared pipeline."""

from . import jsonl

READERS = {"jsonl": jsonl.read}
