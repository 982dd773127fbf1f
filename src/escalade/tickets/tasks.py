from django_tasks import task

from escalade.tickets import workflow


@task()
def close_expired_solutions() -> int:
    """Close the Solved tickets whose entity's auto-close delay has passed."""
    return workflow.close_expired_solutions()
