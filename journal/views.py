from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def log_night(request):
    return render(request, "journal/log.html")


@login_required
def history(request):
    return render(request, "journal/history.html")
