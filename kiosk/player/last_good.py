"""The last good deck: a copy of the last deck that validated, kept in the state folder for a broken boot.

Plain file work, no Qt. The copy holds only the deck's own files (deck.yaml, its theme files and the
pictures they name), is bounded in size, and replaces the previous copy in one atomic step.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from kiosk.deck import DECK_FILE_NAME, Deck, LoadResult, load_deck
from kiosk.deck.schema import ImageSlide, VideoSlide

log = logging.getLogger(__name__)

LAST_GOOD_NAME = "last-good-deck"
"""``<state folder>/last-good-deck/`` holds the copy (a link to the folder of the current version)."""
MAX_COPY_BYTES = 200 * 1024 * 1024
"""A deck larger than this is not copied (the previous copy stays): the state folder must stay small."""
DIGEST_CHARS = 16
"""Characters of the deck hash in a version folder's name."""
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class DeckFiles:
    """A deck's files: each one's name inside the deck (and its copy), with the file it is read from."""

    files: tuple[tuple[str, Path], ...]

    @property
    def total_bytes(self) -> int:
        """Their size together (a file that has gone counts nothing)."""
        total = 0
        for _, path in self.files:
            try:
                total += path.stat().st_size
            except OSError:
                pass
        return total

    def modified(self) -> float | None:
        """The newest modification time among the files (seconds since the epoch), None when none can be read."""
        times = []
        for _, path in self.files:
            try:
                times.append(path.stat().st_mtime)
            except OSError:
                pass
        return max(times, default=None)

    def digest(self) -> str:
        """sha256 over the names and contents, in name order: equal for a deck and its copy."""
        sha = hashlib.sha256()
        for name, path in sorted(self.files):
            sha.update(name.encode("utf-8") + b"\0")
            try:
                with path.open("rb") as stream:
                    while chunk := stream.read(_CHUNK):
                        sha.update(chunk)
            except OSError:
                sha.update(b"\0missing")
            sha.update(b"\0")
        return sha.hexdigest()


def deck_files(deck: Deck, deck_file: Path) -> DeckFiles:
    """deck.yaml (under that name), the theme files and the pictures they name, by their paths in the deck folder.

    A picture or theme reached through a link inside the deck folder is listed under the link's name
    too, as the YAML may name either.
    """
    root = deck.root
    found: dict[str, Path] = {DECK_FILE_NAME: deck_file.resolve()}
    referenced: list[Path] = []
    for theme in deck.themes:
        if theme.origin is not None:
            referenced.append(root / theme.origin.file)
        if theme.background is not None:
            referenced.append(theme.background)
        referenced += [s.image for s in theme.slides if isinstance(s, ImageSlide) and s.image is not None]
        if theme.background_video is not None:
            referenced.append(theme.background_video)
        videos = [s for s in theme.slides if isinstance(s, VideoSlide)]
        referenced += [path for s in videos for path in (s.video, s.poster) if path is not None]
    targets = set()
    for path in referenced:
        try:
            found[path.resolve().relative_to(root).as_posix()] = path.resolve()
            targets.add(path.resolve())
        except (OSError, ValueError):
            log.warning("%s is outside the deck folder; not in the last good copy", path)
    for link in _links_in(root):
        target = link.resolve()
        if target in targets:
            found[link.relative_to(root).as_posix()] = target
    return DeckFiles(tuple(sorted(found.items())))


def _links_in(root: Path) -> list[Path]:
    links = []
    for folder, names, files in os.walk(root):
        for name in (*names, *files):
            path = Path(folder) / name
            if path.is_symlink():
                links.append(path)
    return links


def last_good_folder(state: Path) -> Path:
    """Where the last good copy of the deck is kept."""
    return state / LAST_GOOD_NAME


def load_last_good(state: Path) -> LoadResult | None:
    """The last good copy, loaded and validated afresh; None when there has never been one."""
    deck_file = last_good_folder(state) / DECK_FILE_NAME
    if not deck_file.is_file():
        return None
    return load_deck(deck_file)


def save_last_good(files: DeckFiles, state: Path, digest: str | None = None) -> bool:
    """Copy ``files`` into ``<state>/last-good-deck/``, replacing the copy in one step; False when not copied.

    The files go into a new version folder beside it; once complete and valid, the link
    ``last-good-deck`` is swapped to it with a rename (atomic, unlike renaming a folder over a
    folder), and older versions are removed. A crash at any point leaves the previous copy whole.
    """
    digest = digest or files.digest()
    size = files.total_bytes
    if size > MAX_COPY_BYTES:
        log.warning(
            "the deck's files take %.0f MB, over the %d MB kept as the last good copy; the previous copy stays",
            size / 1e6,
            MAX_COPY_BYTES // 1_000_000,
        )
        return False
    link = last_good_folder(state)
    version = state / f"{LAST_GOOD_NAME}-{digest[:DIGEST_CHARS]}"
    try:
        if link.is_symlink() and link.resolve() == version.resolve() and (version / DECK_FILE_NAME).is_file():
            return True  # this very deck is the copy already
        state.mkdir(parents=True, exist_ok=True)
        temporary = state / f".{version.name}.tmp-{os.getpid()}"
        shutil.rmtree(temporary, ignore_errors=True)
        for name, source in files.files:
            target = temporary / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)  # with its time: status.json reports when the deck was last changed
        result = load_deck(temporary / DECK_FILE_NAME)
        if result.deck is None:
            log.warning("the copy of the deck does not validate on its own; the previous copy stays")
            shutil.rmtree(temporary, ignore_errors=True)
            return False
        shutil.rmtree(version, ignore_errors=True)
        temporary.rename(version)
        new_link = state / f".{LAST_GOOD_NAME}.link-{os.getpid()}"
        new_link.unlink(missing_ok=True)
        new_link.symlink_to(version.name, target_is_directory=True)
        if link.is_dir() and not link.is_symlink():
            shutil.rmtree(link)  # a folder put there by hand
        os.replace(new_link, link)
    except OSError as exc:
        log.warning("cannot keep a last good copy of the deck in %s: %s", state, exc)
        return False
    _remove_old_versions(state, keep=version)
    log.info("last good copy of the deck kept in %s (%d files)", link, len(files.files))
    return True


def _remove_old_versions(state: Path, keep: Path) -> None:
    for old in state.glob(f"{LAST_GOOD_NAME}-*"):
        if old != keep and old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
