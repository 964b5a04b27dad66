from django.urls import path

from planning import views

app_name = "planning"

urlpatterns = [
    path("directives/<int:pk>/roll-forward/", views.roll_forward, name="roll_forward"),
    path("directives/<int:pk>/issues/", views.issues, name="issues"),
    path("issues/<int:pk>/settle/", views.issue_settle, name="issue_settle"),
    path("directives/<int:pk>/link/", views.link, name="link"),
]
