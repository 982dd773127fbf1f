from django_tasks import task

from escalade.tickets import workflow


@task()
def close_expired_solutions() -> int:
    """Close the Solved tickets whose entity's auto-close delay has passed."""
    return workflow.close_expired_solutions()


@task()
def purge_pending_uploads() -> int:
    """Remove the files kept for refused forms that nobody sent again."""
    from escalade.tickets import pending

    return pending.purge()
