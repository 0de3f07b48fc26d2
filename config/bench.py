"""The benchmark's floor: the least a page for a signed-in person can cost here.

It goes through the whole middleware stack, finds the session and the user, and answers a few
bytes, so each page's time divided by the floor's is what the page itself costs (bench/load.py).
Routed only when BENCH_FLOOR is on (the benchmark's server); it shows nothing but the word ok.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def floor(request):
    return HttpResponse("ok", content_type="text/plain")
