"""Magic: bare expressions of a script written with ``st.write``, as Streamlit does.

Owns ``Magic``, the AST transformer that wraps each displayable bare expression in a call of
``MAGIC_NAME`` (the runner binds that name to ``st.write``). Knows nothing about running
scripts or about elements.
"""

from __future__ import annotations

import ast

MAGIC_NAME = "__tidal_magic__"
"""The name a transformed script calls with each bare value (set in its globals)."""


class Magic(ast.NodeTransformer):
    """Streamlit's magic: wrap bare expressions in ``__tidal_magic__(...)`` (``st.write``).

    It reaches the module's statements and, as Streamlit does, the bodies of ``def`` and
    ``async def`` (methods of classes included), ``if``/``else``, ``for``, ``while``, ``with``,
    their ``async`` forms, ``try`` (and its handlers, ``else``, ``finally``) and ``match``.
    Calls, ``await``, ``yield`` and docstrings (the first string of a module, class or
    function) are left alone; a bare tuple is written as ``st.write(*items)``.
    """

    def _wrap_body(self, body: list[ast.stmt], *, docstring: bool = False) -> list[ast.stmt]:
        out: list[ast.stmt] = []
        for i, stmt in enumerate(body):
            if isinstance(stmt, ast.Expr) and self._displayable(stmt.value, docstring and i == 0):
                value = stmt.value
                args = value.elts if isinstance(value, ast.Tuple) else [value]
                call = ast.Call(
                    func=ast.Name(id=MAGIC_NAME, ctx=ast.Load()), args=args, keywords=[]
                )
                out.append(ast.copy_location(ast.Expr(value=call), stmt))
            else:
                out.append(self.visit(stmt))
        return out

    @staticmethod
    def _displayable(value: ast.expr, first: bool) -> bool:
        if isinstance(value, ast.Call | ast.Await | ast.Yield | ast.YieldFrom):
            return False
        if first and isinstance(value, ast.Constant) and isinstance(value.value, str):
            return False  # a docstring
        return not (isinstance(value, ast.Constant) and value.value is Ellipsis)

    def visit_Module(self, node: ast.Module) -> ast.Module:
        node.body = self._wrap_body(node.body, docstring=True)
        return node

    def _visit_def(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.AST:
        node.body = self._wrap_body(node.body, docstring=True)
        return node

    visit_FunctionDef = _visit_def
    visit_AsyncFunctionDef = _visit_def

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.AST:
        # only the methods: a class body's bare expressions run at definition time
        node.body = [
            self.visit(s) if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef) else s
            for s in node.body
        ]
        return node

    def visit_Lambda(self, node: ast.Lambda) -> ast.AST:
        return node

    def generic_visit(self, node: ast.AST) -> ast.AST:
        if not isinstance(node, ast.stmt):
            return node  # expressions hold no statements to display
        for field in ("body", "orelse", "finalbody"):
            stmts = getattr(node, field, None)
            if isinstance(stmts, list) and stmts and isinstance(stmts[0], ast.stmt):
                setattr(node, field, self._wrap_body(stmts))
        handlers = getattr(node, "handlers", None)
        if isinstance(handlers, list):
            for h in handlers:
                h.body = self._wrap_body(h.body)
        cases = getattr(node, "cases", None)
        if isinstance(cases, list):
            for c in cases:
                c.body = self._wrap_body(c.body)
        return node
