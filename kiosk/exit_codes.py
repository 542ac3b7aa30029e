"""The process's exit codes: one home for the command line, the player, render and the self-watch."""

from __future__ import annotations

EXIT_OK = 0
"""A clean exit."""
EXIT_INVALID = 1
"""The deck (or a file it names, or the output folder) is invalid, or a system library is missing."""
EXIT_USAGE = 2
"""The command line cannot be carried out as given."""
EXIT_RESTART = 75
"""The self-watch asks the service manager for a clean restart (EX_TEMPFAIL)."""
