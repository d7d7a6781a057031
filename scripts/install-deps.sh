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
  pkg-config           # finds Cairo and Pango's flags
  libmicrohttpd-dev    # the HTTP server of `openita serve`
  libsqlite3-dev       # the database (WAL, online backup)
  libsodium-dev        # argon2id passwords, random tokens, keyed hashes
  libqrencode-dev      # QR codes on survey posters
  libcairo2-dev        # posters and documents as PDF and PNG
  libpango1.0-dev      # Thai text shaping and line breaking
  libxlsxwriter-dev    # XLSX exports
  libzip-dev           # DOCX documents (a zip of WordprocessingML parts)
  libreoffice-writer-nogui  # tests check that LibreOffice converts our DOCX to PDF
  libcurl4-openssl-dev # HTTP client of evidence capture (`openita evidence capture`)
  zlib1g-dev           # gzip of the stored copies of evidence
  curl                 # shell tests, and the peer of the evidence benchmark
  fonts-tlwg-laksaman  # a TH Sarabun-style Thai font for posters and documents
  fonts-thai-tlwg      # further Thai fonts
  poppler-utils        # pdftotext/pdftoppm: tests look inside generated PDFs
  chromium             # browser end-to-end tests (driven by playwright-core from npm)
  wrk                  # load benchmark
  nginx-light          # static-page peer of the load benchmark
)
missing=()
# Node.js and npm run the browser tests; the machine's own are used when present.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages are installed"
else
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "install-deps: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# Browser end-to-end tests (tests/e2e): playwright-core as pinned in its package-lock.json. No
# browser is ever downloaded; the tests drive Debian's /usr/bin/chromium.
e2e_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/e2e"
if [ -f "$e2e_dir/package-lock.json" ] && [ ! -d "$e2e_dir/node_modules" ]; then
  echo "install-deps: npm ci in tests/e2e"
  (cd "$e2e_dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi
