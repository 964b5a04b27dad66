from django.urls import path

from directives import views

app_name = "directives"

urlpatterns = [
    path("", views.directive_list, name="directive_list"),
    path("<int:pk>/", views.directive_detail, name="directive_detail"),
    path("<int:pk>/history/", views.directive_history, name="directive_history"),
    path("import/", views.directive_import, name="directive_import"),
]
