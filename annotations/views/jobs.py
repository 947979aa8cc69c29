from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from .. import uploads, workflow
from ..exporters.job import file_response
from ..forms import ExportForm, ImportForm
from ..models import ExportJob, ImportJob, JobStatus
from .common import error_text, project_for


# CSRF is checked in _imports, once the upload limit is in place: the check
# reads the body, which Django would otherwise store in full first.
@csrf_exempt
@login_required
def imports(request, slug):
    project = project_for(request, slug, "article.import")
    limit = None
    if request.method == "POST":
        try:
            limit = uploads.limit_upload(request)
        except workflow.FileTooLarge as exc:
            messages.error(request, error_text(exc))
            return _imports_page(request, project, ImportForm(), status=413)
    return _imports(request, project, limit)


@csrf_protect
def _imports(request, project, limit):
    form = ImportForm()
    if request.method == "POST":
        try:
            request.FILES  # noqa: B018 -- read the body: an upload stopped at the limit says so, not "no file"
            limit.check()
        except workflow.FileTooLarge as exc:
            messages.error(request, error_text(exc))
            return _imports_page(request, project, form, status=413)
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                job = workflow.import_queue(
                    project=project, user=request.user, upload=form.cleaned_data["file"],
                    format=form.cleaned_data["format"], encoding=form.cleaned_data["encoding"],
                    page_articles=form.cleaned_data["page_articles"],
                )  # fmt: skip
                return redirect("annotations:import_job", slug=project.slug, pk=job.pk)
            except workflow.REFUSALS as exc:
                messages.error(request, error_text(exc))
    return _imports_page(request, project, form)


def _imports_page(request, project, form, status=200):
    jobs = ImportJob.objects.filter(project=project).select_related("owner")[:20]
    context = {"project": project, "form": form, "jobs": jobs}
    return render(request, "annotations/imports.html", context, status=status)


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
    form = ExportForm(request.POST or None, project=project)
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
