"""Work brought from other annotation tools, read into this app's records:
an article (``text``) with ``claims`` (spans with exact code-point offsets,
their labels as tags), and the notes of what was kept and what was not.

- doccano JSONL, JSON and CSV (``text`` and ``label`` columns), and its
  CoNLL and fastText files as ``readers.tagged`` reads them: ``label`` as
  ``[[start, end, "LABEL"], …]`` spans or as ``["category", …]`` (a CSV
  cell: one category); ``entities`` as ``[{start_offset, end_offset, label}]``
  (relation extraction); ``relations`` are reported, not kept.
- Label Studio JSON exports: the text in ``data.text``; ``annotations[].result[]``
  of type ``labels`` (spans) and ``choices`` (categories); ``predictions``
  are kept, tagged ``prediction``, only where no annotation marked a span.

Every span is checked against the text (``text[start:end]``): Label Studio
counts in UTF-16 code units as browsers do, so a span whose quote matches
only once its offsets are converted is converted, with a note; a span that
matches neither way is refused with a note. Categories become tags of the
article's claims; an article without claims cannot keep them, and says so.
"""

from ...text import normalise
from .. import messages

PREDICTION_TAG = "prediction"


def is_doccano(fields):
    label = fields.get("label")
    return isinstance(fields.get("text"), str) and (
        isinstance(fields.get("entities"), list) or (isinstance(label, list | str) and "claims" not in fields)
    )


def is_label_studio(fields):
    data = fields.get("data")
    return isinstance(data, dict) and bool(
        {"annotations", "completions", "predictions"} & set(fields) or "text" in data
    )


def _utf16_to_code_points(text, start, end):
    """Offsets counted in UTF-16 code units, as code points (None when they fall inside a character)."""
    units = 0
    starts = {}
    for index, char in enumerate(text):
        starts[units] = index
        units += 2 if ord(char) > 0xFFFF else 1
    starts[units] = len(text)
    if start in starts and end in starts:
        return starts[start], starts[end]
    return None


def _span(text, start, end, quote, notes, where):
    """The code-point offsets of a span, checked against its quote when it has one."""
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
        notes.append(messages.OFFSETS_NOT_NUMBERS % {"where": where})
        return None
    if quote is None and 0 <= start < end <= len(text):
        return start, end
    if quote is not None and text[start:end] == quote:
        return start, end
    converted = _utf16_to_code_points(text, start, end)
    if converted and (quote is None or text[converted[0] : converted[1]] == quote):
        notes.append(messages.OFFSETS_IN_UTF16 % {"where": where})
        return converted
    notes.append(messages.SPAN_MISSES_TEXT % {"where": where, "start": start, "end": end})
    return None


def _normalised(text, spans, notes):
    """The spans moved onto the text as the import normalises it (newlines,
    NFC): offsets into the stored text, each still holding its own words."""
    stored = normalise(text)
    if stored == text:
        return spans
    moved = []
    for start, end, labels in spans:
        new_start = len(normalise(text[:start]))
        quote = normalise(text[start:end])
        if quote and stored[new_start : new_start + len(quote)] == quote:
            moved.append((new_start, new_start + len(quote), labels))
        else:
            notes.append(messages.SPAN_LOST_IN_NORMALISATION % {"start": start, "end": end})
    return moved


def _claims(text, spans, categories, notes):
    """One claim per distinct span, its labels (and the article's categories) as tags."""
    merged = {}
    for start, end, labels in _normalised(text, spans, notes):
        tags = merged.setdefault((start, end), [])
        tags += [label for label in labels if label not in tags]
    claims = [
        {"start": start, "end": end, "tags": tags + [c for c in categories if c not in tags]}
        for (start, end), tags in sorted(merged.items())
    ]
    if categories and not claims:
        notes.append(messages.CATEGORIES_NOT_KEPT % {"categories": ", ".join(categories)})
    return claims


