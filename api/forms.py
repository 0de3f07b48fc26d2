from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AccessToken


class TokenForm(forms.ModelForm):
    class Meta:
        model = AccessToken
        fields = ["name"]
        labels = {"name": _("Name")}
