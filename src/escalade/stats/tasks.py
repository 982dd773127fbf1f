from django_tasks import task

from escalade.stats import monthly


@task()
def send_monthly_reports() -> int:
    """Mail each group's supervisor the previous month's figures (once per month)."""
    return monthly.send_monthly_reports()
