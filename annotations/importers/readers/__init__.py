"""Readers: one module per input format. Each ``read(stream, name="", **options)``
yields ``records.Record``s numbered from 1, with the reason of any record
it could not read; it never drops one silently."""
