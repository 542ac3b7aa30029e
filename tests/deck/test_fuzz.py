"""Fuzzing: whatever a deck file holds, loading it gives nodes or the project's own problems, never a crash or a hang.

The strategies exclude nothing the loader once crashed on: explicit core tags on
values they cannot hold (``!!bool maybe``), NUL characters and over-long names in
paths, integers beyond the float range and a ``schedule`` without valid ``hours``
are all drawn here, as well as pinned one by one in test_loader.py and
test_validation.py.

``KIOSK_FUZZ_EXAMPLES=2000 pytest tests/deck/test_fuzz.py`` fuzzes harder.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.deck import LoadResult, fields, load_deck, schema
from kiosk.deck.errors import DeckError, Problem
from kiosk.deck.loader import MappingNode, Node, ScalarNode, SequenceNode, parse_yaml

FUZZ = settings(
    max_examples=int(os.environ.get("KIOSK_FUZZ_EXAMPLES", "150")),
    deadline=2000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

NAME = "fuzz.yaml"
VALID_THEME = "id: a\ntitle: A\nslides:\n  - kind: title\n    heading: Hello\n"
VALID_DECK = "title: Fuzz\nthemes: [themes/a.yaml]\n"

# -- invariants ----------------------------------------------------------------


def _line_bound(data: bytes | str) -> int:
    """More lines than any position in ``data`` can be on (YAML breaks lines on more than '\\n')."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    return len(text.splitlines()) + 2


def check_problem(problem: Problem, files: set[str], max_line: int | None = None) -> None:
    assert isinstance(problem, Problem)
    assert problem.mark.file in files, problem
    assert problem.mark.line >= 1 and problem.mark.column >= 1, problem
    if max_line is not None:
        assert problem.mark.line <= max_line, problem
    assert isinstance(problem.message, str) and problem.message.strip(), problem


def check_node(node: Node) -> None:
    """Walk a parsed tree: only our node types, every one positioned."""
    stack = [node]
    while stack:
        current = stack.pop()
        assert isinstance(current, (ScalarNode, SequenceNode, MappingNode)), current
        assert current.mark.line >= 1 and current.mark.column >= 1
        if isinstance(current, SequenceNode):
            stack.extend(current.items)
        elif isinstance(current, MappingNode):
            assert set(current.items) <= set(current.key_marks)
            stack.extend(current.items.values())
        else:
            assert current.value is None or isinstance(current.value, (str, int, float, bool))


def check_parse(data: bytes | str) -> None:
    """``parse_yaml`` returns positioned nodes and problems, or raises DeckError; nothing else."""
    bound = _line_bound(data)
    try:
        node, problems = parse_yaml(data, NAME)
    except DeckError as exc:
        assert exc.problems, "a DeckError must carry at least one problem"
        for problem in exc.problems:
            assert problem.is_error
            check_problem(problem, {NAME}, bound)
        return
    check_node(node)
    for problem in problems:
        check_problem(problem, {NAME}, bound)


def check_load(deck: Path, files: set[str]) -> LoadResult:
    """``load_deck`` never raises, and gives a deck exactly when it found no error."""
    result = load_deck(deck)
    assert isinstance(result, LoadResult)
    assert (result.deck is None) == bool(result.errors), [str(p) for p in result.problems]
    for problem in result.problems:
        check_problem(problem, files)
    return result


# -- deck folders reused across examples -----------------------------------


@dataclass
class Folders:
    """Two decks: one whose theme is fuzzed, one whose deck.yaml is fuzzed."""

    theme_deck: Path
    root_deck: Path

    def write(self, data: bytes | str) -> None:
        content = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
        (self.theme_deck / "themes" / "a.yaml").write_bytes(content)
        (self.root_deck / "deck.yaml").write_bytes(content)

    def check(self, data: bytes | str) -> None:
        self.write(data)
        check_load(self.theme_deck, {"deck.yaml", "themes/a.yaml"})
        check_load(self.root_deck, {"deck.yaml", "themes/a.yaml"})


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> Folders:
    base = tmp_path_factory.mktemp("fuzz")
    for name in ("theme-deck", "root-deck"):
        (base / name / "themes").mkdir(parents=True)
        (base / name / "deck.yaml").write_text(VALID_DECK, encoding="utf-8")
        (base / name / "themes" / "a.yaml").write_text(VALID_THEME, encoding="utf-8")
    return Folders(base / "theme-deck", base / "root-deck")


