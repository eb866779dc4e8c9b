#!/usr/bin/env bash
# The benchmark suite: bieu against its peers, whole processes, release build.
#
#   Benchmarks/run.sh            # 100, 10,000 and 200,000 rows + the typical annex (about 20 min on 2 cores)
#   Benchmarks/run.sh --quick    # 100 and 10,000 rows, fewer runs (a few minutes)
#   Benchmarks/run.sh --help     # every option (sizes, sections, runs, ...)
#
# Needs what scripts/bootstrap.sh installs (libxlsxwriter-dev, pkg-config, a C
# compiler, python3 with xlsxwriter, openpyxl, python-calamine, pandas) and
# the peers of Benchmarks/requirements.txt (fastexcel, polars, rustpy-xlsxwriter, pyexcelerate).
# Writes Benchmarks/RESULTS.md (the measured part between its markers);
# generated data, outputs and logs go to Benchmarks/work/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."

for arg in "$@"; do
  if [[ "$arg" == "-h" || "$arg" == "--help" ]]; then exec python3 Benchmarks/harness.py --help; fi
done

echo "==> installing the Python peers (Benchmarks/requirements.txt; a peer that fails is skipped)"
python3 -m pip install --quiet --disable-pip-version-check -r scripts/requirements-test.txt 2>&1 | grep -v "Running pip as the 'root'" || true
while read -r req; do
  [[ -z "$req" || "$req" == \#* ]] && continue
  # pip's own status decides (grep -v fails when a quiet install prints nothing).
  if ! out=$(python3 -m pip install --quiet --disable-pip-version-check "$req" 2>&1); then
    echo "   (could not install $req: its benchmark cases will be skipped)"
  fi
  grep -v "Running pip as the 'root'" <<<"$out" | grep . || true
done < Benchmarks/requirements.txt

echo "==> building bieu (release)"
scripts/build-release.sh 2>&1 | grep -E "error|Compiling bieu|Build complete|Linking" | tail -3 || true

echo "==> building the C peer and the measuring launcher"
mkdir -p Benchmarks/work/bin
cc -O2 -Wall -o Benchmarks/work/bin/measure Benchmarks/tools/measure.c
# shellcheck disable=SC2046
cc -O2 -Wall -o Benchmarks/work/bin/cells2xlsx Benchmarks/peers/cells2xlsx.c $(pkg-config --cflags --libs xlsxwriter)

exec python3 Benchmarks/harness.py --command "Benchmarks/run.sh $*" "$@"
