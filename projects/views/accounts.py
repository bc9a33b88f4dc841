"""Accounts: signing in and out (django-axes throttles the sign-in), where one lands after
signing in, and the account page (who one is, the weekly reminder switched on or off)."""

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, UsernameField
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from projects import people, perms
from projects.forms import BaseForm
from projects.models import Preferences


class LoginForm(BaseForm, AuthenticationForm):
    """Django's AuthenticationForm with DSFR markup (axes receives the request through it)."""

    # max_length here, not only set by AuthenticationForm after the fact: that way its validator
    # runs, and an over-long name is refused before authentication (django-axes would try to
    # record it in a 255-character column).
    username = UsernameField(
        label=gettext_lazy("Identifiant"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True}),
        error_messages={
            "max_length": gettext_lazy("Un identifiant compte au plus %(limit_value)d caractères."),
        },
    )
    password = forms.CharField(
        label=gettext_lazy("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


login = auth_views.LoginView.as_view(
    authentication_form=LoginForm, redirect_authenticated_user=True
)
logout = auth_views.LogoutView.as_view()


@login_required
@require_safe
def landing(request):
    """After signing in (LOGIN_REDIRECT_URL): the programme office to its validation queue, a
    project lead to « Mes projets », anyone else to the dashboard."""
    if perms.is_programme_office(request.user):
        return redirect("projects:review")
    if perms.is_project_lead(request.user):
        return redirect("my_projects")
    return redirect("home")


class PreferencesForm(BaseForm):
    weekly_reminders = forms.BooleanField(
        label=gettext_lazy("Rappel hebdomadaire par courriel"),
        required=False,
        help_text=gettext_lazy(
            "Chaque lundi, un courriel quand un de vos projets attend un point d'avancement."
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def account(request):
    preferences = Preferences.objects.filter(user=request.user).first() or Preferences(
        user=request.user
    )
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        initial={"weekly_reminders": preferences.weekly_reminders},
    )
    if request.method == "POST" and form.is_valid():
        preferences.weekly_reminders = form.cleaned_data["weekly_reminders"]
        preferences.save()
        messages.success(
            request,
            _("Rappel hebdomadaire activé.")
            if preferences.weekly_reminders
            else _("Rappel hebdomadaire désactivé : vous ne le recevrez plus."),
        )
        return redirect("account")
    return render(
        request,
        "registration/account.html",
        {
            "form": form,
            "role": people.role_label(request.user),
            "name": people.display_name(request.user),
            "led_projects": request.user.led_projects.filter(withdrawn_on__isnull=True),
            "is_lead": perms.is_project_lead(request.user),
        },
    )
