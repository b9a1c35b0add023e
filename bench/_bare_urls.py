"""The baseline of bench/submit_throughput.py: a bare view that inserts one row via the ORM.

The table is created by the benchmark itself (schema editor), outside any migration: the model
belongs to no installed app and exists only for the benchmark's throwaway database."""

from django.db import models
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt


class BareRow(models.Model):
    payload = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "bench"
        db_table = "bench_bare_row"

    def __str__(self):
        return self.payload


@csrf_exempt
def bare(request):
    BareRow.objects.create(payload=request.POST.get("payload", "")[:100])
    return HttpResponse("ok")


urlpatterns = [path("bare/", bare)]
