"""Offsets are code points of the normalised text, whatever the script."""

import re
import unicodedata

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from annotations import workflow
from annotations.models import Article, Claim
from annotations.text import normalise, normalise_utf8

from .factories import ProjectFactory, member

SAMPLES = [
    "AS telah menuduh Korea Utara",
    "“konsekuensi”",  # the seed's curly quotes
    "pertemuan – historis",  # and its en dash
    "👍🏽 emoji with a skin tone, 🇮🇩 a flag",
    "café",  # combining acute accent
    "ناتو قلق من القمة",  # right to left
    "עברית עם ניקוד: שָׁלוֹם",
    "हिन्दी पाठ",
    "日本語のテキスト",
]

text_pieces = st.one_of(st.sampled_from(SAMPLES), st.text(min_size=1, max_size=20))


def test_normalise_turns_every_newline_into_lf_and_composes_characters():
    assert normalise("a\r\nb\rc\n") == "a\nb\nc\n"
    assert normalise("cafe\u0301") == "caf\u00e9"
    assert normalise("tab\tstays, bell\x07 goes, nul\x00 too") == "tab\tstays, bell goes, nul too"


@given(st.text())
def test_normalise_is_idempotent(text):
    once = normalise(text)
    assert normalise(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert "\r" not in once


def reference_normalise(text):
    """The rule of DESIGN.md, spelt out plainly."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]", "", text)
    return unicodedata.normalize("NFC", text)


awkward = st.sampled_from(["\r", "\r\n", "\x00", "\x1f", "\x7f", "\x85", "\x9f", "\xa0", "\u2028", "\u2029", "\ud800",
                           "e\u0301", "\t", "\n", "“", "🇮🇩"])  # fmt: skip


@given(st.lists(st.one_of(awkward, text_pieces, st.text())).map("".join))
def test_normalise_utf8_agrees_with_the_plain_rule_and_encodes_it(text):
    # The import's fast path looks for work in the UTF-8 bytes first.
    normalised, utf8 = normalise_utf8(text)
    assert normalised == reference_normalise(text)
    assert utf8 == normalised.encode("utf-8")


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=st.lists(text_pieces, max_size=4), quote=text_pieces, after=st.lists(text_pieces, max_size=4))
def test_a_claim_holds_exactly_the_text_at_its_offsets(before, quote, after):
    project = ProjectFactory()
    prefix, body, suffix = normalise(" ".join(before) + " "), normalise(quote), normalise(" " + " ".join(after))
    assume(body)
    article = Article.objects.create(project=project, text=prefix + body + suffix)
    # Normalising the whole text can merge characters across the seams, so
    # locate the quote in the stored text rather than trusting the pieces.
    start = article.text.find(body)
    assume(start >= 0)
    claim = workflow.claim_mark(article=article, user=member(project), start=start, end=start + len(body), quote=body)
    stored = Claim.objects.get(pk=claim.pk)
    assert stored.article.text[stored.start : stored.end] == stored.quote == body
