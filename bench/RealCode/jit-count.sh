#!/usr/bin/env bash
# How much of our code one new csc process JIT-compiles: a RealCode run of one project with the runtime's JIT summary,
# then the count and IL size of our methods and of the generic methods instantiated over our types. Unlike times,
# these do not depend on the machine's load. Run by hand, not in CI.
# usage: jit-count.sh <results folder> --only <one project> <other RealCode options...>
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: $0 <results folder> --only <one project> <other RealCode options...>" >&2
  exit 2
fi
out=$1; shift
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"; out=$(cd "$out" && pwd)
summary="$out/jit-summary.txt"
rm -f "$summary"

# Every .NET process of the run appends to the one file; only our analyzer's code is counted.
DOTNET_JitDisasmSummary=1 DOTNET_JitStdOutFile="$summary" \
  dotnet run -c Release --project "$here" -- --out "$out" "$@" > "$out/run.log" 2>&1

ours=$(grep -E "JIT compiled AwaitRaceAnalyzer\.[A-Z]" "$summary" | grep -v "AwaitRaceAnalyzer\.RealCode" || true)
generic=$(grep -v "JIT compiled AwaitRaceAnalyzer" "$summary" | grep -E "\[AwaitRaceAnalyzer\.[A-Z]|,AwaitRaceAnalyzer\.[A-Z]" | grep -v "AwaitRaceAnalyzer\.RealCode" || true)
count() { if [ -z "$1" ]; then echo 0; else printf '%s\n' "$1" | wc -l; fi; }
il() { printf '%s\n' "$1" | grep -o "IL size=[0-9]*" | awk -F= '{ s += $2 } END { print s + 0 }'; }
echo "our methods JIT-compiled: $(count "$ours") ($(il "$ours") bytes of IL)"
echo "generic methods over our types: $(count "$generic") ($(il "$generic") bytes of IL)"
