"""The YAML layer: positions, encodings, and safe, bounded handling of hostile documents."""

from __future__ import annotations

import math
import random
import signal
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from kiosk.deck import loader
from kiosk.deck.errors import DeckError, Mark, Problem
from kiosk.deck.loader import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    parse_yaml,
    read_yaml_file,
)

NAME = "themes/t.yaml"
TIME_LIMIT = 1.0
"""Seconds a hostile document may take to be rejected (the spec's bound)."""
HANG_GUARD = 2 * TIME_LIMIT
"""After this many seconds a hostile case is interrupted, so a regression fails instead of hanging."""
MEMORY_LIMIT = 50 * 1024 * 1024


# -- helpers ----------------------------------------------------------------


class _Hang(BaseException):
    """Raised by the alarm signal inside a call that takes too long (not an Exception, so nothing swallows it)."""


@contextmanager
def _hang_guard(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (POSIX main thread only; elsewhere just run it)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise _Hang()

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _outcome(call: Callable[[], object]) -> object:
    """What ``call`` returns, or the DeckError it raises (any other exception propagates)."""
    try:
        return call()
    except DeckError as exc:
        return exc


def bounded(call: Callable[[], object]) -> object:
    """Run ``call`` and check it finishes in under a second and with bounded memory.

    Time is measured in a first run without tracemalloc (which slows Python code
    down several times), memory in a second run under tracemalloc.
    """
    start = time.perf_counter()
    try:
        with _hang_guard(HANG_GUARD):
            outcome = _outcome(call)
    except _Hang:
        raise AssertionError(f"still running after {HANG_GUARD:.0f} s (limit {TIME_LIMIT} s)") from None
    elapsed = time.perf_counter() - start
    assert elapsed < TIME_LIMIT, f"took {elapsed:.2f} s (limit {TIME_LIMIT} s)"

    tracemalloc.start()
    try:
        _outcome(call)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_LIMIT, f"peak memory {peak / 1048576:.1f} MiB (limit {MEMORY_LIMIT / 1048576:.0f} MiB)"
    return outcome


def rejected(data: bytes | str) -> Problem:
    """The single problem a hostile document is rejected with, checking time and memory on the way."""
    outcome = bounded(lambda: parse_yaml(data, NAME))
    # Name the type only: the repr of a parsed hostile tree can run to millions of nodes.
    assert isinstance(outcome, DeckError), f"expected a DeckError, got a {type(outcome).__name__}"
    assert len(outcome.problems) == 1
    problem = outcome.problems[0]
    assert problem.is_error
    assert problem.mark.file == NAME
    return problem


def parsed(data: bytes | str) -> tuple[Node, list[Problem]]:
    """Parse ``data`` that must be readable."""
    return parse_yaml(data, NAME)


def where(mark: Mark) -> tuple[int, int]:
    return mark.line, mark.column


def mapping(node: Node) -> MappingNode:
    assert isinstance(node, MappingNode), node
    return node


def sequence(node: Node) -> SequenceNode:
    assert isinstance(node, SequenceNode), node
    return node


def scalar(node: Node) -> ScalarNode:
    assert isinstance(node, ScalarNode), node
    return node


def billion_laughs(levels: int = 9, width: int = 10) -> str:
    lines = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    for level in range(1, levels):
        refs = ", ".join([f"*l{level - 1}"] * width)
        lines.append(f"l{level}: &l{level} [{refs}]")
    return "\n".join(lines) + "\n"


# -- positions --------------------------------------------------------------

POSITIONS_DOC = """\
title: Hello
count: 3
themes:
  - a.yaml
  - "b.yaml"
nested:
  key: {x: 1.5, y: [true, ~]}
"""


def test_every_node_and_key_knows_its_line_and_column_counting_from_one() -> None:
    root, problems = parsed(POSITIONS_DOC)
    assert problems == []
    root = mapping(root)
    assert str(root.mark) == f"{NAME}:1:1"
    assert {key: where(mark) for key, mark in root.key_marks.items()} == {
        "title": (1, 1),
        "count": (2, 1),
        "themes": (3, 1),
        "nested": (6, 1),
    }
    assert where(root.items["title"].mark) == (1, 8)
    assert where(root.items["count"].mark) == (2, 8)
    themes = sequence(root.items["themes"])
    assert where(themes.mark) == (4, 3)
    assert [where(item.mark) for item in themes.items] == [(4, 5), (5, 5)]
    nested = mapping(root.items["nested"])
    assert where(nested.mark) == (7, 3)
    inner = mapping(nested.items["key"])
    assert where(inner.mark) == (7, 8)
    assert where(inner.key_marks["x"]) == (7, 9) and where(inner.key_marks["y"]) == (7, 17)
    assert where(inner.items["x"].mark) == (7, 12)
    flags = sequence(inner.items["y"])
    assert where(flags.mark) == (7, 20)
    assert [where(item.mark) for item in flags.items] == [(7, 21), (7, 27)]


def test_scalars_keep_their_plain_value_and_their_raw_text() -> None:
    root = mapping(parsed("a: Hello\nb: 3\nc: 1.5\nd: true\ne: ~\nf: '3'\ng: 2024-01-31\n")[0])
    values = {key: scalar(node).value for key, node in root.items.items()}
    assert values == {"a": "Hello", "b": 3, "c": 1.5, "d": True, "e": None, "f": "3", "g": "2024-01-31"}
    assert scalar(root.items["f"]).raw == "3"
    assert scalar(root.items["c"]).raw == "1.5"


def test_columns_count_characters_not_bytes() -> None:
    root = mapping(parsed("café: thé\nnext: ok\n".encode())[0])
    assert where(root.items["café"].mark) == (1, 7)
    assert where(root.key_marks["next"]) == (2, 1)


def test_windows_line_endings_keep_lines_right() -> None:
    root = mapping(parsed(b"a: 1\r\nb: 2\r\n\r\nc: 3\r\n")[0])
    assert where(root.key_marks["b"]) == (2, 1)
    assert where(root.items["c"].mark) == (4, 4)


def test_an_empty_or_comment_only_document_is_an_empty_mapping() -> None:
    for text in ("", "# nothing here\n", "\n\n"):
        root, problems = parsed(text)
        assert mapping(root).items == {} and problems == []


# -- encodings ---------------------------------------------------------------


def test_utf8_without_bom_is_accepted() -> None:
    root = mapping(parsed("title: Brüssel — €5\n".encode())[0])
    assert scalar(root.items["title"]).value == "Brüssel — €5"


def test_utf8_with_bom_is_accepted_and_the_bom_shifts_no_position() -> None:
    root = mapping(parsed(b"\xef\xbb\xbf" + "title: Brüssel\nnext: 2\n".encode())[0])
    assert scalar(root.items["title"]).value == "Brüssel"
    assert where(root.key_marks["title"]) == (1, 1)
    assert where(root.items["title"].mark) == (1, 8)
    assert where(root.key_marks["next"]) == (2, 1)


def test_a_str_starting_with_a_bom_is_accepted() -> None:
    root = mapping(parsed("\ufefftitle: x\n")[0])
    assert list(root.items) == ["title"]
    assert where(root.items["title"].mark) == (1, 8)


def test_a_bom_file_is_read_from_disk_too(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbftitle: ok\n")
    root, problems = read_yaml_file(path, "bom.yaml")
    assert scalar(mapping(root).items["title"]).value == "ok" and problems == []


def test_latin1_bytes_are_an_error_naming_the_byte_line_and_column() -> None:
    problem = rejected("title: ok\ncafé: 1\n".encode("latin-1"))
    assert where(problem.mark) == (2, 4)
    assert "not UTF-8" in problem.message and "0xe9" in problem.message
    assert "save it as UTF-8" in problem.message


def test_utf16_text_is_an_error_not_utf8() -> None:
    problem = rejected("title: ok\n".encode("utf-16"))
    assert where(problem.mark) == (1, 1)
    assert "not UTF-8" in problem.message


def test_a_bad_byte_after_a_bom_is_reported_where_it_is() -> None:
    problem = rejected(b"\xef\xbb\xbftitle: ok\ncaf\xe9: 1\n")
    assert "0xe9" in problem.message
    assert where(problem.mark) == (2, 4)


def test_the_column_of_a_bad_byte_counts_characters() -> None:
    problem = rejected("title: été ".encode() + b"\xff\n")
    assert where(problem.mark) == (1, 12)


# -- tabs ------------------------------------------------------------------

TAB_MESSAGE = "a tab character is used for indentation here; YAML allows only spaces"


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("title: x\nthemes:\n\t- a.yaml\n", 3, 1),
        ("attract:\n  idle_timeout: 5\n\twarning: 3\n", 3, 1),
        ("attract:\n  idle_timeout: 5\n \twarning: 3\n", 3, 2),
    ],
    ids=["sequence", "mapping", "space-then-tab"],
)
def test_tab_indentation_gets_the_plain_words_message_at_the_tab(text: str, line: int, column: int) -> None:
    problem = rejected(text)
    assert problem.message == TAB_MESSAGE
    assert where(problem.mark) == (line, column)


