#!/usr/bin/env bash
# Publishes a deck to the kiosks, with ssh and rsync (or git) only: no server of our own.
#
# Usage: publish.sh DECK HOSTS_FILE
#        publish.sh --git CLONE DECK
#   DECK        the deck folder (or its deck.yaml); it is validated first, and nothing is sent if it is invalid
#   HOSTS_FILE  one ssh destination a line (user@host, or a Host of ~/.ssh/config); # starts a comment
#   --git CLONE a local clone of the deck repository the kiosks pull: the deck replaces its content,
#               is committed and pushed
# Each kiosk's timer (kiosk-update.timer) then validates the deck again and swaps it in (kiosk-swap.sh).
# Environment: KIOSK (default "kiosk") validates; RSYNC_RSH (default "ssh") is the remote shell;
# KIOSK_REMOTE_DIR (default decks/incoming, relative to the remote home) is where the deck goes.
# Exit codes: 0 sent everywhere, 1 the deck is invalid (nothing sent), 2 usage, 3 some hosts failed.
set -euo pipefail

read -r -a KIOSK_COMMAND <<<"${KIOSK:-kiosk}"
REMOTE_DIR=${KIOSK_REMOTE_DIR:-decks/incoming}

usage() {
    printf 'usage: %s DECK HOSTS_FILE\n       %s --git CLONE DECK\n' "${0##*/}" "${0##*/}" >&2
    exit 2
}

deck_folder() {
    # The folder of a deck given as a folder or as the path of its deck.yaml.
    if [[ -d $1 ]]; then
        printf '%s\n' "$1"
    elif [[ -f $1 ]]; then
        dirname -- "$1"
    else
        printf '%s: no such deck: %s\n' "${0##*/}" "$1" >&2
        exit 2
    fi
}

validate() {
    if ! "${KIOSK_COMMAND[@]}" validate "$1"; then
        printf '%s: %s is invalid; nothing was published\n' "${0##*/}" "$1" >&2
        exit 1
    fi
}

publish_rsync() {
    local deck=$1 hosts_file=$2 host failed=()
    [[ -f $hosts_file ]] || usage
    local -a hosts=()
    while IFS= read -r host || [[ -n $host ]]; do
        host=${host%%#*}
        host=${host//[[:space:]]/}
        [[ -z $host ]] || hosts+=("$host")
    done <"$hosts_file"
    ((${#hosts[@]})) || {
        printf '%s: no hosts in %s\n' "${0##*/}" "$hosts_file" >&2
        exit 2
    }
    for host in "${hosts[@]}"; do
        # --delay-updates puts every changed file in place at the end, so a kiosk's timer rarely sees a
        # half-sent deck (and when it does, validation keeps it off the screen).
        if rsync -a --delete-after --delay-updates --exclude='.*' -e "${RSYNC_RSH:-ssh}" \
            --rsync-path="mkdir -p $REMOTE_DIR && rsync" -- "$deck/" "$host:$REMOTE_DIR/"; then
            printf '%s: sent to %s\n' "${0##*/}" "$host"
        else
            printf '%s: could not send to %s\n' "${0##*/}" "$host" >&2
            failed+=("$host")
        fi
    done
    if ((${#failed[@]})); then
        printf '%s: failed for %d of %d hosts: %s\n' "${0##*/}" "${#failed[@]}" "${#hosts[@]}" "${failed[*]}" >&2
        exit 3
    fi
}

publish_git() {
    local clone=$1 deck=$2
    [[ -d $clone/.git ]] || {
        printf '%s: %s is not a git clone\n' "${0##*/}" "$clone" >&2
        exit 2
    }
    rsync -a --delete --exclude='.*' -- "$deck/" "$clone/"
    git -C "$clone" add -A
    if git -C "$clone" diff --cached --quiet; then
        printf '%s: %s already holds this deck; nothing to commit\n' "${0##*/}" "$clone"
    else
        git -C "$clone" commit --quiet -m "Deck published $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    fi
    git -C "$clone" push --quiet
    printf '%s: pushed; the kiosks install it at their next update\n' "${0##*/}"
}

case ${1:-} in
    --git)
        (($# == 3)) || usage
        deck=$(deck_folder "$3")
        validate "$deck"
        publish_git "$2" "$deck"
        ;;
    -* | "") usage ;;
    *)
        (($# == 2)) || usage
        deck=$(deck_folder "$1")
        validate "$deck"
        publish_rsync "$deck" "$2"
        ;;
esac
