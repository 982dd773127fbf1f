from django.db import models
from django.utils import timezone


class WorkerHeartbeat(models.Model):
    """The last sign of life of one ``escalade worker`` (one row per host and process)."""

    worker = models.CharField(max_length=200, unique=True)  # "host:pid"
    seen_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return self.worker
