"""The import graph (issue 21): no cycle between modules (the layer contracts: `lint-imports`, in `make lint`).

A cycle is a strongly connected component of two or more modules in grimp's graph of every import,
lazy ones (inside functions) included. The declared exceptions are edges left out before the search,
each with its reason; an exception that no longer exists fails too, so the list only shrinks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import grimp

# (importer, imported): why the edge stays for now
DECLARED: dict[tuple[str, str], str] = {
    ("spillwatch.geo.mapdata", "spillwatch.geo.gazetteer"):
        "country centroids read the gazetteer lazily, the gazetteer builder reads the centroids (geo/ owns it)",
}


def cycles(nodes: Iterable[str], successors: Callable[[str], Iterable[str]]) -> list[list[str]]:
    """Every strongly connected component of two or more nodes (Tarjan, iterative), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(nodes):
        if root in index:
            continue
        work = [(root, iter(sorted(successors(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(successors(child)))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_cycle_search_finds_a_cycle_and_only_cycles() -> None:
    graph = {"a": ["b"], "b": ["c"], "c": ["a", "d"], "d": ["e"], "e": [], "f": ["f2"], "f2": ["f"]}
    assert sorted(cycles(graph, lambda n: graph[n])) == [["a", "b", "c"], ["f", "f2"]]
    assert cycles({"a": ["b"], "b": []}, lambda n: {"a": ["b"], "b": []}[n]) == []


def test_the_import_graph_has_no_cycle() -> None:
    graph = grimp.build_graph("spillwatch")
    for importer, imported in DECLARED:
        assert graph.direct_import_exists(importer=importer, imported=imported), \
            f"declared exception {importer} -> {imported} no longer exists: remove it from DECLARED"
        graph.remove_import(importer=importer, imported=imported)
    assert cycles(graph.modules, graph.find_modules_directly_imported_by) == []

