from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from .. import workflow
from ..exporters.job import file_response
from ..forms import ExportForm, ImportForm
from ..models import ExportJob, ImportJob, JobStatus
from .common import error_text, project_for


@login_required
def imports(request, slug):
    project = project_for(request, slug, "article.import")
    form = ImportForm()
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                job = workflow.import_queue(
                    project=project, user=request.user, upload=form.cleaned_data["file"],
                    format=form.cleaned_data["format"], encoding=form.cleaned_data["encoding"],
                    page_articles=form.cleaned_data["page_articles"],
                )  # fmt: skip
                return redirect("annotations:import_job", slug=slug, pk=job.pk)
            except workflow.REFUSALS as exc:
                messages.error(request, error_text(exc))
    jobs = ImportJob.objects.filter(project=project).select_related("owner")[:20]
    return render(request, "annotations/imports.html", {"project": project, "form": form, "jobs": jobs})


def _job_page(request, slug, pk, model, action, kind):
    """A job's page; htmx polls get only its progress part."""
    project = project_for(request, slug, action)
    job = get_object_or_404(model, project=project, pk=pk)
    template = f"annotations/_{kind}_progress.html" if request.htmx else f"annotations/{kind}_job.html"
    return render(request, template, {"project": project, "job": job})


@login_required
def import_job(request, slug, pk):
    return _job_page(request, slug, pk, ImportJob, "article.import", "import")


@login_required
def exports(request, slug):
    project = project_for(request, slug, "article.export")
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = workflow.export_queue(project=project, user=request.user, format=form.cleaned_data["format"],
                                        filters=form.filters())  # fmt: skip
            return redirect("annotations:export_job", slug=slug, pk=job.pk)
        except workflow.REFUSALS as exc:
            messages.error(request, error_text(exc))
    jobs = ExportJob.objects.filter(project=project).select_related("owner")[:20]
    return render(request, "annotations/exports.html", {"project": project, "form": form, "jobs": jobs})


@login_required
def export_job(request, slug, pk):
    return _job_page(request, slug, pk, ExportJob, "article.export", "export")


@login_required
def export_download(request, slug, pk):
    project = project_for(request, slug, "article.export")
    job = get_object_or_404(ExportJob, project=project, pk=pk)
    if job.status != JobStatus.COMPLETED or not job.result:
        raise Http404("This export has no file (yet, or any more).")
    return file_response(job)
