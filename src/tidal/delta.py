"""Deltas: what the browser must change to show the current run.

Owns ``DeltaWriter``, the only producer of delta ops. It keeps a mirror of what the browser
shows (``client``), compares each element a run produces with the element at the same path,
and emits a ``set`` op only when they differ; at the end of a run it trims what the run no
longer produced. Knows nothing about scripts, widgets or sockets.
"""

from __future__ import annotations

import threading

from tidal.server_messages import AppendOp, Element, SetOp, TrimOp
from tidal.tree import Node, Path, new_roots, node_at

Op = SetOp | TrimOp | AppendOp


class DeltaWriter:
    """Diffs runs against the browser's mirror tree and collects ops to send."""

    __slots__ = ("_fresh", "_lock", "at", "client", "ops")

    def __init__(self) -> None:
        self.client: list[Node] = new_roots()
        self.ops: list[Op] = []
        # take() may run on the event loop while a run appends on a worker thread
        self._lock = threading.Lock()
        # after reset() the browser may still show an old page we know nothing about: the
        # next finished run trims every container, so leftovers go whatever they were
        self._fresh = False
        self.at: Path = ()

    def set(self, path: Path, node: Node) -> None:
        """An element was produced at ``path`` by the current run."""
        parent = node_at(self.client, path[:-1])
        siblings = parent.children
        assert siblings is not None
        idx = path[-1]
        self.at = path
        if idx < len(siblings):
            old = siblings[idx]
            same_type = old.type == node.type
            if not (same_type and old.props == node.props):
                self._emit(SetOp(p=list(path), e=Element(t=node.type, p=node.props)))
            siblings[idx] = _mirror(node, old.children if same_type else None)
        else:
            self._emit(SetOp(p=list(path), e=Element(t=node.type, p=node.props)))
            siblings.append(_mirror(node, None))

    def append(self, path: Path, key: str, text: str) -> None:
        """The current run appended ``text`` to the string prop ``key`` of the leaf it set at
        ``path`` (the node is the mirror's own, so the mirror already has the text).
        Consecutive appends to the same prop travel as one op."""
        self.at = path
        with self._lock:
            last = self.ops[-1] if self.ops else None
            if isinstance(last, AppendOp) and last.k == key and tuple(last.p) == path:
                last.s += text
            else:
                self.ops.append(AppendOp(p=list(path), k=key, s=text))

    def finish(self, roots: list[Node]) -> None:
        """The run ended for good: drop what it did not produce (trim ops)."""
        for i, root in enumerate(roots):
            self._trim((i,), root, self.client[i])
        self._fresh = False

    def finish_subtree(self, path: Path, run_node: Node) -> None:
        """A fragment-only run ended: drop what it did not produce inside its container."""
        self._trim(path, run_node, node_at(self.client, path))

    def _trim(self, path: Path, run_node: Node, client_node: Node) -> None:
        run_children, client_children = run_node.children, client_node.children
        if run_children is None or client_children is None:
            return
        n = len(run_children)
        if self._fresh and len(client_children) == n:
            self._emit(TrimOp(p=list(path), n=n))
        elif len(client_children) > n:
            del client_children[n:]
            self._emit(TrimOp(p=list(path), n=n))
        for i, child in enumerate(run_children):
            if child.children is not None:
                self._trim((*path, i), child, client_children[i])

    def take(self) -> list[Op]:
        """The ops collected since the last call (safe from any thread)."""
        with self._lock:
            ops, self.ops = self.ops, []
        return ops

    def _emit(self, op: Op) -> None:
        with self._lock:
            self.ops.append(op)

    def reset(self) -> None:
        """Forget the mirror: the browser (re)connected and its page is unknown."""
        self.client = new_roots()
        with self._lock:
            self.ops = []
        self.at = ()
        self._fresh = True


def _mirror(node: Node, children: list[Node] | None) -> Node:
    if node.children is None:
        return node
    mirror = Node(node.type, node.props, container=True, value=node.value, extra=node.extra)
    mirror.children = children if children is not None else []
    return mirror