# -- (a) random text -------------------------------------------------------------

YAML_TOKENS = [
    "\n",
    "\n",
    " ",
    "  ",
    "    ",
    "- ",
    ": ",
    ":",
    ", ",
    "[",
    "]",
    "{",
    "}",
    "? ",
    "#",
    "# c\n",
    "'",
    '"',
    "\\",
    "|",
    ">",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "<<: ",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "!!str ",
    "!!bool ",
    "!!int ",
    "!!float ",
    "!!null ",
    "!!timestamp ",
    "!!python/object/apply:os.system ",
    "!!binary ",
    "!x ",
    "! ",
    "\t",
    "~",
    "null",
    "true",
    "no",
    "1",
    "-1",
    " 0x1f",
    "1.5",
    "1e3",
    ".nan",
    "-.inf",
    "1:30",
    "2024-01-31",
    "\ufeff",
    "\x85",
    "\u2028",
    "\x00",
    "\x07",
    "é",
    "€",
    "😀",
    "title",
    "themes",
    "id",
    "slides",
    "kind",
    "heading",
    "figures",
    "value",
    "en",
    "fr",
    "a.yaml",
]
"""Pieces of YAML for text that looks like YAML."""

yaml_like_text = st.lists(st.sampled_from(YAML_TOKENS), max_size=60).map("".join)
any_text = st.one_of(st.text(max_size=400), yaml_like_text)


@FUZZ
@given(text=any_text)
def test_random_text_parses_or_raises_only_deck_error(text: str) -> None:
    check_parse(text)


@FUZZ
@given(text=any_text)
def test_random_text_as_deck_or_theme_file_gives_problems_never_an_exception(folders: Folders, text: str) -> None:
    folders.check(text)


# -- (b) random bytes ---------------------------------------------------------------

any_bytes = st.one_of(
    st.binary(max_size=600),
    yaml_like_text.map(lambda text: text.encode("utf-8")),
    st.tuples(yaml_like_text, st.binary(max_size=8), yaml_like_text).map(
        lambda parts: parts[0].encode() + parts[1] + parts[2].encode()
    ),
    st.tuples(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\x89PNG\r\n\x1a\n", b""]), st.binary(max_size=64)).map(
        lambda parts: parts[0] + parts[1]
    ),
)


@FUZZ
@given(data=any_bytes)
def test_random_bytes_parse_or_raise_only_deck_error(data: bytes) -> None:
    check_parse(data)


@FUZZ
@given(data=any_bytes)
def test_random_bytes_as_deck_or_theme_file_give_problems_never_an_exception(folders: Folders, data: bytes) -> None:
    folders.check(data)


# -- (c) mutations of the bundled deck -------------------------------------------


@dataclass(frozen=True)
class Mutation:
    """One edit of a file's lines; indexes are taken modulo the number of lines."""

    op: str
    line: int
    other: int = 0
    text: str = ""

    def apply(self, lines: list[str]) -> None:
        if not lines:
            lines.append(self.text)
            return
        i = self.line % len(lines)
        if self.op == "delete":
            del lines[i]
        elif self.op == "duplicate":
            lines.insert(i, lines[i])
        elif self.op == "swap":
            j = self.other % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        elif self.op == "insert":
            column = self.other % (len(lines[i]) + 1)
            lines[i] = lines[i][:column] + self.text + lines[i][column:]
        elif self.op == "indent":
            stripped = lines[i].lstrip(" ")
            width = max(0, len(lines[i]) - len(stripped) + self.other)
            lines[i] = self.text * width + stripped if self.text else " " * width + stripped
        elif self.op == "truncate":
            del lines[i:]
        else:  # pragma: no cover - the strategy makes only the ops above
            raise AssertionError(self.op)


