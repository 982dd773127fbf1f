from django_tasks import task

from escalade.satisfaction import workflow


@task()
def open_due_surveys() -> int:
    """Open (and mail) the satisfaction surveys that are due."""
    return len(workflow.open_due_surveys())
