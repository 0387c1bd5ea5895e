"""Pages and paging helpers: a stream yields Page objects; each becomes RECORD lines and one STATE."""

from __future__ import annotations

from typing import Any, Callable, Iterator, Mapping, Optional, Sequence, Tuple


class Page:
    """Raw vendor records, then the checkpoint to resume from after them (committed together)."""

    __slots__ = ("records", "checkpoint")

    def __init__(self, records: Sequence[Mapping[str, Any]], checkpoint: Mapping[str, Any]) -> None:
        self.records = list(records)
        self.checkpoint = dict(checkpoint)

    def __repr__(self) -> str:
        return f"Page(records={len(self.records)}, checkpoint={self.checkpoint!r})"


def paginate(fetch_page: Callable[[Optional[Any]], Tuple[Sequence[Any], Optional[Any]]], token: Optional[Any] = None) -> Iterator[Tuple[list, Optional[Any]]]:
    """Follows a token-paged listing: `fetch_page(token)` returns (items, next_token); yields each page's
    (items, next_token) until next_token is None. An empty page with a next token does not end it."""
    while True:
        items, next_token = fetch_page(token)
        yield list(items), next_token
        if next_token is None:
            return
        token = next_token
