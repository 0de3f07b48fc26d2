from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def tonight(request):
    return render(request, "routines/tonight.html")


@login_required
def routine_list(request):
    return render(request, "routines/list.html")