inserted_text = st.one_of(
    st.text(min_size=1, max_size=5),
    st.text(alphabet=":-[]{}#&*!|>'\"\t ,?%@`\\\n", min_size=1, max_size=4),
    st.sampled_from(YAML_TOKENS),
)

mutations = st.one_of(
    st.builds(Mutation, op=st.sampled_from(["delete", "duplicate", "truncate"]), line=st.integers(0, 10_000)),
    st.builds(Mutation, op=st.just("swap"), line=st.integers(0, 10_000), other=st.integers(0, 10_000)),
    st.builds(
        Mutation, op=st.just("insert"), line=st.integers(0, 10_000), other=st.integers(0, 10_000), text=inserted_text
    ),
    st.builds(
        Mutation,
        op=st.just("indent"),
        line=st.integers(0, 10_000),
        other=st.integers(-4, 4),
        text=st.sampled_from(["", "", "\t"]),
    ),
)


@dataclass
class Bundled:
    """A private copy of the bundled deck, and its YAML files' text as the test started."""

    folder: Path
    texts: dict[str, str]

    def restore(self) -> None:
        for relative, text in self.texts.items():
            (self.folder / relative).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def bundled_copy(bundled_deck: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bundled]:
    folder = tmp_path_factory.mktemp("bundled") / "slides"
    shutil.copytree(bundled_deck, folder)
    texts = {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8") for path in sorted(folder.rglob("*.yaml"))
    }
    assert "deck.yaml" in texts
    yield Bundled(folder, texts)


@FUZZ
@given(data=st.data())
def test_mutations_of_the_bundled_deck_give_problems_never_an_exception(
    bundled_copy: Bundled, data: st.DataObject
) -> None:
    relative = data.draw(st.sampled_from(sorted(bundled_copy.texts)), label="file")
    edits = data.draw(st.lists(mutations, min_size=1, max_size=4), label="mutations")
    lines = bundled_copy.texts[relative].split("\n")
    for edit in edits:
        edit.apply(lines)
    mutated = "\n".join(lines)
    check_parse(mutated)
    bundled_copy.restore()
    (bundled_copy.folder / relative).write_text(mutated, encoding="utf-8")
    check_load(bundled_copy.folder, set(bundled_copy.texts))


def test_the_mutation_ops_do_what_they_say() -> None:
    lines = ["a", "b", "c"]
    Mutation("swap", 0, 2).apply(lines)
    assert lines == ["c", "b", "a"]
    Mutation("duplicate", 4).apply(lines)
    assert lines == ["c", "b", "b", "a"]
    Mutation("delete", 0).apply(lines)
    Mutation("insert", 0, 1, "!").apply(lines)
    assert lines == ["b!", "b", "a"]
    Mutation("indent", 1, 3, "").apply(lines)
    Mutation("indent", 2, 1, "\t").apply(lines)
    assert lines == ["b!", "   b", "\ta"]
    Mutation("truncate", 1).apply(lines)
    assert lines == ["b!"]


# -- (d) structurally random YAML --------------------------------------------------

SCHEMA_KEYS = sorted(
    {
        spec.key
        for spec in fields.DECK_FIELDS
        + fields.ATTRACT_FIELDS
        + fields.KIOSK_FIELDS
        + fields.TOUCH_FIELDS
        + fields.SCHEDULE_FIELDS
        + fields.OPENING_FIELDS
        + fields.THEME_FIELDS
        + fields.SLIDE_COMMON_FIELDS
        + fields.FIGURE_FIELDS
    }
    | {spec.key for specs in fields.SLIDE_KIND_FIELDS.values() for spec in specs}
    | {"en", "fr", "nl", "de"}
)
SCHEMA_WORDS = sorted(schema.SLIDE_CLASSES) + [
    "fa6s.flask",
    "fa6s.nope",
    "flask",
    "#f2b134",
    "#fff",
    "red",
    "en",
    "fr",
    "xx",
    "themes/a.yaml",
    "../a.yaml",
    "/etc/passwd",
    "a.png",
    "2468",
    "a\x00b.yaml",
    "a" * 300 + ".yaml",
    "a" * 300 + ".png",
]

