"""What every page's header shows."""

from functools import cached_property

from . import permissions

# The header counts unread notifications up to here, and says "99+" beyond.
UNREAD_CAP = 99


class Inbox:
    """The header's unread count: one indexed COUNT over at most
    ``UNREAD_CAP + 1`` rows, run only by a page that shows it."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def unread(self):
        return permissions.notifications_for(self.user).unread()[: UNREAD_CAP + 1].count()

    @property
    def unread_label(self):
        return f"{UNREAD_CAP}+" if self.unread > UNREAD_CAP else str(self.unread)


def inbox(request):
    user = getattr(request, "user", None)
    return {"inbox": Inbox(user)} if user is not None and user.is_authenticated else {}
