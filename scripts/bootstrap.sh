#!/usr/bin/env bash
# One command on a fresh Debian 12 machine: install what bieu needs, build it
# (release), and export the bundled example's three annex tables as XLSX and CSV
# into out/.
#
#   ./scripts/bootstrap.sh            # as root, or with sudo available
#
# Set BIEU_SKIP_APT=1 to skip the package installation (already done).
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages: the writer (libxlsxwriter), zlib for the reader, and the
# independent programs the tests check bieu against (LibreOffice with its
# Python bridge, poppler for PDFs, fonts metric-compatible with Times New Roman).
APT_PACKAGES=(libxlsxwriter-dev pkg-config zlib1g-dev libreoffice-calc libreoffice-writer python3-uno poppler-utils
              fonts-liberation fonts-liberation2 fonts-crosextra-carlito hyperfine time
              libsqlite3-dev sqlite3)
if [[ "${BIEU_SKIP_APT:-0}" != "1" ]]; then
  missing=()
  for p in "${APT_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if ((${#missing[@]})); then
    SUDO=""
    [[ $(id -u) -ne 0 ]] && SUDO="sudo"
    echo "==> Cài gói hệ thống / installing system packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

# Python readers used by the tests and benchmarks (independent of bieu).
python3 -m pip install --quiet --disable-pip-version-check -r scripts/requirements-test.txt 2>&1 | grep -v "WARNING: Running pip as the 'root' user" || true

echo "==> Biên dịch / building (release)"
scripts/build-release.sh 2>&1 | grep -E "error|warning: unre|Compiling|Build complete" | tail -3
BIEU=.build/release/bieu

echo "==> Xuất biểu mẫu ví dụ / exporting the bundled example into out/"
mkdir -p out
DATA=Examples/tam-duong-2024.json
$BIEU export "$DATA" -o out/tam-duong-2024.xlsx 2>out/export-warnings.txt || { cat out/export-warnings.txt; exit 1; }
for t in phu-luc bieu-01 bieu-02; do
  $BIEU export "$DATA" --table "$t" -o "out/$t.xlsx" 2>/dev/null
  $BIEU export "$DATA" --table "$t" -o "out/$t.csv" 2>/dev/null
done
echo "==> Xong / done:"
ls -l out/
echo "Cảnh báo khi xuất (số in khác kết quả tính) / export warnings: $(wc -l < out/export-warnings.txt) — xem out/export-warnings.txt"
