#!/usr/bin/env bash
# kill -9 at random moments while the window autosaves, KILLS times (default 100): each window restores
# the race the previous one left (Enter on the offer), plays on with an autosave at every frame
# (GRADSCAPE_AUTOSAVE_MS=0, so a kill often lands inside a save) and is killed 0.2 to 2 s later. After each
# kill the autosave must read as a scene (the app's own checking reader: `gradscape run --scene`), and
# no more than one temporary may be left beside it. Exit 0 when every check held.
#
# Usage: tools/autosave_kill_loop.sh [KILLS]     (KILL_LOOP_BUILD=DIR: the build folder, default build)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kills="${1:-100}"
build="$(realpath -m "${KILL_LOOP_BUILD:-$root/build}")"
if [ -z "${KILL_LOOP_INNER:-}" ]; then
    exec env KILL_LOOP_INNER=1 xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi

dir="$(mktemp -d /tmp/gradscape-kill-loop.XXXXXX)"
autosave="$dir/state-home/gradscape/autosave.json"
racers=()
for kind in gd momentum nesterov adam rmsprop adagrad; do racers+=(--optimizer "$kind"); done
bad=0 checked=0 restored=0 insideSave=0
for ((i = 1; i <= kills; i++)); do
    rm -f "$dir/state.json"
    XDG_STATE_HOME="$dir/state-home" GRADSCAPE_AUTOSAVE_MS=0 ASAN_OPTIONS=detect_leaks=0 \
        "$build/gradscape" --width 800 --height 600 --state-file "$dir/state.json" --landscape rosenbrock \
        "${racers[@]}" >>"$dir/window.log" 2>&1 &
    app=$!
    for _ in $(seq 1 600); do [ -f "$dir/state.json" ] || ! kill -0 "$app" 2>/dev/null && break; sleep 0.1; done
    if grep -q '"offer": "gradscape ended' "$dir/state.json" 2>/dev/null; then
        xdotool mousemove 400 300 key Return
        restored=$((restored + 1))
    fi
    sleep "0.$((2 + RANDOM % 8))$((RANDOM % 10))"
    ((RANDOM % 2)) && sleep 1
    kill -9 "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
    if [ ! -f "$autosave" ]; then
        echo "kill $i: no autosave yet"
        continue
    fi
    checked=$((checked + 1))
    if ! "$build/gradscape" run --scene "$autosave" --steps 1 >/dev/null 2>"$dir/check.log"; then
        echo "kill $i: the autosave does not read as a scene: $(head -c 300 "$dir/check.log")"
        cp "$autosave" "$dir/bad-autosave-$i.json"
        bad=$((bad + 1))
    fi
    temporaries=$(find "$dir/state-home/gradscape" -name '.autosave*.gradscape-*' | wc -l)
    ((temporaries > 0)) && insideSave=$((insideSave + 1))  # the kill landed inside a save
    if ((temporaries > 1)); then
        echo "kill $i: $temporaries temporaries left beside the autosave"
        bad=$((bad + 1))
    fi
done
steps=$(grep -o '"steps": [0-9]*' "$autosave" | head -1 | cut -d' ' -f2)
echo "kill loop: $kills kills ($insideSave inside a save), $restored restores accepted, $checked autosaves" \
     "checked, $bad bad; the restored race reached step ${steps:-?}; folder $dir"
((bad == 0))
