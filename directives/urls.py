from django.urls import path

from directives import reorganisation_views, views

app_name = "directives"

urlpatterns = [
    path("", views.directive_list, name="directive_list"),
    path("<int:pk>/", views.directive_detail, name="directive_detail"),
    path("<int:pk>/history/", views.directive_history, name="directive_history"),
    path("<int:pk>/assignments/", views.directive_assignments, name="directive_assignments"),
    path("<int:pk>/assignments/assign/", views.assignment_assign, name="assignment_assign"),
    path("<int:pk>/assignments/remove/", views.assignment_remove, name="assignment_remove"),
    path(
        "<int:pk>/assignments/due-date/",
        views.assignment_due_date,
        name="assignment_due_date",
    ),
    path(
        "<int:pk>/assignments/proposal/accept/",
        views.assignment_proposal_accept,
        name="assignment_proposal_accept",
    ),
    path("<int:pk>/accounting/", views.directive_accounting, name="directive_accounting"),
    path("import/", views.directive_import, name="directive_import"),
    path("import/<uuid:pk>/", views.directive_import_review, name="directive_import_review"),
    path("tasks/", views.unit_tasks, name="unit_tasks"),
    path("tasks/<int:pk>/extension/", views.extension_request, name="extension_request"),
    path("extensions/", views.extension_list, name="extension_list"),
    path("extensions/<int:pk>/decide/", views.extension_decide, name="extension_decide"),
    path(
        "reorganisations/",
        reorganisation_views.reorganisation_list,
        name="reorganisation_list",
    ),
    path(
        "reorganisations/new/",
        reorganisation_views.reorganisation_create,
        name="reorganisation_create",
    ),
    path(
        "reorganisations/<int:pk>/",
        reorganisation_views.reorganisation_detail,
        name="reorganisation_detail",
    ),
    path(
        "reorganisations/<int:pk>/preview/",
        reorganisation_views.reorganisation_preview,
        name="reorganisation_preview",
    ),
    path(
        "reorganisations/<int:pk>/apply/",
        reorganisation_views.reorganisation_apply,
        name="reorganisation_apply",
    ),
]
