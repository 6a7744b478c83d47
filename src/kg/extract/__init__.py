"""Automatic extraction: new texts → candidate entities and pattern-rule claims.

The package runs one way, like the rest of ``kg``:

``text`` (documents read, HTML stripped, sentences split) → ``linking`` and ``names`` (names
resolved to the registry, candidates proposed) → ``discourse`` ("the camp", "he", "they", "the
residents" resolved) → ``dates`` / ``quantities`` / ``casualties`` (normalised values) → the rules:
``events`` (``attacks``, ``movements``, ``agreements``, ``actions`` on ``frames``; ``lists``),
``roles``, ``places``, ``relations``, ``speech``, ``notes`` → ``extractor`` (one document → one
:class:`~kg.extract.records.Extraction`, with ``context``) → ``eventlinks`` (events the graph
already has) → ``records`` (the machine-written ``data/extracted/*.yaml`` files the build reads)
→ ``ingest`` (``kg ingest``) and ``evaluate`` (``kg eval``).

Nothing here is imported by ``import kg``; the build imports only :mod:`kg.extract.records`.
"""
