from django_tasks import task

from escalade.mailgate.imap import collect_all


@task()
def collect_mail() -> int:
    """Collect the active IMAP mailboxes once; the number of accepted messages."""
    return sum(report.accepted for report in collect_all())
