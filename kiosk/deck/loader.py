"""Safe, bounded YAML loading into nodes that remember where they came from.

The composer is driven by PyYAML's event stream rather than ``yaml.compose`` so
that nesting depth, alias expansion and tags are checked as the events arrive:
a hostile document is stopped early, in bounded time and memory, and nothing
in it is ever constructed as a Python object.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kiosk.deck.errors import DeckError, Mark, Problem, Severity

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 50
MAX_EXPANDED_NODES = 50_000
"""Values a document may hold once its aliases are expanded (stops "billion laughs")."""

MAX_IMPLICIT_SCALAR = 64
"""Plain scalars longer than this are text: numbers are short, and YAML 1.1 base-60 numbers
take quadratic time to build."""

# libyaml's parser is many times faster than the pure-Python one; both give the same events.
_EventLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Resolver = yaml.SafeLoader
_NESTING_LIMIT = "exceeded maximum nesting depth"
"""What libyaml (from PyYAML 6.0.4's wheels on) says when it stops deep nesting itself."""

_CORE = "tag:yaml.org,2002:"
_STR = _CORE + "str"
_ALLOWED_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null")}
_ALLOWED_TAGS = _ALLOWED_SCALAR_TAGS | {_CORE + "map", _CORE + "seq", "!"}


@dataclass(frozen=True, eq=False)
class ScalarNode:
    """A plain value (text, number, boolean or null) and where it stands."""

    mark: Mark
    value: object
    raw: str
    size: int = 1


@dataclass(frozen=True, eq=False)
class SequenceNode:
    """A YAML list."""

    mark: Mark
    items: tuple[Node, ...]
    size: int = 1


@dataclass(frozen=True, eq=False)
class MappingNode:
    """A YAML mapping with text keys; ``key_marks`` holds where each key stands."""

    mark: Mark
    items: dict[str, Node]
    key_marks: dict[str, Mark] = field(default_factory=dict)
    size: int = 1


Node = ScalarNode | SequenceNode | MappingNode


def describe(node: Node) -> str:
    """A short English name for the kind of value a node holds, for messages."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list" if node.items else "an empty list"
    value = node.value
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {node.raw!r}"
    if isinstance(value, (int, float)):
        return f"the number {node.raw}"
    return f"the text {node.raw!r}" if len(node.raw) <= 40 else "a text"


def read_yaml_file(path: Path, display_name: str) -> tuple[Node, list[Problem]]:
    """Read and parse one YAML file (see ``parse_yaml``)."""
    start = Mark(display_name, 1, 1)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _error(start, f"the file is {size / 1048576:.1f} MiB; a deck file may be at most 2 MiB")
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _error(start, f"cannot read the file: {exc.strerror or exc}") from None
    return parse_yaml(data, display_name)


def parse_yaml(data: bytes | str, display_name: str) -> tuple[Node, list[Problem]]:
    """Parse one YAML document into nodes.

    Returns the root node and the problems it could step over (duplicate keys and
    the like); raises DeckError for anything unsafe or malformed that stops reading.
    """
    start = Mark(display_name, 1, 1)
    if isinstance(data, bytes):
        if len(data) > MAX_FILE_BYTES:
            raise _error(start, "the file is larger than 2 MiB, the most a deck file may be")
        text = _decode(data, display_name)
    else:
        text = data
        if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
            raise _error(start, "the file is larger than 2 MiB, the most a deck file may be")
    text = text.removeprefix("\ufeff")
    try:
        return _compose(text, display_name, _EventLoader)
    except yaml.reader.ReaderError as exc:
        raise _error(_position(text, exc.position, display_name), _reader_message(exc)) from None
    except yaml.MarkedYAMLError as exc:
        if _NESTING_LIMIT in str(exc.problem) and _EventLoader is not yaml.SafeLoader:
            # libyaml may stop deep nesting itself while scanning ahead, before our own limit
            # sees the events; the pure-Python parser reaches our limit, with its position.
            _compose(text, display_name, yaml.SafeLoader)
            where = exc.problem_mark
            mark = Mark(display_name, where.line + 1, where.column + 1) if where else start
            raise _error(mark, _too_deep()) from None
        raise _from_yaml_error(exc, display_name, text) from None
    except yaml.YAMLError as exc:
        raise _error(start, f"not valid YAML: {exc}") from None
    except RecursionError:
        raise _error(start, "the document is nested too deeply") from None


def _compose(text: str, display_name: str, events: type) -> tuple[Node, list[Problem]]:
    composer = _Composer(text, display_name, events)
    return composer.compose(), composer.problems


def _too_deep() -> str:
    return f"values are nested more than {MAX_DEPTH} levels deep"


def _decode(data: bytes, display_name: str) -> str:
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        byte = data[exc.start]
        raise _error(
            Mark(display_name, line, column),
            f"the file is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8",
        ) from None


def _position(text: str, index: int, display_name: str) -> Mark:
    before = text[:index]
    return Mark(display_name, before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1)


def _reader_message(exc: yaml.reader.ReaderError) -> str:
    character = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    return f"the file contains the control character U+{character:04X}; it looks like binary data, not a YAML text file"


def _error(mark: Mark, message: str) -> DeckError:
    return DeckError([Problem(mark, Severity.ERROR, message)])


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    return lines[line][column] if 0 <= line < len(lines) and 0 <= column < len(lines[line]) else ""


def _from_yaml_error(exc: yaml.MarkedYAMLError, display_name: str, text: str) -> DeckError:
    mark = exc.problem_mark or exc.context_mark
    if "could not find expected ':'" in (exc.problem or "") and exc.context_mark is not None:
        mark = exc.context_mark  # where the key began, not where the scanner gave up
    where = Mark(display_name, mark.line + 1, mark.column + 1) if mark else Mark(display_name, 1, 1)
    problem = exc.problem or ""
    context = exc.context or ""
    if "'\\t'" in problem or (mark is not None and _char_at(text, mark.line, mark.column) == "\t"):
        message = "a tab character is used for indentation here; YAML allows only spaces"
    elif "special characters are not allowed" in problem or "control characters" in problem:
        message = "the file contains binary or control characters; it is not a text YAML file"
    elif "mapping values are not allowed" in problem:
        message = "unexpected ':' here; put text containing ': ' in quotes"
    elif "could not find expected ':'" in problem:
        message = "expected 'key: value' here; check the indentation and quotes on this line"
    elif "found undefined alias" in problem or "found undefined alias" in context:
        message = f"{problem}; define the anchor with '&name' before using '*name'"
    else:
        message = " ".join(part for part in (context, problem) if part) or "not valid YAML"
        message = f"not valid YAML: {message}"
    return _error(where, message)


class _Composer:
    """Builds nodes from YAML events with limits on depth, aliases and tags."""

    def __init__(self, text: str, display_name: str, events: type) -> None:
        self._events = events(text)
        self._resolver = _Resolver("")
        self._name = display_name
        self._anchors: dict[str, Node] = {}
        self._expanded = 0
        self.problems: list[Problem] = []

    def _mark(self, event: yaml.Event) -> Mark:
        return Mark(self._name, event.start_mark.line + 1, event.start_mark.column + 1)

    def compose(self) -> Node:
        events = self._events
        events.get_event()  # stream start
        if events.check_event(yaml.StreamEndEvent):
            return MappingNode(Mark(self._name, 1, 1), {})
        events.get_event()  # document start
        root = self._compose_document()
        events.get_event()  # document end
        if not events.check_event(yaml.StreamEndEvent):
            raise _error(self._mark(events.peek_event()), "only one YAML document is allowed per file")
        return root

    def _compose_document(self) -> Node:
        """Compose one node tree with an explicit stack, so depth is ours to limit."""
        events = self._events
        # Each frame: [start event, anchor, children list, pending key (mappings), key marks]
        stack: list[list] = []
        while True:
            event = events.get_event()
            node: Node | None = None
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                self._check_tag(event)
                if len(stack) >= MAX_DEPTH:
                    raise _error(self._mark(event), _too_deep())
                stack.append([event, [], {}])
                continue
            if isinstance(event, yaml.ScalarEvent):
                node = self._scalar(event)
            elif isinstance(event, yaml.AliasEvent):
                node = self._alias(event)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                start, children, key_marks = stack.pop()
                node = self._collection(start, children, key_marks)
                if start.anchor is not None:
                    self._anchors[start.anchor] = node
            if node is None:  # pragma: no cover - the parser emits no other event here
                raise _error(self._mark(event), "unexpected YAML structure")
            if isinstance(event, yaml.ScalarEvent) and event.anchor is not None:
                self._anchors[event.anchor] = node
            if not stack:
                return node
            stack[-1][1].append(node)

    def _problem(self, mark: Mark, message: str) -> None:
        self.problems.append(Problem(mark, Severity.ERROR, message))

    def _check_tag(self, event: yaml.NodeEvent) -> None:
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _ALLOWED_TAGS:
            raise _error(
                self._mark(event),
                f"the YAML tag {_short_tag(tag)!r} is not allowed; deck files hold only plain values",
            )

    def _scalar(self, event: yaml.ScalarEvent) -> ScalarNode:
        self._check_tag(event)
        self._count(1, event)
        mark = self._mark(event)
        if event.tag == "!" or (event.tag is None and len(event.value) > MAX_IMPLICIT_SCALAR):
            tag = _CORE + "str"
        elif event.tag is None:
            tag = self._resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
        else:
            tag = event.tag
        if tag not in _ALLOWED_SCALAR_TAGS or tag == _STR:
            # Timestamps and the like stay text: the schema decides what they mean.
            return ScalarNode(mark, event.value, event.value)
        try:
            # The constructor function itself: construct_object would remember every node built.
            build = self._resolver.yaml_constructors[tag]
            value = build(self._resolver, yaml.ScalarNode(tag, event.value, style=event.style))
        except Exception:  # PyYAML's constructors raise KeyError, IndexError and others on odd input
            raise _error(mark, f"{event.value[:40]!r} is not a valid {_short_tag(tag)}") from None
        if isinstance(value, float) and not math.isfinite(value):
            value = float(value)
        return ScalarNode(mark, value, event.value)

    def _alias(self, event: yaml.AliasEvent) -> Node:
        target = self._anchors.get(event.anchor)
        if target is None:
            raise _error(
                self._mark(event),
                f"the alias '*{event.anchor}' names no anchor defined before it (or refers to itself)",
            )
        self._count(target.size, event)
        return target

    def _count(self, size: int, event: yaml.Event) -> None:
        self._expanded += size
        if self._expanded > MAX_EXPANDED_NODES:
            raise _error(
                self._mark(event),
                f"the document holds more than {MAX_EXPANDED_NODES:,} values, counting what aliases repeat; "
                "deck files must stay small",
            )

    def _collection(self, start: yaml.NodeEvent, children: list[Node], key_marks: dict) -> Node:
        mark = self._mark(start)
        size = 1 + sum(child.size for child in children)
        self._count(1, start)
        if isinstance(start, yaml.SequenceStartEvent):
            return SequenceNode(mark, tuple(children), size)
        items: dict[str, Node] = {}
        marks: dict[str, Mark] = {}
        for key_node, value in zip(children[0::2], children[1::2]):
            if not isinstance(key_node, ScalarNode):
                self._problem(key_node.mark, "a key must be plain text, not a list or mapping")
                continue
            if key_node.raw == "<<":
                self._problem(key_node.mark, "merge keys ('<<') are not supported; write the keys out")
                continue
            key = key_node.raw
            if key in items:
                first = marks[key]
                self._problem(
                    key_node.mark,
                    f"duplicate key '{key}' (first given at line {first.line}, column {first.column})",
                )
                continue
            items[key] = value
            marks[key] = key_node.mark
        return MappingNode(mark, items, marks, size)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag
