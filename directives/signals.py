"""What the task state announces after a change, for apps that react without being
imported here (notifications). Sent inside the change's transaction; a receiver that does
outside work (mail) defers it to ``transaction.on_commit``."""

from django.dispatch import Signal

# extension=DeadlineExtension, by=User: a request for more time granted or refused.
extension_decided = Signal()
