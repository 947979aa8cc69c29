"""Fact-checks published by others: the list, searched and filtered as the
API's, and one fact-check as its publisher published it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from ..api.filters import ExternalFactCheckFilter
from ..models import ExternalFactCheck, VerdictClass
from .common import form_errors, project_for


@login_required
def fact_check_list(request, slug):
    project = project_for(request, slug)
    fact_checks = ExternalFactCheck.objects.filter(project=project).defer("raw")
    filterset = ExternalFactCheckFilter(request.GET or None, queryset=fact_checks, request=request)
    if filterset.is_bound and not filterset.is_valid():
        messages.error(request, form_errors(filterset.form))
    page = Paginator(filterset.qs.order_by("-date_published", "-id"), 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"project": project, "page": page, "query": query.urlencode(), "verdict_classes": VerdictClass.choices}
    return render(request, "annotations/fact_check_list.html", context)


@login_required
def fact_check(request, slug, pk):
    project = project_for(request, slug)
    context = {"project": project, "fact_check": get_object_or_404(project.external_fact_checks, pk=pk)}
    return render(request, "annotations/fact_check.html", context)
