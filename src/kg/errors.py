"""The one exception type for user mistakes.

Every error a user can cause (a missing file, a quote not found, a malformed query) is raised as
:class:`KgError` with a one-line message; the CLI prints it and exits non-zero, never a traceback.
"""

from __future__ import annotations

__all__ = ["KgError"]


class KgError(Exception):
    """A user-facing error whose message is one line that says what is wrong and where.

    >>> str(KgError("data/curation/001.yaml: quote not found: 'In Juli 2009'"))
    "data/curation/001.yaml: quote not found: 'In Juli 2009'"
    """
