import markdown as markdown_lib
import nh3
from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "code", "pre", "a", "h3", "h4", "hr",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


@register.filter
def markdown(text):
    """Markdown as HTML, sanitised: no scripts, no styles, no raw HTML tricks."""
    html = markdown_lib.markdown(text or "", extensions=["tables"], output_format="html")
    return mark_safe(nh3.clean(html, tags=ALLOWED_TAGS, link_rel="noopener noreferrer nofollow"))  # noqa: S308


@register.simple_tag
def confirm(question):
    """The attribute that makes a button ask ``views.common.QUESTIONS[question]`` before it acts."""
    from ..views.common import QUESTIONS

    return format_html('data-confirm="{}"', QUESTIONS[question])
