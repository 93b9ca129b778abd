#!/usr/bin/env bash
# Usage: scripts/tmux-smoke.sh FILE [KEY...]   e.g. scripts/tmux-smoke.sh fixtures/sample-users.csv Enter Down q
# Runs the built wizard (npm run build first) on the sandbox in a private tmux server at 80×24 and
# prints the screen once it settles, then again after each key (tmux send-keys names: Enter, Down, C-c, y).
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:?usage: scripts/tmux-smoke.sh FILE [KEY...]}
shift
sock=${JC_SMOKE_SOCKET:-jcsmoke}
tm() { tmux -L "$sock" -f /dev/null "$@"; }
if tm has-session 2>/dev/null; then echo "tmux server '$sock' is busy (tmux -L $sock kill-server)" >&2; exit 2; fi
home=$(mktemp -d)
trap 'tm kill-server 2>/dev/null || true; rm -rf "$home"' EXIT

# CI=false: Ink draws nothing but its last frame when CI is set. The shell keeps the pane (and the exit code) visible.
tm new-session -d -s smoke -x 80 -y 24 -e CI=false -e LANG=C.UTF-8 -e TZ=UTC -e JC_IMPORT_HOME="$home" \
	"node dist/bin/jc-import.js $(printf %q "$file") --sandbox; echo EXIT=\$?; sleep 600"

# Poll rather than sleep: the screen is settled when two captures 300 ms apart agree (10 s at most).
settle() {
	local last='' now
	for _ in $(seq 1 33); do
		sleep 0.3
		now=$(tm capture-pane -p -t smoke)
		[[ "$now" == "$last" ]] && break
		last=$now
	done
	printf '%s\n' "$now"
}
show() { printf -- '--- %s ---\n' "$1"; settle; }

show 'start'
for key in "$@"; do
	tm send-keys -t smoke "$key"
	show "after $key"
done
