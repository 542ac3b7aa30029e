#!/usr/bin/env bash
# Installs a published deck on this kiosk: copy it to its own version folder, validate it, and only
# then point the `current` link at it, in one rename. The player (`kiosk run ~/decks/current`)
# follows the link and reloads; a deck that does not validate never reaches the screen.
#
# Usage: kiosk-swap.sh [--git] [DECKS]
#   DECKS      the decks folder (default ~/decks) holding:
#                incoming/   where publish.sh (rsync) or Syncthing delivers the deck
#                repo/       with --git: a clone of the deck repository, updated with `git pull --ff-only`
#                <version>/  one folder per installed version (UTC time and content hash)
#                current     a symlink to the version on screen
#   --git      take the deck from DECKS/repo instead of DECKS/incoming
# Environment: KIOSK (default "kiosk") is the command that validates; KIOSK_KEEP (default 3) is how
# many versions are kept, the one on screen always among them.
# Exit codes: 0 installed, nothing new, or another swap already running; 1 the new deck is invalid
# (current is left alone); 2 usage; 3 other failures (git, a copy that cannot be made).
set -euo pipefail

KEEP=${KIOSK_KEEP:-3}
read -r -a KIOSK_COMMAND <<<"${KIOSK:-kiosk}"
TAG=kiosk-swap

log() {
    # log PRIORITY MESSAGE: to stderr (the journal, under systemd), and to syslog when run by hand.
    local priority=$1
    shift
    printf '%s: %s\n' "$TAG" "$*" >&2
    if [[ -z ${JOURNAL_STREAM:-} ]] && command -v logger >/dev/null; then
        logger -t "$TAG" -p "user.$priority" -- "$*" 2>/dev/null || true
    fi
}

usage() {
    printf 'usage: %s [--git] [DECKS]\n' "${0##*/}" >&2
    exit 2
}

deck_files() {
    # The deck's files under $1, relative and NUL-separated, in a fixed order; hidden files and folders
    # (.git, Syncthing's .stfolder and temporary files) are not part of a deck.
    (cd "$1" && find . -name '.*' ! -name . -prune -o -type f -print0 | LC_ALL=C sort -z)
}

content_hash() {
    # A short hash of the names and contents of the deck's files under $1.
    (cd "$1" && deck_files . | xargs -0 -r sha256sum | sha256sum | cut -c1-12)
}

use_git=false
decks=""
while (($#)); do
    case $1 in
        --git) use_git=true ;;
        -h | --help) usage ;;
        -*) usage ;;
        *)
            [[ -z $decks ]] || usage
            decks=$1
            ;;
    esac
    shift
done
decks=${decks:-$HOME/decks}
[[ -d $decks ]] || {
    log err "$decks is not a folder"
    exit 2
}
[[ $KEEP =~ ^[1-9][0-9]*$ ]] || {
    log err "KIOSK_KEEP=$KEEP is not a positive number"
    exit 2
}
cd "$decks"

# One swap at a time: the timer and an operator may start one together.
exec 9>.swap.lock
if ! flock -n 9; then
    log warning "another swap is running in $decks; not starting a second one"
    exit 0
fi

if $use_git; then
    source_dir=repo
    [[ -d repo/.git ]] || {
        log err "$decks/repo is not a git clone"
        exit 2
    }
    if ! git -C repo pull --ff-only --quiet; then
        log err "git pull --ff-only failed in $decks/repo; the deck on screen stays"
        exit 3
    fi
else
    source_dir=incoming
fi
if [[ ! -f $source_dir/deck.yaml ]]; then
    log info "no deck in $decks/$source_dir yet; nothing to install"
    exit 0
fi

if [[ -e current && ! -L current ]]; then
    log err "$decks/current is not a symlink; move it aside, then run this again"
    exit 3
fi

hash=$(content_hash "$source_dir")
on_screen=$(readlink current 2>/dev/null || true)
if [[ $on_screen == *-"$hash" && -d $on_screen ]]; then
    log info "$on_screen is already on screen"
    exit 0
fi

version="$(date -u +%Y%m%dT%H%M%S.%NZ)-$hash"
staging=".$version.partial"
rm -rf -- "$staging"
mkdir -- "$staging"
trap 'rm -rf -- "$staging"' EXIT
if ! (cd "$source_dir" && deck_files . | xargs -0 -r cp -p --parents -t "../$staging"); then
    log err "cannot copy $decks/$source_dir to $decks/$version"
    exit 3
fi
mv -T -- "$staging" "$version"
trap - EXIT

if ! report=$("${KIOSK_COMMAND[@]}" validate "$version" 2>&1); then
    log err "the new deck in $decks/$source_dir is invalid; $on_screen stays on screen:"
    while IFS= read -r line; do
        log err "$line"
    done <<<"$report"
    rm -rf -- "$version"
    exit 1
fi
while IFS= read -r line; do
    [[ -z $line ]] || log info "$line" # warnings and the summary
done <<<"$report"

# The atomic swap: a new link beside the old one, renamed over it.
ln -sfn -- "$version" current.new
mv -T -- current.new current
log info "now showing $version (was ${on_screen:-nothing})"

# Keep the newest versions (by name: UTC time first), and always the one on screen.
mapfile -t versions < <(find . -mindepth 1 -maxdepth 1 -type d -name '[0-9]*T*Z-*' -printf '%f\n' | LC_ALL=C sort -r)
for old in "${versions[@]:KEEP}"; do
    if [[ $old != "$version" ]]; then
        rm -rf -- "$old"
        log info "removed the old version $old"
    fi
done