any_short_text = st.text(max_size=60)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**308, max_value=10**400),
    st.floats(),
    any_short_text,
    st.sampled_from(SCHEMA_WORDS),
)
keys = st.one_of(st.sampled_from(SCHEMA_KEYS), any_short_text)
trees = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=6),
        st.dictionaries(keys, children, max_size=8),
    ),
    max_leaves=40,
)
theme_like = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.sampled_from(["a", "b", "Bad id"]), scalars),
        "title": trees,
        "icon": st.one_of(st.sampled_from(SCHEMA_WORDS), trees),
        "accent": st.one_of(st.sampled_from(SCHEMA_WORDS), trees),
        "background": st.one_of(st.sampled_from(SCHEMA_WORDS), trees),
        "slides": st.lists(
            st.one_of(
                st.fixed_dictionaries(
                    {"kind": st.sampled_from(sorted(schema.SLIDE_CLASSES))},
                    optional={key: trees for key in ("heading", "body", "figures", "image", "duration", "notes")},
                ),
                trees,
            ),
            max_size=4,
        ),
    },
)


def _dump(value: object) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False)


@FUZZ
@given(value=st.one_of(trees, theme_like))
def test_structurally_random_theme_files_give_problems_never_an_exception(folders: Folders, value: object) -> None:
    (folders.theme_deck / "themes" / "a.yaml").write_text(_dump(value), encoding="utf-8")
    result = check_load(folders.theme_deck, {"deck.yaml", "themes/a.yaml"})
    if result.deck is None:
        assert result.problems


hours_entry = st.fixed_dictionaries(
    {},
    optional={
        "days": st.one_of(st.sampled_from(["mon-fri", "daily", "sun", "fri-mon", "monkey", "mo"]), trees),
        "open": st.one_of(st.sampled_from(["09:00", "17:30", "24:00", "9", "00:00"]), scalars),
        "close": st.one_of(st.sampled_from(["17:00", "01:00", "09:00", "25:61"]), scalars),
    },
)
schedule_like = st.one_of(
    trees,
    st.fixed_dictionaries(
        {},
        optional={
            "hours": st.one_of(st.lists(st.one_of(hours_entry, trees), max_size=3), trees),
            "when_closed": st.one_of(st.sampled_from(["standby", "black", "off"]), trees),
        },
    ),
)
deck_like = st.fixed_dictionaries(
    {},
    optional={
        "title": trees,
        "subtitle": trees,
        "languages": st.one_of(st.lists(st.sampled_from(["en", "fr", "nl", "xx", "EN", "english"]), max_size=4), trees),
        "themes": st.one_of(st.just(["themes/a.yaml"]), st.lists(st.sampled_from(SCHEMA_WORDS), max_size=3), trees),
        "attract": st.one_of(st.dictionaries(st.sampled_from(SCHEMA_KEYS), scalars, max_size=4), trees),
        "kiosk": trees,
        "touch": trees,
        "schedule": schedule_like,
        "reduced_motion": scalars,
    },
)


@FUZZ
@given(value=st.one_of(trees, deck_like))
def test_structurally_random_deck_files_give_problems_never_an_exception(folders: Folders, value: object) -> None:
    (folders.root_deck / "deck.yaml").write_text(_dump(value), encoding="utf-8")
    (folders.root_deck / "themes" / "a.yaml").write_text(VALID_THEME, encoding="utf-8")
    result = check_load(folders.root_deck, {"deck.yaml", "themes/a.yaml"})
    if result.deck is None:
        assert result.problems
