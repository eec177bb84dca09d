#!/usr/bin/env bash
# Samples a RealCode run (a new csc process per build) with perf, then splits our analyzer's CPU time in the compiler
# processes into JIT, runtime and analysis (csc_profile.py). Linux with perf only; run by hand, not in CI.
# usage: csc-profile.sh <results folder> <RealCode options...>   (e.g. --analyzer A.dll --checkouts C --list L)
# The sampling itself slows the builds: read the split, not the run's times.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 <results folder> <RealCode options...>" >&2
  exit 2
fi
out=$1; shift
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"; out=$(cd "$out" && pwd)

# Perf maps (/tmp/perf-<pid>.map) name the JIT-compiled methods; without W^X the code is not double-mapped, so the
# maps' addresses hold.
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
perf record -F 499 -a -g -o "$out/perf.data" > "$out/perf-record.log" 2>&1 &
recorder=$!
sleep 1
set +e
dotnet run -c Release --project "$here" -- --out "$out" "$@" > "$out/run.log" 2>&1
status=$?
set -e
kill -INT "$recorder"
wait "$recorder" || true
perf script -i "$out/perf.data" -F comm,pid,tid,ip,sym,dso > "$out/perf-script.txt" 2>/dev/null
python3 "$here/csc_profile.py" "$out/perf-script.txt" 40 | tee "$out/csc-profile.txt"
exit "$status"
