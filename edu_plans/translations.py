"""Django's own strings that users see and that its Vietnamese catalogue lacks or words
awkwardly. Marked here so that ``makemessages`` keeps them in our catalogue."""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = [
    gettext_noop("username"),
    gettext_noop(
        "Please enter a correct %(username)s and password. Note that both fields may be "
        "case-sensitive."
    ),
    gettext_noop("This field is required."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
    gettext_noop("Import"),
    gettext_noop("Export"),
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
]
