from django_tasks import task

from escalade.slas import workflow


@task()
def fire_due_levels() -> int:
    """Fire the escalation levels whose time has come (each once, whatever the workers)."""
    return workflow.fire_due_levels()
