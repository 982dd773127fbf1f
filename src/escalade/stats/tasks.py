from django_tasks import task

from escalade.stats import monthly


@task()
def send_monthly_reports() -> int:
    """Mail each group's supervisor the previous month's figures (once per month)."""
    return monthly.send_monthly_reports()


@task()
def refresh_timings() -> int:
    """Compute the working times of the tickets changed since the last run (summary table)."""
    from escalade.stats import timings

    return timings.refresh_timings()
