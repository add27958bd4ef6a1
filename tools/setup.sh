#!/usr/bin/env bash
# Installs the Debian packages gradscape needs (only those missing), then configures and builds.
# Usage: tools/setup.sh [BUILD_DIR] [extra cmake args...]   (GRADSCAPE_CONFIGURE_ONLY=1: configure, no build;
#        GRADSCAPE_EXTRA_PACKAGES: more Debian packages to install when missing)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
shift || true

packages=(cmake ninja-build g++ pkg-config libimgui-dev libglfw3-dev libeigen3-dev doctest-dev libstb-dev zlib1g-dev
          libegl-dev libgl-dev libegl1-mesa libgl1-mesa-dri libcli11-dev nlohmann-json3-dev libginac-dev libmuparser-dev
          xvfb xauth xdotool fonts-dejavu-core ffmpeg ${GRADSCAPE_EXTRA_PACKAGES:-})
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-RelWithDebInfo}" "$@" >/dev/null
[ -n "${GRADSCAPE_CONFIGURE_ONLY:-}" ] || cmake --build "$build" -j"$(nproc)"
