"""The folders are the layers: deck <- core <- player <- ui <- app/cli/render.

Every module of a layer folder is read with ``ast`` (every import, also those
inside functions and under ``TYPE_CHECKING``) and checked against what its
layer may import. The ui folder holds widgets and the named helpers they draw
with, and no module grows past the size the style guide allows.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "kiosk"
QT_PACKAGES = ("PySide6", "shiboken6", "qtawesome")
MAX_MODULE_LINES = 400
"""The style guide's limit: a module that grows past it is two modules."""

UI_HELPERS = {
    "kiosk.ui": "the package: its docstring says what the folder holds",
    "kiosk.ui.palette": "every colour, radius and alignment",
    "kiosk.ui.scale": "every size, in design units scaled to the screen",
    "kiosk.ui.icons": "every icon, by name",
    "kiosk.ui.snapshot": "pictures of widgets, for transitions",
    "kiosk.ui.text_picture": "large text kept as a picture once drawn, for the text widgets",
    "kiosk.ui.fit_check": "lays the slides out offscreen to find text that does not fit, for validation",
    "kiosk.ui.slides.layout": "where a slide's parts go",
}
"""Modules of kiosk/ui that draw with widgets without being one, each with what it is for."""


def modules_in(layer: str) -> list[str]:
    """Every module under ``kiosk/<layer>``, found by walking the folder."""
    folder = PACKAGE / layer
    names = []
    for path in sorted(folder.rglob("*.py")):
        parts = path.relative_to(REPO).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def module_path(module: str) -> Path:
    """The file of ``module`` (a package's ``__init__.py``)."""
    base = REPO.joinpath(*module.split("."))
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


def imports_of(module: str) -> Iterator[str]:
    """Every module that ``module`` imports anywhere in its source, relative imports made absolute."""
    path = module_path(module)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                stem = ".".join([*base, node.module] if node.module else base)
            else:
                stem = node.module or ""
            yield stem
            # ``from kiosk import ui`` imports kiosk.ui: name the submodules too.
            yield from (f"{stem}.{alias.name}" for alias in node.names if alias.name != "*")


def is_within(name: str, prefixes: tuple[str, ...]) -> bool:
    """True when ``name`` is one of ``prefixes`` or a module inside one of them."""
    return any(name == prefix or name.startswith(f"{prefix}.") for prefix in prefixes)


def is_kiosk_module(name: str) -> bool:
    """True when ``name`` names a module of the package (not a name imported from one)."""
    return name.startswith("kiosk.") and module_path(name).is_file()


def forbidden_imports(layer: str, allowed_kiosk: tuple[str, ...] | None, banned: tuple[str, ...]) -> list[str]:
    """``module -> import`` for each import in ``layer`` outside ``allowed_kiosk`` (when given) or inside ``banned``."""
    found = []
    for module in modules_in(layer):
        for name in sorted(set(imports_of(module))):
            outside = allowed_kiosk is not None and is_kiosk_module(name) and not is_within(name, allowed_kiosk)
            if outside or is_within(name, banned):
                found.append(f"{module} -> {name}")
    return found


@pytest.mark.parametrize("layer", ["deck", "core", "player", "ui"])
def test_every_layer_folder_holds_modules(layer: str) -> None:
    # A walk that finds nothing would pass every rule below.
    assert len(modules_in(layer)) > 1


def test_the_deck_imports_only_itself_and_no_qt() -> None:
    assert forbidden_imports("deck", ("kiosk.deck",), QT_PACKAGES) == []


def test_the_core_imports_only_the_deck_and_itself_and_no_qt() -> None:
    assert forbidden_imports("core", ("kiosk.deck", "kiosk.core"), QT_PACKAGES) == []


def test_the_player_imports_no_widgets_and_nothing_that_builds_the_app() -> None:
    assert forbidden_imports("player", None, ("kiosk.ui", "kiosk.app", "kiosk.cli", "kiosk.render")) == []


def test_the_ui_imports_nothing_that_builds_the_app() -> None:
    assert forbidden_imports("ui", None, ("kiosk.app", "kiosk.cli", "kiosk.render")) == []


def widgets_of(module: str) -> list[str]:
    """The QWidget subclasses ``module`` defines, or re-exports in its ``__all__`` (a package's front door)."""
    from PySide6.QtWidgets import QWidget

    loaded = importlib.import_module(module)
    exported = set(getattr(loaded, "__all__", ()))
    return [
        name
        for name, value in vars(loaded).items()
        if inspect.isclass(value) and issubclass(value, QWidget) and (value.__module__ == module or name in exported)
    ]


def test_the_ui_holds_only_widgets_and_the_named_helpers_they_draw_with() -> None:
    modules = modules_in("ui")
    not_widgets = [module for module in modules if module not in UI_HELPERS and not widgets_of(module)]
    assert not_widgets == [], "a ui module that is no widget belongs in kiosk/player or kiosk/core"
    assert set(UI_HELPERS) <= set(modules), "a helper listed here no longer exists"


def test_no_module_is_longer_than_the_style_guide_allows() -> None:
    too_long = {
        str(path.relative_to(REPO)): lines
        for path in sorted(PACKAGE.rglob("*.py"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert too_long == {}, "split each of these into modules with one job each"
