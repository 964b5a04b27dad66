from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from notifications import inbox
from notifications.forms import MailPreferenceForm
from notifications.models import Notice

PER_PAGE = 30


def notice_list(request):
    """The user's own notices, newest first, unread ones marked (every signed-in user)."""
    page = Paginator(inbox.notices_of(request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "notifications/notice_list.html", {"page": page})


@require_POST
def notice_read(request, pk):
    """Mark one of the user's notices read; another user's is not found."""
    notice = get_object_or_404(Notice, pk=pk, recipient=request.user)
    inbox.mark_read(notice=notice, by=request.user)
    return redirect("notifications:notice_list")


@require_POST
def notice_read_all(request):
    count = inbox.mark_all_read(by=request.user)
    if count:
        messages.success(request, _("All notices are marked as read."))
    return redirect("notifications:notice_list")


def preferences(request):
    """Which kinds of notice also come by e-mail; in the product they always stay."""
    form = MailPreferenceForm(request.POST or None, current=inbox.mail_preferences(request.user))
    if request.method == "POST" and form.is_valid():
        inbox.set_mail_preferences(user=request.user, by_email=form.cleaned_data)
        messages.success(request, _("Your e-mail choices are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
