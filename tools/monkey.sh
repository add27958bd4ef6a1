#!/usr/bin/env bash
# The monkey test of the window: builds gradscape under AddressSanitizer, starts the window under Xvfb
# with a state folder of its own, and sends it random input for SECONDS (default 60): the window's keys,
# random letters, digits, Tab, Escape, Enter, typed text, clicks, drags, scrolls and window resizes.
# Then it checks that the window is still alive, closes it the normal way, and that ASan printed nothing
# and the autosave reads as a scene. Exit 0 when all held, 1 otherwise (the log's tail is printed).
#
# Usage: tools/monkey.sh [SECONDS]
#   MONKEY_SEED=N       the seed of the random input (printed at start; pass it again to replay)
#   MONKEY_BUILD=DIR    the ASan build folder (default build-asan); MONKEY_NO_BUILD=1 skips building
#   MONKEY_LOG=DIR      where the window's log, state and screenshots go (default: a fresh temp folder)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"
build="$(realpath -m "${MONKEY_BUILD:-$root/build-asan}")"
seed="${MONKEY_SEED:-$(( $(date +%s) % 1000000 ))}"

if [ -z "${MONKEY_INNER:-}" ]; then
    if [ -z "${MONKEY_NO_BUILD:-}" ]; then
        launcher=()
        command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
        GRADSCAPE_CONFIGURE_ONLY=1 "$root/tools/setup.sh" "$build" -DGRADSCAPE_SANITIZER=address "${launcher[@]}"
        cmake --build "$build" --target gradscape -j"$(nproc)"
    fi
    echo "monkey: seed $seed, $seconds s (replay with MONKEY_SEED=$seed)"
    # A fresh X server of its own; the rest of this script runs inside it.
    exec env MONKEY_INNER=1 MONKEY_SEED="$seed" xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi

RANDOM=$seed
logs="${MONKEY_LOG:-$(mktemp -d /tmp/gradscape-monkey.XXXXXX)}"
mkdir -p "$logs/state-home" "$logs/work"
log="$logs/window.log" state="$logs/state.json"
cd "$logs/work"  # Ctrl+S saves and Ctrl+O opens "scene.json" here
XDG_STATE_HOME="$logs/state-home" ASAN_OPTIONS=detect_leaks=0 GRADSCAPE_AUTOSAVE_MS=500 \
    "$build/gradscape" --width 1280 --height 800 --state-file "$state" --screenshot-dir "$logs/work" \
    --landscape rosenbrock --optimizer gd --optimizer momentum --optimizer adam >"$log" 2>&1 &
app=$!
for _ in $(seq 1 600); do [ -f "$state" ] || ! kill -0 "$app" 2>/dev/null && break; sleep 0.2; done
if [ ! -f "$state" ]; then
    echo "monkey: the window never drew its first frames"; tail -20 "$log"; exit 1
fi
window=$(xdotool search --sync --limit 1 --name '^gradscape$')

keys=(space Right r s v f p g d h t c F1 question F11 Tab Escape Return BackSpace Delete Left Up Down
      ctrl+equal ctrl+minus ctrl+0 ctrl+o ctrl+s ctrl+a l 1 2 3 4 5 6 7 8 9 0 x y period minus plus
      asciicircum parenleft parenright e q w z ctrl+Tab shift+Tab)
texts=("x^2 + y^2" "(1 - x)^2 + 100*(y - x^2)^2" "sin(x)*cos(y)" "exp(exp(exp(x)))" "1e400" "9^99999"
       "x^x^x" "(((((" "0.5" "-3" "1e-300" "nan" "/tmp/none.json" "scene.json" " " "abc")
pick() { local -n list=$1; echo "${list[RANDOM % ${#list[@]}]}"; }
coordinate() { echo $((RANDOM % $1)); }

actions=0
end=$((SECONDS + seconds))
exec 3>&2 2>>"$logs/input.log"  # xdotool's complaints (a window resized away under the pointer) go here
while ((SECONDS < end)); do
    kind=$((RANDOM % 100))
    width=$(xdotool getwindowgeometry "$window" 2>/dev/null | sed -n 's/.*Geometry: \([0-9]*\)x.*/\1/p')
    height=$(xdotool getwindowgeometry "$window" 2>/dev/null | sed -n 's/.*Geometry: [0-9]*x\([0-9]*\).*/\1/p')
    width=${width:-1280} height=${height:-800}
    if ((kind < 45)); then
        xdotool key --clearmodifiers "$(pick keys)" || true
    elif ((kind < 52)); then
        xdotool type --delay 15 -- "$(pick texts)" || true
    elif ((kind < 70)); then
        xdotool mousemove "$(coordinate "$width")" "$(coordinate "$height")" click $((RANDOM % 3 == 0 ? 3 : 1)) || true
    elif ((kind < 82)); then
        xdotool mousemove "$(coordinate "$width")" "$(coordinate "$height")" mousedown 1 || true
        for _ in 1 2 3; do xdotool mousemove "$(coordinate "$width")" "$(coordinate "$height")" || true; sleep 0.03; done
        xdotool mouseup 1 || true
    elif ((kind < 92)); then
        xdotool mousemove "$(coordinate "$width")" "$(coordinate "$height")" click --repeat $((1 + RANDOM % 5)) $((4 + RANDOM % 2)) || true
    else
        xdotool windowsize "$window" $((200 + RANDOM % 1081)) $((150 + RANDOM % 651)) || true
    fi
    actions=$((actions + 1))
    sleep 0.0$((RANDOM % 9 + 1))
    if ((actions % 20 == 0)); then
        if ! kill -0 "$app" 2>/dev/null; then
            echo "monkey: the window ended after $actions actions (seed $seed)"; tail -40 "$log"; exit 1
        fi
        rm -f "$logs/work"/*.png  # screenshots: keep the disk from filling
    fi
done
exec 2>&3

status=0
if ! kill -0 "$app" 2>/dev/null; then
    echo "monkey: the window ended (seed $seed)"; status=1
else
    kill -TERM "$app"  # closes the window the normal way: the state and the autosave are written
    for _ in $(seq 1 300); do kill -0 "$app" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$app" 2>/dev/null; then
        echo "monkey: the window did not close within 60 s of SIGTERM"; kill -9 "$app"; status=1
    fi
fi
wait "$app" || { echo "monkey: the window exited with status $?"; status=1; }
if grep -qE "AddressSanitizer|runtime error|Assertion|terminate called|LeakSanitizer" "$log"; then
    echo "monkey: sanitizer or assertion report in $log"; status=1
fi
autosave="$logs/state-home/gradscape/autosave.json"
if [ -f "$autosave" ]; then
    if ! ASAN_OPTIONS=detect_leaks=0 "$build/gradscape" run --scene "$autosave" --steps 1 >/dev/null 2>"$logs/autosave-check.log"; then
        echo "monkey: the autosave does not read as a scene"; cat "$logs/autosave-check.log"; status=1
    fi
else
    echo "monkey: no autosave was written"; status=1
fi
echo "monkey: $actions actions in $seconds s, seed $seed, log $log"
((status == 0)) && echo "monkey: the window stayed alive, ASan reported nothing, the autosave reads as a scene"
((status == 0)) || tail -40 "$log"
exit $status
