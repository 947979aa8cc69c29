"""The claims list on PostgreSQL: each row is written as JSON by the
database, and the statement is prepared once per connection.

The claims list is the busiest read of the API. Turning fifty rows of
twenty-four columns into Python objects and back into JSON costs more than
the query itself, and planning a query with four joins costs more than
running it. Here PostgreSQL builds each row's JSON text (in the exact form
the serializer gives, checked by tests/api/test_lists.py) and the page is
joined as text. Other databases, and the browsable API, take the serializer
path.
"""

import json
from contextlib import contextmanager

from django.conf import settings
from django.db import connections
from django.db.models import DateTimeField, Func, TextField


class UTCTimestamp(Func):
    """A timestamp written as the API writes it: ISO 8601 in UTC, with
    microseconds only when there are some (Python's ``isoformat``)."""

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        utc = f"({sql}) AT TIME ZONE 'UTC'"
        return (
            f"""to_char({utc}, 'YYYY-MM-DD"T"HH24:MI:SS') || CASE to_char({utc}, 'US')"""
            f""" WHEN '000000' THEN '' ELSE to_char({utc}, '.US') END || 'Z'""",
            params * 4,
        )


class JSONRow(Func):
    """``json_build_object('name', expression, …)::text`` with literal keys."""

    output_field = TextField()

    def __init__(self, **fields):
        self.names = list(fields)
        super().__init__(*fields.values())

    def resolve_expression(self, *args, **kwargs):
        resolved = super().resolve_expression(*args, **kwargs)
        resolved.source_expressions = [
            UTCTimestamp(expression) if isinstance(expression.output_field, DateTimeField) else expression
            for expression in resolved.source_expressions
        ]
        return resolved

    def as_sql(self, compiler, connection, **extra_context):
        parts, params = [], []
        for name, expression in zip(self.names, self.source_expressions, strict=True):
            sql, expression_params = compiler.compile(expression)
            parts.append(f"'{name}', {sql}")
            params.extend(expression_params)
        return f"json_build_object({', '.join(parts)})::text", params


@contextmanager
def prepared_statements(using="default"):
    """Queries run inside are prepared on the server, once per connection
    (Django turns prepared statements off, for connection poolers; set
    DATABASE_PREPARED_STATEMENTS=false behind a transaction pooler).

    Why not Django's documented switch, ``OPTIONS={"server_side_binding":
    True, "prepare_threshold": N}``: it binds every query of the process on
    the server, and the protocol's Bind message counts parameters in 16
    bits, so any statement with more than 65,535 of them fails — a
    ``bulk_create`` of a few thousand rows, or an ``__in`` of the 2,000 ids
    an export reads per chunk times a few columns. It would also prepare
    every distinct statement of every page. Only the two hot reads (this
    list and the token lookup) gain from it, so only they take it, here.
    """
    connection = connections[using]
    if connection.vendor != "postgresql" or not settings.DATABASE_PREPARED_STATEMENTS:
        yield
        return
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.ensure_connection()
    raw = connection.connection
    saved = raw.cursor_factory, raw.prepare_threshold
    raw.cursor_factory, raw.prepare_threshold = ServerBindingCursor, 0
    try:
        yield
    finally:
        raw.cursor_factory, raw.prepare_threshold = saved


def page_body(links, rows):
    """The paginated response's JSON text, with rows already in JSON."""
    head = json.dumps(links, ensure_ascii=False)
    return f'{head[:-1]}, "results": [{", ".join(rows)}]}}'
