#!/usr/bin/env python3
"""Where our analyzer's CPU time goes inside the compiler processes of a RealCode run.

Reads the text of `perf script -F comm,pid,tid,ip,sym,dso` over a run recorded with `perf record -g` while the
runtime wrote perf maps (see csc-profile.sh). Keeps the samples of csc processes whose call chain holds a frame of
our analyzer, and splits them by what runs below our innermost frame:
  jit      the JIT compiler (libclrjit): compiling our code, or generic code instantiated over our types;
  runtime  the runtime itself (libcoreclr, not symbolised: garbage collections, type loads, stubs, tiering);
  analysis managed code: our own, and the compiler's binding, syntax and flow-graph work we ask for.
Then lists, for the analysis samples, the methods of ours that hold the most samples (inclusive).

usage: csc_profile.py <perf script output> [top N]
"""
import collections
import re
import sys

OURS = re.compile(r"AwaitRaceAnalyzer\.([\w.`+<>]+)::([\w<>`|$]+)")
HEADER = re.compile(r"\s*(.*?)\s+(\d+)/(\d+)\s*$")


def samples(path):
    """Yields (command, pid, frames from leaf to root) for each sample."""
    command, pid, frames = None, None, []
    with open(path, errors="replace") as lines:
        for line in lines:
            if not line.strip():
                if pid is not None:
                    yield command, pid, frames
                command, pid, frames = None, None, []
            elif not line.startswith("\t") and (match := HEADER.match(line)):
                command, pid, frames = match.group(1), match.group(2), []
            else:
                frames.append(line.strip())
    if pid is not None:
        yield command, pid, frames


def our_method(frame):
    """Type.Method for a frame of our analyzer (the benchmark's own code left out), else None."""
    if "RealCode" in frame:
        return None
    match = OURS.search(frame)
    return match and match.group(1).split(".")[-1] + "." + match.group(2)


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    all_samples = list(samples(path))
    compilers = {pid for command, pid, _ in all_samples if command == "csc"}
    kinds = collections.Counter()
    inclusive = collections.Counter()
    in_compilers = 0
    for _, pid, frames in all_samples:
        if pid not in compilers:
            continue
        in_compilers += 1
        ours = [(index, name) for index, frame in enumerate(frames) if (name := our_method(frame))]
        if not ours:
            continue
        below = frames[: ours[0][0]]
        if any("libclrjit" in frame for frame in below):
            kinds["jit"] += 1
        elif any("libcoreclr" in frame for frame in below):
            kinds["runtime"] += 1
        else:
            kinds["analysis"] += 1
            for name in {name for _, name in ours}:
                inclusive[name] += 1

    total = sum(kinds.values())
    print(f"samples in compiler processes: {in_compilers}; under our frames: {total}")
    for kind in ("jit", "runtime", "analysis"):
        share = 100.0 * kinds[kind] / total if total else 0.0
        print(f"  {kind:9} {kinds[kind]:7} {share:5.1f} %")
    print(f"analysis samples by method of ours (inclusive), top {top}:")
    for name, count in inclusive.most_common(top):
        print(f"  {count:7}  {name}")


if __name__ == "__main__":
    main()
