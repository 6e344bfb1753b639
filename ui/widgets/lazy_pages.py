"""Pages built the first time they are asked for: a window shows before its rarely used pages."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping
from typing import Generic, TypeVar

from PySide6.QtWidgets import QWidget

K = TypeVar("K", bound=Hashable)
W = TypeVar("W", bound=QWidget)


class LazyPages(Mapping[K, W], Generic[K, W]):
    """A mapping of page name to page whose pages are built on first access.

    `factories` builds each page; `on_built(name, page)` places a page once built (in its
    scroll area, in a stack). Iterating gives the names without building anything; `built()`
    lists the pages that exist, in the order they were built.
    """

    def __init__(
        self,
        factories: Mapping[K, Callable[[], W]],
        on_built: Callable[[K, W], None],
    ) -> None:
        self._factories = dict(factories)
        self._on_built = on_built
        self._pages: dict[K, W] = {}

    def __getitem__(self, name: K) -> W:
        page = self._pages.get(name)
        if page is None:
            page = self._factories[name]()  # KeyError for a name that is not a page
            self._pages[name] = page
            self._on_built(name, page)
        return page

    def __iter__(self) -> Iterator[K]:
        return iter(self._factories)

    def __len__(self) -> int:
        return len(self._factories)

    def is_built(self, name: K) -> bool:
        """Whether `name` has been built (a page never shown has not)."""
        return name in self._pages

    def built(self) -> list[W]:
        """The pages built so far."""
        return list(self._pages.values())