def test_tabs_inside_quoted_text_are_fine() -> None:
    root = mapping(parsed('title: "a\tb"\n')[0])
    assert scalar(root.items["title"]).value == "a\tb"


# -- duplicate keys --------------------------------------------------------


def test_every_duplicate_key_is_reported_with_both_positions_and_reading_goes_on() -> None:
    text = """\
title: First
themes: [a.yaml]
title: Second
attract:
  warning: 1
  warning: 2
themes: [b.yaml]
title: Third
after: still read
"""
    root, problems = parsed(text)
    assert [str(p) for p in problems] == [
        f"{NAME}:6:3: error: duplicate key 'warning' (first given at line 5, column 3)",
        f"{NAME}:3:1: error: duplicate key 'title' (first given at line 1, column 1)",
        f"{NAME}:7:1: error: duplicate key 'themes' (first given at line 2, column 1)",
        f"{NAME}:8:1: error: duplicate key 'title' (first given at line 1, column 1)",
    ]
    root = mapping(root)
    # The first value given wins; keys after the duplicates are still there.
    assert scalar(root.items["title"]).value == "First"
    assert scalar(root.items["after"]).value == "still read"
    assert scalar(mapping(root.items["attract"]).items["warning"]).value == 1


def test_duplicate_keys_in_a_flow_mapping_are_reported_too() -> None:
    _, problems = parsed("title: {en: a, fr: b, en: c}\n")
    assert [str(p) for p in problems] == [f"{NAME}:1:23: error: duplicate key 'en' (first given at line 1, column 9)"]


