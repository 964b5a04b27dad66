from django.urls import path

from indicators import views

app_name = "indicators"

urlpatterns = [
    path("directives/<int:pk>/targets/", views.targets, name="targets"),
    path("<int:pk>/targets/", views.unit_targets, name="unit_targets"),
]