def from_doccano(fields):
    text, notes, spans, categories = fields["text"], [], [], []
    label = fields.get("label") or []
    if isinstance(label, str):  # a CSV row's label cell: one category
        label = [label.strip()] if label.strip() else []
    for index, item in enumerate(label, start=1):
        if isinstance(item, list) and len(item) == 3:
            found = _span(text, item[0], item[1], None, notes, messages.LABEL % {"number": index})
            if found:
                spans.append((*found, [str(item[2])]))
        elif isinstance(item, str):
            categories.append(item)
        else:
            notes.append(messages.NEITHER_SPAN_NOR_CATEGORY % {"where": messages.LABEL % {"number": index}})
    for index, item in enumerate(fields.get("entities") or [], start=1):
        if not isinstance(item, dict):
            notes.append(messages.NOT_AN_OBJECT_LEFT_OUT % {"where": messages.ENTITY % {"number": index}})
            continue
        where = messages.ENTITY % {"number": index}
        found = _span(text, item.get("start_offset"), item.get("end_offset"), None, notes, where)
        if found:
            spans.append((*found, [str(item.get("label", ""))] if item.get("label") else []))
    if fields.get("relations"):
        notes.append(messages.RELATIONS_NOT_KEPT % {"count": len(fields["relations"])})
    article = {key: value for key, value in fields.items() if key not in ("label", "entities", "relations", "meta")}
    article["claims"] = _claims(text, spans, categories, notes)
    return article, notes


def _results(text, results, notes, where, extra_tags=()):
    spans, categories = [], []
    for index, result in enumerate(results or [], start=1):
        value = result.get("value") if isinstance(result, dict) else None
        place = messages.RESULT % {"where": where, "number": index}
        if not isinstance(value, dict):
            notes.append(messages.NO_VALUE % {"where": place})
            continue
        kind = result.get("type")
        if kind == "labels" or ("start" in value and "end" in value):
            found = _span(text, value.get("start"), value.get("end"), value.get("text"), notes, place)
            if found:
                spans.append((*found, [*map(str, value.get("labels") or []), *extra_tags]))
        elif kind == "choices":
            categories += [str(choice) for choice in value.get("choices") or []]
        else:
            notes.append(messages.RESULT_NOT_KEPT % {"where": place, "kind": repr(kind)})
    return spans, categories


def from_label_studio(fields):
    data, notes = fields["data"], []
    text = data.get("text")
    if not isinstance(text, str):
        return {"text": None}, [messages.NO_DATA_TEXT]
    spans, categories = [], []
    # "completions" is what Label Studio before 1.0 called annotations.
    for number, annotation in enumerate(fields.get("annotations") or fields.get("completions") or [], start=1):
        if isinstance(annotation, dict) and not annotation.get("was_cancelled"):
            where = messages.ANNOTATION % {"number": number}
            found, chosen = _results(text, annotation.get("result"), notes, where)
            spans += found
            categories += [c for c in chosen if c not in categories]
    predictions = fields.get("predictions") or []
    if predictions and spans:
        notes.append(messages.PREDICTIONS_NOT_KEPT % {"count": len(predictions)})
    elif predictions:
        for number, prediction in enumerate(predictions, start=1):
            if isinstance(prediction, dict):
                where = messages.PREDICTION % {"number": number}
                found, chosen = _results(text, prediction.get("result"), notes, where, extra_tags=[PREDICTION_TAG])
                spans += found
                categories += [c for c in chosen if c not in categories]
    article = {"text": text, "external_id": str(fields["id"]) if fields.get("id") is not None else ""}
    for name in ("title", "url", "publisher", "author", "language", "published_at"):
        if isinstance(data.get(name), str):
            article[name] = data[name]
    article["claims"] = _claims(text, spans, categories, notes)
    return article, notes


def translate(fields):
    """(fields, notes): a record of another tool as this app's record, or as it was."""
    if is_label_studio(fields):
        return from_label_studio(fields)
    if is_doccano(fields):
        return from_doccano(fields)
    return fields, []
