"""Accounts: signing in and out (django-axes throttles the sign-in)."""

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, UsernameField
from django.utils.translation import gettext_lazy as _

from projects.forms import BaseForm


class LoginForm(BaseForm, AuthenticationForm):
    """Django's AuthenticationForm with DSFR markup (axes receives the request through it)."""

    # max_length here, not only set by AuthenticationForm after the fact: that way its validator
    # runs, and an over-long name is refused before authentication (django-axes would try to
    # record it in a 255-character column).
    username = UsernameField(
        label=_("Identifiant"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True}),
        error_messages={
            "max_length": _("Un identifiant compte au plus %(limit_value)d caractères."),
        },
    )
    password = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


login = auth_views.LoginView.as_view(
    authentication_form=LoginForm, redirect_authenticated_user=True
)
logout = auth_views.LogoutView.as_view()
