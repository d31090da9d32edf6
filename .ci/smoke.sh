#!/usr/bin/env bash
# Starts the real desktop app under Xvfb in smoke mode: it must show its first
# frame and exit 0. Usage: .ci/smoke.sh BINARY [extra app flags]
# With SCREENSHOT=file.png it keeps the window open for a while and takes a
# screenshot of the whole screen instead (see "make screenshots").
set -eu
bin=$1; shift
num=${XVFB_DISPLAY:-97}
while [ -e "/tmp/.X${num}-lock" ]; do num=$((num + 1)); done
Xvfb ":$num" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X$num" ] && break; sleep 0.1; done
export DISPLAY=":$num"
# Fyne cannot parse the C locale and logs an error; name a real one.
export LANG=en_US.UTF-8 LC_ALL=
db=$(mktemp -d)/smoke.db
if [ -n "${SCREENSHOT:-}" ]; then
  "$bin" --db "$db" "$@" &
  app=$!
  sleep "${SCREENSHOT_WAIT:-6}"
  import -window root "$SCREENSHOT"
  kill $app 2>/dev/null || true
  wait $app 2>/dev/null || true
  echo "smoke: screenshot written to $SCREENSHOT"
else
  timeout 120 "$bin" --smoke --db "$db" "$@"
  echo "smoke: the real window showed its first frame and quit cleanly"
fi
