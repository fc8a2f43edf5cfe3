#!/usr/bin/env bash
# Runs the shared tests (the NFUnitTest assembly) on the nanoCLR built by build.sh.
#
#   tools/nano-emulator/run-tests.sh [--heap BYTES] [--repo DIR] [--no-build] [--slowest N] [--out DIR]
#
# It first recompiles app/ from --repo (default: this script's repository; about 20 s) so the run never uses
# stale assemblies, then runs nanoFramework's UnitTestLauncher with NFUnitTest on the nanoCLR and reads the
# launcher's lines ("Test passed,<name>,<ticks>", "Test failed,<name>,<message>", "Test skipped,...").
# It prints the failures, the N slowest tests (default 10) with their durations, every test over 2 s (the
# budget a test has on the board), and last "N passed, N failed, N skipped".
# Exit status: 0 when all ran and none failed; 1 when a test failed or the run ended early (a crash, an
# out-of-memory in the launcher, the time limit); 2 for a usage or build error.
#
# Options:
#   --heap BYTES     managed heap of the nanoCLR (default: its own 10 MiB)
#   --repo DIR       repository whose Core and tests are run (default: this script's)
#   --no-build       run the assemblies already in <out>/app (or <out>/app-<name> for --repo)
#   --slowest N      how many of the slowest tests to list (default 10)
#   --timeout SEC    stop the run after SEC seconds (default 1800)
#   --out DIR        build.sh's output folder (default: <this script's repository>/artifacts/nano-emulator)
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SCRIPT_REPO="$(cd "$HERE/../.." && pwd)"
OUT="$SCRIPT_REPO/artifacts/nano-emulator"
REPO=""
HEAP=""
BUILD=1
SLOWEST=10
TIMEOUT=1800
LIMIT_MS=2000

usage_error() { echo "run-tests.sh: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
    case "$1" in
        --heap) HEAP="${2:-}"; [[ "$HEAP" =~ ^[0-9]+$ ]] || usage_error "--heap wants a byte count"; shift 2 ;;
        --repo) REPO="${2:?}"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        --slowest) SLOWEST="${2:-}"; [[ "$SLOWEST" =~ ^[0-9]+$ ]] || usage_error "--slowest wants a number"; shift 2 ;;
        --timeout) TIMEOUT="${2:-}"; [[ "$TIMEOUT" =~ ^[0-9]+$ ]] || usage_error "--timeout wants seconds"; shift 2 ;;
        --out) OUT="${2:?}"; shift 2 ;;
        -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) usage_error "unknown option '$1' (see --help)" ;;
    esac
done

# Another checkout's assemblies go to their own folder, so this checkout's app/ stays as it is.
APP="$OUT/app"
if [ -n "$REPO" ]; then
    REPO="$(cd "$REPO" 2>/dev/null && pwd)" || usage_error "--repo: no such folder"
    [ "$REPO" = "$SCRIPT_REPO" ] || APP="$OUT/app-$(echo "$REPO" | sha1sum | cut -c1-8)"
else
    REPO="$SCRIPT_REPO"
fi
if [ "$BUILD" = 1 ]; then
    "$HERE/build.sh" --app-only --repo "$REPO" --out "$OUT" --app-out "$APP" >/dev/null || usage_error "build.sh --app-only failed"
fi

NANOCLR="$OUT/nanoclr/bin/nanoFramework.nanoCLR.test"
LIB="$OUT/lib"
for file in "$NANOCLR" "$LIB/mscorlib.pe" "$LIB/nanoFramework.UnitTestLauncher.pe" "$APP/NFUnitTest.pe"; do
    [ -e "$file" ] || usage_error "missing $file (run tools/nano-emulator/build.sh first)"
done

LOG="$APP/test-run.log"
echo "nanoCLR: $NANOCLR (heap: ${HEAP:-default 10 MiB})"
echo "tests:   $(head -1 "$APP/repo-commit.txt") ($REPO)"
echo "log:     $LOG"
started=$(date +%s)
# The shared tests are three assemblies named NFUnitTest (app/, app/mail/ and app/health/: the metadata processor's
# 64 KiB of strings per assembly); each gets a run of its own, and their lines are read together.
: > "$LOG"
status=0
runs=0
for tests in "$APP/NFUnitTest.pe" "$APP/mail/NFUnitTest.pe" "$APP/health/NFUnitTest.pe"; do
    [ -f "$tests" ] || continue
    runs=$((runs + 1))
    # The order the nanoclr tool loads them in: mscorlib, the launcher and the framework, the libraries, the tests.
    env ${HEAP:+NANOCLR_HEAP_SIZE=$HEAP} timeout "$TIMEOUT" "$NANOCLR" \
        "$LIB/mscorlib.pe" "$LIB/nanoFramework.UnitTestLauncher.pe" "$LIB/nanoFramework.TestFramework.pe" \
        "$LIB/nanoFramework.System.Text.pe" "$LIB/nanoFramework.System.Collections.pe" \
        "$APP/Attendance.Core.pe" "$tests" >> "$LOG" 2>&1
    run_status=$?
    [ "$run_status" -ne 0 ] && status=$run_status
done
elapsed=$(( $(date +%s) - started ))

python3 - "$LOG" "$SLOWEST" "$LIMIT_MS" "$status" "$elapsed" "$runs" <<'EOF'
import sys

log, slowest, limit_ms, status, elapsed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
runs = int(sys.argv[6])
passed, failed, skipped, durations = [], [], [], []
lines = open(log, encoding="utf-8", errors="replace").read().splitlines()
for line in lines:
    # The launcher's three line shapes (UnitTestLauncher/Program.cs); ticks are 100 ns.
    if line.startswith("Test passed,"):
        name, ticks = line[len("Test passed,"):].rsplit(",", 1)
        passed.append(name)
        durations.append((int(ticks) / 10000.0, name))
    elif line.startswith("Test failed,"):
        name, _, message = line[len("Test failed,"):].partition(",")
        failed.append((name, message))
    elif line.startswith("Test skipped,"):
        skipped.append(line[len("Test skipped,"):].partition(",")[0])

# A run that completes ends with the runtime's "Done." after the launcher returns (one per test assembly).
completed = status == 0 and sum(1 for l in lines if l.strip() == "Done.") >= runs and (passed or failed or skipped)

for name, message in failed:
    print(f"FAILED {name}: {message}")
durations.sort(reverse=True)
if durations:
    print(f"\nSlowest {min(slowest, len(durations))} tests (ms, wall clock on the emulator):")
    for ms, name in durations[:slowest]:
        print(f"  {ms:10.1f}  {name}")
over = [(ms, name) for ms, name in durations if ms > limit_ms]
print(f"\nTests over {limit_ms / 1000:g} s: {len(over)}" + (": " + ", ".join(f"{n} ({ms / 1000:.1f} s)" for ms, n in over) if over else ""))
print(f"Run time: {elapsed} s")
if not completed:
    reason = "the time limit" if status == 124 else f"exit status {status}" if status else "no 'Done.' from the runtime"
    print(f"\nThe run ended early ({reason}); the last lines of {log}:")
    for line in [l for l in lines if l.strip()][-8:]:
        print("  " + line)
print(f"\n{len(passed)} passed, {len(failed)} failed, {len(skipped)} skipped")
sys.exit(0 if completed and not failed else 1)
EOF
