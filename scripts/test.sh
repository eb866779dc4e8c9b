#!/usr/bin/env bash
# The whole test suite: unit tests and the interop tests that check bieu's
# files with independent programs (openpyxl, python-calamine, LibreOffice,
# poppler). Run ./scripts/bootstrap.sh once first on a fresh machine.
#
#   ./scripts/test.sh
set -uo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -r scripts/requirements-test.txt 2>&1 | grep -v "WARNING: Running pip as the 'root' user" || true
mkdir -p .build
swift build --build-tests > .build/test-build.txt 2>&1
status=$?
if [[ $status -ne 0 ]]; then
  grep -E "error" .build/test-build.txt | head -40
  echo "Biên dịch thất bại / build failed"
  exit $status
fi
swift test --skip-build --verbose > .build/test-output.txt 2>&1
status=$?
# Each recorded issue (first 600 characters: expectations can quote long
# texts), failed tests, then the summary lines.
grep -E "recorded an issue|error:|✘ Test .* failed" .build/test-output.txt | cut -c1-600 | head -100
grep -E "^(✔|✘) Test run|Executed .* tests" .build/test-output.txt | tail -5
if [[ $status -ne 0 ]]; then
  echo "Có test thất bại / some tests failed (exit $status) — full log: .build/test-output.txt"
  exit $status
fi
# The runner's closing line must be there: a run whose output stops early (something
# silenced the runner's standard error) has not shown that every test ran.
if ! grep -qE "^✔ Test run with [0-9]+ tests" .build/test-output.txt; then
  echo "Không thấy dòng tổng kết của bộ chạy test / the test runner's closing line is missing — full log: .build/test-output.txt"
  exit 1
fi
echo "Tất cả test đều đạt / all tests passed"
