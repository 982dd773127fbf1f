"""Pages of long lists without counting a million rows on every page.

A desk that has run for years holds hundreds of thousands of closed tickets; an
exact ``COUNT(*)`` of "Tous" reads all those its viewer may see, on every page.
``BoundedPaginator`` counts at most a few pages past the one shown
(``SELECT count(*) FROM (… LIMIT n)``): the page, its neighbours and "plus de
N tickets" are right, and cost what the page costs. The exact figure is one
click away (``exact=True``).
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.utils.functional import cached_property

from escalade.core import parsing

COUNT_AT_LEAST = 200  # below this many rows, counts are always exact
PAGES_AHEAD = 5  # how far past the page shown the count looks


def count_limit(first_row: int, size: int) -> int:
    """How far a count looks for a page of ``size`` rows from ``first_row`` (0-based):
    to five pages past it, and at least COUNT_AT_LEAST rows."""
    return max(COUNT_AT_LEAST, first_row + (1 + PAGES_AHEAD) * max(1, size))


def count_ahead(queryset: Any, first_row: int, size: int) -> tuple[int, bool]:
    """(rows, exact) for that page: the lists', /api/v1's and GLPI's totals."""
    return bounded_count(queryset, count_limit(first_row, size))


def bounded_count(queryset: Any, limit: int) -> tuple[int, bool]:
    """(rows, exact): the number of rows if at most ``limit``, else (limit, False)."""
    counted = queryset.order_by()[: limit + 1].count()
    if counted > limit:
        return limit, False
    return counted, True


class BoundedPaginator(Paginator):
    def __init__(self, object_list: Any, per_page: int, *, exact: bool = False) -> None:
        super().__init__(object_list, per_page)
        self.exact = exact
        self.is_exact = True
        self.limit = COUNT_AT_LEAST

    def get_page(self, number: Any) -> Page:
        wanted = parsing.page_number(number)
        self.limit = count_limit((wanted - 1) * self.per_page, self.per_page)
        return super().get_page(wanted)

    @cached_property
    def count(self) -> int:
        if self.exact:
            return super().count
        total, self.is_exact = bounded_count(self.object_list, self.limit)
        return total


def range_count(queryset: Any, start: int, end: int) -> int:
    """GLPI's ``totalcount`` for the rows ``start``..``end``: exact up to five ranges past
    ``end`` (and 200 rows), a lower bound beyond. A client paging until its range runs
    past ``totalcount`` still gets every row."""
    return count_ahead(queryset, start, end - start + 1)[0]
