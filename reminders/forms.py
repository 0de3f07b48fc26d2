from django import forms

from .models import CalendarFeed


class FeedOptionsForm(forms.ModelForm):
    class Meta:
        model = CalendarFeed
        fields = ["step_alarms", "morning_reminder"]
