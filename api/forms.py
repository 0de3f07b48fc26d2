from django import forms

from .models import AccessToken


class TokenForm(forms.ModelForm):
    class Meta:
        model = AccessToken
        fields = ["name"]
