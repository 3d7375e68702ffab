"""Outdated content: stale and undated pages, expired dates, old copyright years and "new"
things from years ago. `dates.py` finds a page's dates once for all of them."""