def test_keys_that_differ_only_in_quotes_are_duplicates() -> None:
    _, problems = parsed("a: 1\n'a': 2\n")
    assert len(problems) == 1 and "duplicate key 'a'" in problems[0].message


def test_a_list_or_mapping_as_a_key_is_a_problem_not_a_crash() -> None:
    _, problems = parsed("? [a, b]\n: 1\n{x: 1}: 2\nok: 3\n")
    assert [where(p.mark) for p in problems] == [(1, 3), (3, 1)]
    assert all("a key must be plain text" in p.message for p in problems)


# -- size --------------------------------------------------------------------


def test_bytes_over_2_mib_are_refused_before_parsing() -> None:
    problem = rejected(b"a: " + b"x" * (MAX_FILE_BYTES - 2))
    assert "larger than 2 MiB" in problem.message
    assert where(problem.mark) == (1, 1)


def test_a_str_over_2_mib_of_utf8_is_refused_even_with_fewer_characters() -> None:
    text = "a: " + "é" * (MAX_FILE_BYTES // 2)  # about 1 Mi characters, 2 MiB + 3 bytes
    assert len(text) < MAX_FILE_BYTES
    problem = rejected(text)
    assert "larger than 2 MiB" in problem.message


def test_a_file_over_2_mib_on_disk_is_refused_by_its_size(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (3 * 1024 * 1024))
    outcome = bounded(lambda: read_yaml_file(path, "big.yaml"))
    assert isinstance(outcome, DeckError)
    (problem,) = outcome.problems
    assert str(problem.mark) == "big.yaml:1:1"
    assert "3.0 MiB" in problem.message and "at most 2 MiB" in problem.message


def test_a_document_of_exactly_2_mib_is_still_read() -> None:
    data = b'a: "' + b"x" * (MAX_FILE_BYTES - 6) + b'"\n'
    assert len(data) == MAX_FILE_BYTES
    root, _ = parsed(data)
    assert len(scalar(mapping(root).items["a"]).value) == MAX_FILE_BYTES - 6  # type: ignore[arg-type]


def test_a_file_that_cannot_be_read_is_an_error_not_an_exception(tmp_path: Path) -> None:
    with pytest.raises(DeckError) as caught:
        read_yaml_file(tmp_path / "absent.yaml", "absent.yaml")
    (problem,) = caught.value.problems
    assert str(problem.mark) == "absent.yaml:1:1"
    assert "cannot read the file" in problem.message


# -- aliases -----------------------------------------------------------------


def test_billion_laughs_is_stopped_early_with_a_clear_message() -> None:
    problem = rejected(billion_laughs())
    assert "holds more than 50,000 values" in problem.message
    assert "aliases" in problem.message
    assert problem.mark.line <= 9


def test_billion_laughs_with_mappings_is_stopped_too() -> None:
    lines = ["m0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10}"]
    for level in range(1, 12):
        refs = ", ".join(f"k{n}: *m{level - 1}" for n in range(10))
        lines.append(f"m{level}: &m{level} {{{refs}}}")
    problem = rejected("\n".join(lines) + "\n")
    assert "holds more than 50,000 values" in problem.message


def test_a_few_aliases_are_fine() -> None:
    root = mapping(parsed("base: &b {x: 1}\ncopy: *b\nname: &n hi\nagain: *n\n")[0])
    assert root.items["copy"] is root.items["base"]
    assert scalar(root.items["again"]).value == "hi"


@pytest.mark.parametrize("text", ["a: *nowhere\n", "a: &x [1, *x]\n"], ids=["undefined", "self-reference"])
def test_an_alias_without_an_anchor_before_it_is_an_error(text: str) -> None:
    problem = rejected(text)
    assert "names no anchor defined before it" in problem.message


# -- nesting -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "[" * 10000,
        "[" * 10000 + "]" * 10000,
        "{" * 10000,
        "a: " + "[" * 100000,
        "- " * 10000 + "x\n",
        "".join("  " * level + f"k{level}:\n" for level in range(200)) + "  " * 200 + "end\n",
        "".join("  " * level + "-\n" for level in range(200)) + "  " * 200 + "end\n",
    ],
    ids=[
        "open-brackets",
        "balanced-brackets",
        "open-braces",
        "long-open-brackets",
        "dashes",
        "indented-mappings",
        "indented-sequences",
    ],
)
@pytest.mark.parametrize("parser", ["default", "pure-python"])
def test_nesting_deeper_than_50_levels_is_an_error(text: str, parser: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # libyaml (PyYAML 6.0.4 on) may stop deep nesting itself before our own check sees it;
    # the message is ours whichever parser stops it first.
    if parser == "pure-python":
        monkeypatch.setattr(loader, "_EventLoader", yaml.SafeLoader)
    problem = rejected(text)
    assert problem.message == f"values are nested more than {MAX_DEPTH} levels deep"


def test_libyamls_own_nesting_limit_gives_our_message_at_our_position() -> None:
    # Over libyaml's own limit (1000 levels from 0.2.5's bundled build), within our 2 MiB cap.
    problem = rejected("k: " + "[" * 5000 + "]" * 5000 + "\n")
    assert problem.message == f"values are nested more than {MAX_DEPTH} levels deep"
    assert where(problem.mark) == (1, 3 + MAX_DEPTH)  # the mapping is the first level


def test_the_deep_nesting_error_points_at_the_51st_level() -> None:
    assert where(rejected("[" * 60 + "]" * 60).mark) == (1, 51)
    indented = "".join("  " * level + f"k{level}:\n" for level in range(60)) + "  " * 60 + "end\n"
    assert where(rejected(indented).mark) == (51, 101)


def test_exactly_50_levels_are_allowed() -> None:
    node, problems = parsed("[" * MAX_DEPTH + "x" + "]" * MAX_DEPTH)
    depth = 0
    while isinstance(node, SequenceNode):
        depth += 1
        node = node.items[0]
    assert depth == MAX_DEPTH and problems == []


# -- binary garbage ---------------------------------------------------------

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"


@pytest.mark.parametrize(
    "data",
    [
        b"\x00" * 64,
        b"title: x\x00y\n",
        PNG_HEADER,
        b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8,
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
        b"PK\x03\x04\x14\x00\x00\x00",
        b"title: \x07bell\n",
        *(random.Random(seed).randbytes(4096) for seed in range(5)),
    ],
    ids=[
        "nul-bytes",
        "nul-in-text",
        "png",
        "elf",
        "gzip",
        "zip",
        "control-char",
        *(f"random-{seed}" for seed in range(5)),
    ],
)
def test_binary_data_is_an_error(data: bytes) -> None:
    problem = rejected(data)
    assert problem.mark.line >= 1 and problem.mark.column >= 1
    assert any(word in problem.message for word in ("not UTF-8", "binary", "control character"))


def test_a_nul_byte_is_reported_where_it_is() -> None:
    problem = rejected(b"title: ok\nname: a\x00b\n")
    assert where(problem.mark) == (2, 8)
    assert "U+0000" in problem.message and "binary data" in problem.message


def test_a_png_header_names_its_first_byte() -> None:
    problem = rejected(PNG_HEADER)
    assert str(problem) == f"{NAME}:1:1: error: the file is not UTF-8 text (byte 0x89); save it as UTF-8"


# -- tags --------------------------------------------------------------------


def _code_tags(marker: Path) -> list[str]:
    return [
        f"!!python/object/apply:os.system ['touch {marker}']\n",
        f"x: !!python/object/apply:builtins.open ['{marker}', 'w']\n",
        f"x: !!python/object/apply:subprocess.call [[touch, '{marker}']]\n",
        f"!!python/object/apply:os.system\nargs: ['touch {marker}']\n",
        f"title: x\nthemes:\n  - !!python/object/apply:os.system ['touch {marker}']\n",
        f"%TAG !p! tag:yaml.org,2002:python/\n---\nx: !p!object/apply:os.system ['touch {marker}']\n",
        f"x: !<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']\n",
        f"x: !!python/object/new:pathlib.Path ['{marker}']\n",
        "x: !!python/name:os.system\n",
        "x: !!python/module:os\n",
        "x: !!python/object:argparse.Namespace {a: 1}\n",
        "x: !!python/tuple [1, 2]\n",
    ]


@pytest.mark.parametrize("index", range(len(_code_tags(Path("m")))))
def test_python_tags_are_refused_and_run_no_code(tmp_path: Path, index: int) -> None:
    marker = tmp_path / "pwned"
    text = _code_tags(marker)[index]
    problem = rejected(text)
    assert "YAML tag" in problem.message and "is not allowed" in problem.message
    assert "python/" in problem.message
    assert not marker.exists(), "a YAML tag ran code"


def test_the_tag_error_points_at_the_tagged_value() -> None:
    problem = rejected("title: x\nthemes:\n  - !!python/object/apply:os.system ['true']\n")
    assert where(problem.mark) == (3, 5)
    assert problem.message == (
        "the YAML tag '!!python/object/apply:os.system' is not allowed; deck files hold only plain values"
    )


@pytest.mark.parametrize(
    "text",
    [
        "x: !!binary aGVsbG8=\n",  # decided: bytes are not a plain deck value
        "x: !!set {a, b}\n",
        "x: !!omap [a: 1]\n",
        "x: !!pairs [a: 1]\n",
        "x: !!timestamp 2024-01-31\n",
        "x: !custom value\n",
        "x: !custom {a: 1}\n",
    ],
    ids=["binary", "set", "omap", "pairs", "timestamp", "local-scalar", "local-mapping"],
)
def test_other_object_building_tags_are_refused(text: str) -> None:
    problem = rejected(text)
    assert "is not allowed" in problem.message
    assert where(problem.mark) == (1, 4)


def test_plain_core_tags_are_allowed() -> None:
    root = mapping(parsed("a: !!str 12\nb: !!int '7'\nc: !!float '1.5'\nd: !!bool 'true'\ne: !!null ''\n")[0])
    assert {key: scalar(node).value for key, node in root.items.items()} == {
        "a": "12",
        "b": 7,
        "c": 1.5,
        "d": True,
        "e": None,
    }


@pytest.mark.parametrize(
    "text", ["a: !!bool maybe\n", "a: !!bool\n", "a: !!int ''\n", "a: !!int '-'\n", "a: !!float ''\n", "!!int\n"]
)
def test_an_explicit_tag_on_a_wrong_value_is_a_deck_error(text: str) -> None:
    problem = rejected(text)
    assert "is not a valid" in problem.message


def test_an_explicit_int_tag_on_a_wrong_value_is_a_deck_error() -> None:
    problem = rejected("a: !!int abc\n")
    assert str(problem) == f"{NAME}:1:4: error: 'abc' is not a valid !!int"


# -- documents and merge keys ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "line"),
    [("a: 1\n---\nb: 2\n", 2), ("---\na: 1\n...\n---\nb: 2\n", 4), ("a: 1\n--- x\n--- y\n", 2)],
)
def test_a_second_document_is_an_error(text: str, line: int) -> None:
    problem = rejected(text)
    assert problem.message == "only one YAML document is allowed per file"
    assert where(problem.mark) == (line, 1)


