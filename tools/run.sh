#!/usr/bin/env bash
# Installs what is missing, builds, and opens gradscape on its default scene. Extra arguments go to gradscape.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/tools/setup.sh" "$root/build"
exec "$root/build/gradscape" "$@"
