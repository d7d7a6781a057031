#!/usr/bin/env bash
# Install the Debian 12 packages openita needs to build, test and benchmark (see README.md,
# "Dependencies"). Run as root (or with sudo available). Safe to run again.
set -euo pipefail
packages=(
  build-essential      # gcc, make: the build
  libjansson-dev       # JSON: framework files
  libcmocka-dev        # unit tests
  clang                # libFuzzer fuzz targets
  libclang-rt-14-dev   # libFuzzer and sanitizer runtimes for clang
  sqlite3              # benchmark peer
  python3-pandas       # benchmark peer
  time                 # /usr/bin/time: peak memory in the benchmark
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages are installed"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
