"""The implementations behind :class:`kg.store.GraphStore`, one module each, imported lazily by
:func:`kg.store.connect`: ``embedded`` (Oxigraph on disk), ``memory`` (rdflib) and ``remote``
(a SPARQL 1.1 endpoint)."""
