"""How the annotators' claims on an independently annotated article line up:
groups of claims that match one another (the same span, or overlapping by
half at least, as ``agreement.match_spans`` matches them one to one between
two annotators), and the claims only one annotator marked. The adjudication
page shows these groups; ``workflow.article_adjudicate`` keeps at most one
claim of each."""

import itertools
from dataclasses import dataclass, field

from . import agreement


class Kind:
    EXACT = "exact"  # every annotator of the group marked the same span
    OVERLAP = "overlap"  # they overlap by half or more, not exactly
    SINGLE = "single"  # only one annotator marked it


@dataclass
class Group:
    claims: list = field(default_factory=list)

    @property
    def kind(self):
        if len(self.claims) == 1:
            return Kind.SINGLE
        spans = {(c.start, c.end) for c in self.claims}
        return Kind.EXACT if len(spans) == 1 else Kind.OVERLAP

    @property
    def start(self):
        return min(c.start for c in self.claims)


def groups(claims) -> list[Group]:
    """The claims in groups of matches between annotators, in text order.
    Matches are one to one per pair of annotators; a group joins the matches
    of every pair (so three annotators who marked the same sentence make one
    group of three)."""
    by_annotator = {}
    for claim in claims:
        by_annotator.setdefault(claim.created_by_id, []).append(claim)
    parent = {claim.pk: claim.pk for claim in claims}

    def root(pk):
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    for a, b in itertools.combinations(sorted(by_annotator, key=str), 2):
        left, right = by_annotator[a], by_annotator[b]
        spans_a = [(c.start, c.end) for c in left]
        spans_b = [(c.start, c.end) for c in right]
        for i, j, _ in agreement.match_spans(spans_a, spans_b, mode="overlap"):
            parent[root(left[i].pk)] = root(right[j].pk)
    found = {}
    for claim in sorted(claims, key=lambda c: (c.start, c.end, c.pk)):
        found.setdefault(root(claim.pk), Group()).claims.append(claim)
    return sorted(found.values(), key=lambda g: (g.start, g.claims[0].pk))
