"""The import upload limit, one rule for the page and the API.

``IMPORT_MAX_UPLOAD_BYTES`` is enforced before the body is stored: a request
whose declared length is past it is refused before anything reads it, and a
body that turns out longer anyway stops being stored the moment its files
pass the limit. Both must be in place before anything reads ``request.POST``
or ``request.FILES`` — Django's CSRF check does, so the views that take
uploads check CSRF after ``limit_upload``.
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from .workflow import FileTooLarge

# What a multipart body holds besides the file: boundaries, part headers and
# the form's other fields.
FORM_OVERHEAD_BYTES = 64 * 1024


class UploadLimit(FileUploadHandler):
    """First of a request's upload handlers: passes chunks on to Django's
    handlers (memory or temporary file) until the files pass the limit, then
    stops the upload; Django closes, and so deletes, what was stored."""

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0
        self.exceeded = False

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.IMPORT_MAX_UPLOAD_BYTES:
            self.exceeded = True
            # The rest is read and dropped (at most the declared length, which
            # limit_upload bounded), so that the client gets the answer.
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler makes the file

    def check(self):
        """Raise ``FileTooLarge`` if the upload was stopped; call it once the body is read."""
        if self.exceeded:
            raise FileTooLarge()


def declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def limit_upload(request) -> UploadLimit:
    """Refuse the request (``FileTooLarge``) if it says its body is past the
    limit, else put an ``UploadLimit`` before the request's upload handlers
    and return it, for its ``check()`` once the body is read."""
    if declared_length(request) > settings.IMPORT_MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES:
        raise FileTooLarge()
    limit = UploadLimit(request)
    request.upload_handlers.insert(0, limit)
    return limit
