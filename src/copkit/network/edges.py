"""Edges of the expertise graph stored once per distinct value, not once per edge.

networkx gives every edge of a :class:`networkx.MultiDiGraph` a dict of its attributes
and every joined pair of nodes a dict of its keys: about 530 bytes an edge, a gigabyte
at 100,000 entities. Most edges carry the same few attributes (every ``member`` edge of
level ``core`` is ``{"relation": "member", "weight": 1.0, "level": "core"}``), so
:class:`SharedEdges` keeps one attribute dict for all edges with equal attributes, and
one key dict for all pairs joined by the same edges: a pair that gains an edge gets
another key dict, a shared one never changes. The graph reads exactly as if
``add_edge`` had built it (same edges, attributes, and order of neighbours and keys);
:meth:`SharedEdges.done` freezes it, as a change to a shared dict would change every
edge holding it.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

EdgeData = dict[str, Any]


class SharedEdges:
    """Adds edges to ``graph`` (whose nodes must exist) with shared attribute dicts."""

    def __init__(self, graph: nx.MultiDiGraph[str]) -> None:
        self.graph = graph
        # networkx's adjacency: add_edge would copy the attributes into a new dict. The
        # succ and pred entries of a pair hold the same key dict, as add_edge leaves them.
        self._succ: dict[str, dict[str, dict[str, EdgeData]]] = graph._succ  # type: ignore[attr-defined]
        self._pred: dict[str, dict[str, dict[str, EdgeData]]] = graph._pred  # type: ignore[attr-defined]
        self._data: dict[tuple[object, ...], EdgeData] = {}
        self._keys: dict[tuple[object, ...], dict[str, EdgeData]] = {}
        self._shared_keys: set[int] = set()
        """Ids of the key dicts in ``_keys`` (all their attribute dicts are shared)."""

    def add(
        self, source: str, target: str, key: str, attributes: EdgeData, *, share: bool = True
    ) -> None:
        """The edge ``source -> target`` keyed ``key``; an existing one gets ``attributes``
        on top of its own, as ``add_edge`` would update it. ``share=False`` for attributes
        that are (nearly) always distinct: remembering them would cost more than it saves.
        """
        known = self._succ[source].get(target)
        if known is not None and key in known:
            attributes = {**known[key], **attributes}
        if share:
            # The type too: 1 and 1.0 (or True) are equal keys but print differently.
            identity = tuple(
                part for name, value in attributes.items() for part in (name, type(value), value)
            )
            attributes = self._data.setdefault(identity, attributes)
        keys = {key: attributes} if known is None else {**known, key: attributes}
        if share and (known is None or id(known) in self._shared_keys):
            identity = tuple(part for name, data in keys.items() for part in (name, id(data)))
            keys = self._keys.setdefault(identity, keys)
            self._shared_keys.add(id(keys))
        self._succ[source][target] = keys
        self._pred[target][source] = keys

    def done(self) -> nx.MultiDiGraph[str]:
        """The graph, frozen: adding or removing anything raises."""
        self._data.clear()
        self._keys.clear()
        self._shared_keys.clear()
        nx.freeze(self.graph)
        return self.graph
