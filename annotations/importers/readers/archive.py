"""ZIP archives of the other formats. Unsafe archives are refused whole
before anything is read: absolute or ``..`` member names, more members or
more uncompressed bytes than the limits allow. A member that is itself an
archive, or of an unknown type, is reported as a failed record."""

import zipfile
import zlib
from pathlib import PurePosixPath

from django.conf import settings

from .. import messages
from .records import Record


class UnsafeArchive(Exception):
    pass


def check(archive: zipfile.ZipFile):
    members = [info for info in archive.infolist() if not info.is_dir()]
    if len(members) > settings.IMPORT_ZIP_MAX_FILES:
        raise UnsafeArchive(
            messages.ARCHIVE_TOO_MANY_FILES % {"count": len(members), "limit": settings.IMPORT_ZIP_MAX_FILES}
        )
    total = sum(info.file_size for info in members)
    if total > settings.IMPORT_ZIP_MAX_BYTES:
        raise UnsafeArchive(messages.ARCHIVE_TOO_LARGE % {"count": total, "limit": settings.IMPORT_ZIP_MAX_BYTES})
    for info in members:
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or ":" in info.filename:
            raise UnsafeArchive(messages.ARCHIVE_UNSAFE_NAME % {"name": repr(info.filename)})
    return members


def read(stream, name="", **options):
    from .. import FORMATS, format_for

    try:
        archive = zipfile.ZipFile(stream)
    except zipfile.BadZipFile:
        raise UnsafeArchive("not a valid ZIP file") from None
    number = 0
    for info in check(archive):
        with archive.open(info) as member:
            fmt = format_for(info.filename, member)
        if fmt in (None, "zip"):
            number += 1
            reason = messages.ARCHIVE_IN_ARCHIVE if fmt == "zip" else messages.UNSUPPORTED_MEMBER
            yield Record(number, info.filename, error=reason)
            continue
        # A member stream ends at the size its header declares, whatever the
        # compressed data would expand to, so the size check above holds; a
        # member that would expand further (or is damaged) fails its CRC
        # there: the records read of it before stay imported, the rest is
        # reported, and the next member is read.
        try:
            with archive.open(info) as member:
                for record in FORMATS[fmt].reader(member, name=info.filename, **options):
                    number += 1
                    yield Record(number, record.where, record.fields, record.error, record.notes)
        except (zipfile.BadZipFile, zlib.error, EOFError) as damaged:
            number += 1
            yield Record(number, info.filename, error=messages.DAMAGED_MEMBER % {"reason": damaged})
