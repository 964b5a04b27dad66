from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("security/", views.security, name="security"),
    path("security/two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("security/two-factor/disable/", views.two_factor_disable, name="two_factor_disable"),
    path(
        "security/recovery-codes/",
        views.recovery_codes_regenerate,
        name="recovery_codes_regenerate",
    ),
    # The second step of signing in, after the password.
    path("two-factor/", views.two_factor_verify, name="two_factor_verify"),
]