def test_one_document_with_its_markers_is_fine() -> None:
    root, problems = parsed("%YAML 1.1\n---\na: 1\n...\n")
    assert scalar(mapping(root).items["a"]).value == 1 and problems == []


def test_merge_keys_are_an_error_with_their_position() -> None:
    text = "base: &base {accent: '#fff'}\ntheme:\n  <<: *base\n  id: x\nother: {<<: {a: 1}, b: 2}\n"
    outcome = bounded(lambda: parse_yaml(text, NAME))
    assert isinstance(outcome, tuple)
    root, problems = outcome
    assert [str(p) for p in problems] == [
        f"{NAME}:3:3: error: merge keys ('<<') are not supported; write the keys out",
        f"{NAME}:5:9: error: merge keys ('<<') are not supported; write the keys out",
    ]
    theme = mapping(mapping(root).items["theme"])
    assert list(theme.items) == ["id"], "merged keys must not appear"


# -- other malformed YAML ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "position", "words"),
    [
        ("title: Belgium: a centre\n", (1, 15), "put text containing ': ' in quotes"),
        ("a:\n  b: 1\n c: 2\n", (3, 2), "not valid YAML"),
        ("title: [a, b\n", (2, 1), "not valid YAML"),
        ('title: "open\n', (2, 1), "not valid YAML"),
    ],
)
def test_malformed_yaml_is_one_positioned_error(text: str, position: tuple[int, int], words: str) -> None:
    problem = rejected(text)
    assert where(problem.mark) == position
    assert words in problem.message
    assert "\n" not in problem.message


def test_a_line_without_a_colon_is_reported_on_that_line() -> None:
    problem = rejected("a: 1\nb c d\n\n\nz: 1\n")
    assert "expected 'key: value' here" in problem.message
    assert where(problem.mark) == (2, 1)


# -- denial of service beyond the listed cases -----------------------------


def test_a_huge_sexagesimal_number_is_handled_in_bounded_time() -> None:
    outcome = bounded(lambda: parse_yaml("a: 1" + ":59" * 100_000 + "\n", NAME))
    assert isinstance(outcome, (DeckError, tuple))


def test_a_flat_document_over_the_value_limit_is_rejected_in_under_a_second() -> None:
    problem = rejected("- x\n" * 100_001)
    assert "holds more than 50,000 values" in problem.message


def test_a_number_too_large_for_a_float_stays_a_value() -> None:
    root = mapping(parsed("a: 1.0e+999\nb: .inf\nc: -.Inf\nd: .NaN\n")[0])
    a, b, c, d = (scalar(root.items[key]).value for key in "abcd")
    assert a == math.inf and b == math.inf and c == -math.inf
    assert isinstance(d, float) and math.isnan(d)
