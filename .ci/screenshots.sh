#!/usr/bin/env bash
# Real-window screenshots of every view at three screen sizes in both themes,
# under Xvfb (no window manager: the window opens at the size it chooses for
# the screen). Usage: .ci/screenshots.sh BINARY [OUTDIR]
# Writes OUTDIR/app-VIEW-WIDTH-THEME.png (256 colours) for
# VIEW in space invest links drivers simulation decisions history funding,
# WIDTH in 1024 1440 1920 and THEME in light dark.
# VIEWS, SIZES and THEMES narrow the set; DB=file takes a copy of that
# database for each shot instead of a new one holding the sample, and
# SELECT names the initiative selected at start ("" for none).
set -eu
bin=$1
out=${2:-assets/screenshots}
mkdir -p "$out"
views=${VIEWS:-"space invest links drivers simulation decisions history funding"}
sizes=${SIZES:-"1024x700 1440x900 1920x1080"}
themes=${THEMES:-"light dark"}
wait=${SCREENSHOT_WAIT:-5}
src=${DB:-}
sel=${SELECT-"Customer community pilot"}
export LANG=en_US.UTF-8 LC_ALL=
work=$(mktemp -d)
num=${XVFB_DISPLAY:-120}
for size in $sizes; do
  while [ -e "/tmp/.X${num}-lock" ]; do num=$((num + 1)); done
  Xvfb ":$num" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X$num" ] && break; sleep 0.1; done
  export DISPLAY=":$num"
  for theme in $themes; do
    for view in $views; do
      db="$work/shots.db"
      # A fresh database each time: the same sample (or a copy of DB), no
      # restored state.
      rm -f "$db" "$db".backup-*
      [ -z "$src" ] || cp "$src" "$db"
      XDG_CONFIG_HOME="$work/config-$size-$theme-$view" "$bin" --db "$db" --view "$view" --theme "$theme" --no-tour ${sel:+--select "$sel"} &
      app=$!
      sleep "$wait"
      file="$out/app-$view-${size%x*}-$theme.png"
      import -window root "$work/shot.png"
      convert "$work/shot.png" -colors 256 "PNG8:$file"
      kill $app 2>/dev/null || true
      wait $app 2>/dev/null || true
      echo "screenshots: $file"
    done
  done
  kill $xvfb 2>/dev/null || true
  wait $xvfb 2>/dev/null || true
done
rm -rf "$work"
