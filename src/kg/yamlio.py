"""Strict YAML reading for curation files: no implicit dates, no duplicate keys.

YAML 1.1 would turn ``2009-07-28`` into a ``datetime.date`` and silently keep the last of two equal
keys; curation needs the text as written and loud errors instead.

>>> load_yaml("a: 2009-07-28", "x.yaml")
{'a': '2009-07-28'}
>>> load_yaml("a: 1\\na: 2", "x.yaml")
Traceback (most recent call last):
kg.errors.KgError: x.yaml:2: duplicate key 'a'
"""

from __future__ import annotations

from typing import Any

import yaml

from kg.errors import KgError

__all__ = ["load_yaml"]


class _StrictLoader(yaml.SafeLoader):
    pass


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise KgError(f"{loader.name}:{key_node.start_mark.line + 1}: duplicate key {key!r}")
        seen.add(key)
    return dict(loader.construct_pairs(node))


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(text: str, name: str) -> Any:
    """Parse *text* (named *name* in errors) with the strict loader."""
    loader = _StrictLoader(text)
    loader.name = name
    try:
        return loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark else name
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise KgError(f"{where}: invalid YAML: {problem}") from None
    finally:
        loader.dispose()
