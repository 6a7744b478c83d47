"""kg.stats: the figures are computed from the graph."""

from __future__ import annotations

import pyoxigraph as ox

from kg.project import Project
from kg.stats import graph_stats


def test_stats_are_consistent(store: ox.Store, project: Project) -> None:
    st = graph_stats(store, project)
    assert st.statements > st.label_statements > 0
    assert st.evidence >= st.statements
    assert st.evidence_per_statement[1] >= 1
    assert st.disputes >= 2  # at least the July 2009 death toll and injured count
    classes = dict(st.classes)
    assert classes["Attack"] >= 8 and classes["Person"] >= 10
