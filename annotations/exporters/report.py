"""The human-readable fact-check report: HTML (print-ready CSS) and PDF."""

from django.conf import settings
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from ..models import Activity, Claim, ClaimStatus, Verb, VerdictStatus
from .base import CHUNK, Exporter, chunks


def report_context(claim, history=None):
    """What the report template needs for one claim (its verdicts prefetched)."""
    verdicts = sorted(claim.verdicts.all(), key=lambda v: v.version)
    current = next((v for v in verdicts if v.is_current), None)
    shown = current if current and current.status in VerdictStatus.PUBLIC else None
    corrections = [v for v in verdicts if v.corrects_id and v.status != VerdictStatus.DRAFT]
    # A retracted fact-check is withdrawn: readers see the claim and the
    # retraction note, and its text only where the desk chose to keep it.
    withdrawn = bool(shown and shown.status == VerdictStatus.RETRACTED and not claim.project.retracted_verdict_public)
    return {
        "claim": claim, "verdict": shown, "withdrawn": withdrawn, "corrections": corrections, "history": history or [],
    }  # fmt: skip


def claims_with_reports(claims):
    return claims.select_related("article", "project").prefetch_related(
        "verdicts__rating", "verdicts__evidence", "verdicts__corrects__rating"
    )


class HTMLReportExporter(Exporter):
    """A report for readers: a cover that counts the fact-checks by rating,
    a table of contents, then each fact-check on a page of its own. It holds
    published claims unless the filters name other states."""

    format = "html"
    label = _("Report (HTML)")
    extension = "html"
    content_type = "text/html; charset=utf-8"
    default_status = (ClaimStatus.PUBLISHED,)

    def summary(self):
        """The claims by their current verdict's rating: (label, colour, count), most first."""
        rows = self.claims().order_by().values("current__rating__label", "current__rating__colour")
        rows = rows.annotate(n=Count("id")).order_by("-n", "current__rating__label")
        return [(row["current__rating__label"], row["current__rating__colour"], row["n"]) for row in rows]

    def write(self, out, progress=None):
        summary = self.summary()
        context = {"project": self.project, "summary": summary, "total": sum(n for *_, n in summary)}
        out.write(render_to_string("annotations/report/document_start.html", context).encode())
        # The contents, streamed as the claims are: one line per fact-check.
        for pk, statement, quote in self.claims().values_list("id", "statement", "quote").iterator(chunk_size=CHUNK):
            title = Truncator(statement or quote).chars(160)
            out.write(format_html('<li><a href="#claim-{}">{}</a></li>\n', pk, title).encode())
        out.write(b"</ol></nav>\n")
        done = 0
        for ids in chunks(self.claims().values_list("id", flat=True).iterator(chunk_size=CHUNK), 200):
            history = {}
            events = Activity.objects.filter(object_type="claim", object_id__in=ids, verb__in=Verb.PUBLIC)
            for event in events.order_by("id"):
                history.setdefault(event.object_id, []).append(event)
            for claim in claims_with_reports(Claim.objects.filter(pk__in=ids).order_by("id")):
                html = render_to_string("annotations/report/claim.html", report_context(claim, history.get(claim.pk)))
                out.write(html.encode())
            done += len(ids)
            if progress:
                progress(done)
        out.write(render_to_string("annotations/report/document_end.html").encode())


class PDFReportExporter(HTMLReportExporter):
    """The HTML report laid out as PDF by WeasyPrint. A PDF is built whole
    in memory, so it is refused above ``EXPORT_PDF_MAX_CLAIMS`` claims."""

    format = "pdf"
    label = _("Report (PDF)")
    extension = "pdf"
    content_type = "application/pdf"

    def write(self, out, progress=None):
        import io

        from weasyprint import HTML

        if self.count() > settings.EXPORT_PDF_MAX_CLAIMS:
            raise ValueError(
                f"A PDF holds at most {settings.EXPORT_PDF_MAX_CLAIMS} claims; narrow the filters or export HTML."
            )
        html = io.BytesIO()
        super().write(html, progress)
        HTML(string=html.getvalue().decode(), base_url=settings.PUBLIC_BASE_URL).write_pdf(out)
