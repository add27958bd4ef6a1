#!/usr/bin/env bash
# Renders the README's pictures with gradscape itself (headless, no display needed) into assets/readme/.
# Usage: tools/readme_pictures.sh [BUILD_DIR]   (the build must have the gradscape target built)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
gradscape="${1:-$root/build}/gradscape"
out="$root/assets/readme"
[ -x "$gradscape" ] || { echo "readme_pictures: no $gradscape; build first (tools/setup.sh)" >&2; exit 1; }
mkdir -p "$out"
size=(--width 1280 --height 720)

# The default race: GD, momentum and Adam down the Rosenbrock valley from (-1.2, 1).
"$gradscape" render "${size[@]}" --landscape rosenbrock --steps 800 \
    --title "GD, momentum and Adam on Rosenbrock, 800 steps" --out "$out/rosenbrock-race.png"

# The 3D surface: Himmelblau's four minima, GD and Adam from the middle.
"$gradscape" render "${size[@]}" --view surface --landscape himmelblau --optimizer gd,adam \
    --start 0,0 --lr 0.01 --steps 300 --out "$out/himmelblau-surface.png"

# Both views side by side, with the loss, gradient-norm and distance plots under them.
"$gradscape" render "${size[@]}" --view both --plots --landscape rosenbrock --optimizer gd,momentum,adam,newton \
    --steps 400 --out "$out/both-views-plots.png"

# Overlays on an ill-conditioned quadratic: the gradient field and momentum's next step split into its parts.
"$gradscape" render "${size[@]}" --landscape quadratic --optimizer momentum,gd --lr 0.05 --steps 12 \
    --overlays gradient,steps --title "Momentum's step, split into its parts" --out "$out/quadratic-overlays.png"
