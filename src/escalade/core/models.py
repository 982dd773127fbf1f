from django.db import models


class PeriodicRun(models.Model):
    """When a periodic job last started; a conditional update lets one worker win."""

    name = models.CharField(max_length=100, unique=True)
    last_run = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name
