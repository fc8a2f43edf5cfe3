#!/usr/bin/env bash
# Measures the smallest managed heap at which each heap-probe program completes on the nanoCLR.
#
#   tools/nano-emulator/heap-probe.sh [REPOSITORY] [--scenario NAME]... [--max KIB] [--no-build] [--out DIR]
#
# REPOSITORY: the checkout whose Attendance.Core and bench/Attendance.Bench.BoardHeap are measured (default:
# this script's), so the same emulator measures any branch: tools/nano-emulator/heap-probe.sh /path/to/checkout
# The toolchain comes from build.sh's output (<this script's repository>/artifacts/nano-emulator by default).
#
# For each scenario (default: every one the probe lists, idle first) it runs the program under
# NANOCLR_HEAP_SIZE and bisects, to 1 KiB, the smallest heap at which the program prints its
# "BOARD-HEAP DONE <scenario>" line (the last step of the program; an OutOfMemoryException, or a crash of the
# runtime when the heap runs out, ends it without that line). Since a program near its limit may fail at a
# size above one where it completed, the figure reported is the smallest size from which the next 8 sizes
# all complete too (the note says when that differs from the bisection's).
# "idle" only loads the assemblies (mscorlib, System.Text, System.Collections, Attendance.Core, the probe):
# "above idle" is what the scenario itself needs.
#
# Prints a Markdown table, and the program's own figures (mail size, the stand-in flash written and the lookup
# answers pending at most, both outside the measured heap since every scenario allocates them first; see
# bench/README.md "Board heap").
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SCRIPT_REPO="$(cd "$HERE/../.." && pwd)"
OUT="$SCRIPT_REPO/artifacts/nano-emulator"
REPO="$SCRIPT_REPO"
SCENARIOS=()
MAX_KIB=8192
BUILD=1

usage_error() { echo "heap-probe.sh: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
    case "$1" in
        --scenario) SCENARIOS+=("${2:?--scenario needs a name}"); shift 2 ;;
        --max) MAX_KIB="${2:-}"; [[ "$MAX_KIB" =~ ^[0-9]+$ ]] || usage_error "--max wants KiB"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        --out) OUT="${2:?}"; shift 2 ;;
        -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) usage_error "unknown option '$1' (see --help)" ;;
        *) REPO="$1"; shift ;;
    esac
done

REPO="$(cd "$REPO" 2>/dev/null && pwd)" || usage_error "no repository folder '$REPO'"
APP="$OUT/app"
[ "$REPO" = "$SCRIPT_REPO" ] || APP="$OUT/app-$(echo "$REPO" | sha1sum | cut -c1-8)"
if [ "$BUILD" = 1 ]; then
    "$HERE/build.sh" --app-only --repo "$REPO" --out "$OUT" --app-out "$APP" >/dev/null || usage_error "build.sh --app-only failed"
fi

NANOCLR="$OUT/nanoclr/bin/nanoFramework.nanoCLR.test"
LIB="$OUT/lib"
[ -x "$NANOCLR" ] || usage_error "no nanoCLR at $NANOCLR (run tools/nano-emulator/build.sh first)"
if [ ${#SCENARIOS[@]} -eq 0 ]; then
    for dir in "$APP"/probe-*; do
        [ -d "$dir" ] && SCENARIOS+=("${dir##*/probe-}")
    done
    [ ${#SCENARIOS[@]} -gt 0 ] || usage_error "no heap-probe programs in $APP (does $REPO have bench/Attendance.Bench.BoardHeap?)"
    # idle first: the others are reported above it.
    ordered=(idle)
    for s in "${SCENARIOS[@]}"; do [ "$s" = idle ] || ordered+=("$s"); done
    SCENARIOS=("${ordered[@]}")
fi

# run KIB SCENARIO: 0 when the program completes with a heap of KIB KiB; its DONE line goes to $LAST_LINE.
LAST_LINE=""
run() {
    local kib="$1" scenario="$2" pe="$APP/probe-$2/Attendance.Bench.BoardHeap.pe" output
    [ -f "$pe" ] || usage_error "no program for scenario '$scenario' ($pe)"
    output="$(NANOCLR_HEAP_SIZE=$((kib * 1024)) timeout 300 "$NANOCLR" "$LIB/mscorlib.pe" \
        "$LIB/nanoFramework.System.Text.pe" "$LIB/nanoFramework.System.Collections.pe" \
        "$APP/Attendance.Core.pe" "$pe" 2>&1)"
    # The nanoCLR ends console lines with CR LF.
    LAST_LINE="$(tr -d '\r' <<< "$output" | grep -aE "^BOARD-HEAP DONE $scenario( |$)")"
    [ -n "$LAST_LINE" ]
}

echo "Repository: $REPO ($(head -2 "$APP/repo-commit.txt" | tr '\n' ' '))"
echo "nanoCLR:    $NANOCLR"
echo
declare -A SMALLEST=() DETAILS=() NOTES=()
for scenario in "${SCENARIOS[@]}"; do
    run "$MAX_KIB" "$scenario" || usage_error "$scenario does not complete even with $MAX_KIB KiB (raise --max, or run it by hand to see why)"
    DETAILS[$scenario]="${LAST_LINE#BOARD-HEAP DONE $scenario}"
    low=4 high="$MAX_KIB"   # low fails (4 KiB cannot even load mscorlib), high completes
    while [ $((high - low)) -gt 1 ]; do
        mid=$(((low + high) / 2))
        if run "$mid" "$scenario"; then high=$mid; else low=$mid; fi
    done
    # Near its limit a program may complete at one size and fail at a larger one (where a large block lands
    # in a heap that is never compacted decides it). The figure reported is the smallest size from which the
    # next 8 sizes all complete too: a failure above moves it up past that failure.
    first=$high
    extra=1
    while [ $extra -le 8 ]; do
        if run $((high + extra)) "$scenario"; then
            extra=$((extra + 1))
        else
            high=$((high + extra + 1))
            extra=1
            run "$high" "$scenario" || continue
        fi
    done
    SMALLEST[$scenario]=$high
    [ "$first" -ne "$high" ] && NOTES[$scenario]="completes at $first KiB already, but not at every size up to $high KiB"
    echo "$scenario: ${high} KiB ${NOTES[$scenario]:-}" >&2
done

idle="${SMALLEST[idle]:-}"
echo
echo "| program | smallest heap | above idle | program's figures |"
echo "|---|---:|---:|---|"
for scenario in "${SCENARIOS[@]}"; do
    above=""
    [ -n "$idle" ] && above="$((SMALLEST[$scenario] - idle)) KiB"
    echo "| $scenario | ${SMALLEST[$scenario]} KiB | $above | ${DETAILS[$scenario]# }${NOTES[$scenario]:+ (${NOTES[$scenario]})} |"
done
