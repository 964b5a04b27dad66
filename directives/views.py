from django.core.paginator import Paginator
from django.shortcuts import render

from directives.forms import DirectiveFilterForm
from directives.selectors import directive_detail as select_directive_detail
from directives.selectors import search_directives

PAGE_SIZE = 25


def directive_list(request):
    """Directives, filtered by school year, type and issuer, and searched by words."""
    form = DirectiveFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    directives = search_directives(
        school_year=filters.get("school_year"),
        doc_type=filters.get("doc_type", ""),
        issuer=filters.get("issuer"),
        query=filters.get("query", ""),
    )
    page = Paginator(directives, PAGE_SIZE).get_page(request.GET.get("page"))
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return render(
        request,
        "directives/directive_list.html",
        {"form": form, "page": page, "querystring": querystring.urlencode()},
    )


def directive_detail(request, pk):
    """A directive as structured data: header, task groups and tasks, appendix."""
    detail = select_directive_detail(pk=pk)
    return render(
        request,
        "directives/directive_detail.html",
        {"detail": detail, "directive": detail.directive},
    )
