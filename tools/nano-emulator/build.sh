#!/usr/bin/env bash
# Builds the nanoFramework emulator for Linux and our assemblies for it, from public sources.
#
#   tools/nano-emulator/build.sh [options]
#
# What it builds (into --out, default <repository>/artifacts/nano-emulator, git-ignored):
#   nanoclr/   nf-interpreter's POSIX nanoCLR (targets/posix), its managed heap made settable (NANOCLR_HEAP_SIZE)
#   mdp/       the metadata processor (IL assembly -> .pe), built for net10.0 from its sources
#   lib/       mscorlib (the nanoFramework.CoreLibrary NuGet package), nanoFramework.System.Text,
#              nanoFramework.System.Collections, nanoFramework.TestFramework and nanoFramework.UnitTestLauncher
#              (compiled here with Roslyn from their sources), each as .dll and .pe
#   app/       from the repository given by --repo (default: the one holding this script): Attendance.Core,
#              NFUnitTest (the shared tests; app/mail/NFUnitTest holds those of Lookup and Mail: at most 64 KiB
#              of strings per assembly) and the heap probe, each as .dll and .pe
#   manifest.txt  the commit of every source used
# Steps already done for the same commits are skipped, so a second run only rebuilds app/.
#
# Sources: each is cloned from GitHub at the pinned ref below, unless a local git directory (bare or a
# checkout) is given, for machines without internet. A ref can be overridden (--ref NAME=REF); manifest.txt
# then records what was used.
#
# Options:
#   --repo DIR                 repository whose Core, tests and probe are built (default: this script's)
#   --out DIR                  output folder (default: <this script's repository>/artifacts/nano-emulator)
#   --app-out DIR              where app/ goes (default: <out>/app)
#   --app-only                 build only app/ (the rest must have been built before)
#   --nf-interpreter DIR       local git directory of nanoframework/nf-interpreter
#   --metadata-processor DIR   local git directory of nanoframework/metadata-processor
#   --system-text DIR          local git directory of nanoframework/nanoFramework.System.Text
#   --system-collections DIR   local git directory of nanoframework/nanoFramework.System.Collections
#   --test-framework DIR       local git directory of nanoframework/nanoFramework.TestFramework
#   --ref NAME=REF             another commit/tag for NAME (nf-interpreter, metadata-processor, system-text,
#                              system-collections, test-framework)
#   -h, --help
#
# Needs: git, python3, cmake (>= 3.24), ninja, g++, the .NET SDK (10.0); NuGet reachable for
# nanoFramework.CoreLibrary, Mono.Cecil and System.Drawing.Common (or already in ~/.nuget/packages).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SCRIPT_REPO="$(cd "$HERE/../.." && pwd)"

# Pinned sources. The nanoFramework library versions come from nfproj.props (the versions the board build
# uses); their repositories tag every release as v<version>. nf-interpreter has no release with the POSIX
# target yet: a commit of its main branch is pinned. The metadata processor: the last v3 release (the PE
# format of mscorlib 1.x; v4 is for the generics runtime).
NF_INTERPRETER_URL=https://github.com/nanoframework/nf-interpreter
NF_INTERPRETER_REF=a3e8139a1ba778e33ca81b023099765eada6c456
METADATA_PROCESSOR_URL=https://github.com/nanoframework/metadata-processor
METADATA_PROCESSOR_REF=v3.0.100
SYSTEM_TEXT_URL=https://github.com/nanoframework/nanoFramework.System.Text
SYSTEM_COLLECTIONS_URL=https://github.com/nanoframework/nanoFramework.System.Collections
TEST_FRAMEWORK_URL=https://github.com/nanoframework/nanoFramework.TestFramework

die() { echo "build.sh: $*" >&2; exit 1; }
say() { echo "== $*"; }

REPO="$SCRIPT_REPO"
OUT=""
APP_OUT=""
APP_ONLY=0
declare -A LOCAL=()
declare -A REF_OVERRIDE=()

while [ $# -gt 0 ]; do
    case "$1" in
        --repo) REPO="${2:?--repo needs a folder}"; shift 2 ;;
        --out) OUT="${2:?--out needs a folder}"; shift 2 ;;
        --app-out) APP_OUT="${2:?--app-out needs a folder}"; shift 2 ;;
        --app-only) APP_ONLY=1; shift ;;
        --nf-interpreter|--metadata-processor|--system-text|--system-collections|--test-framework)
            [ -d "${2:-}" ] || die "$1: no folder '${2:-}'"
            LOCAL[${1#--}]="$(cd "$2" && pwd)"; shift 2 ;;
        --ref)
            case "${2:-}" in
                nf-interpreter=?*|metadata-processor=?*|system-text=?*|system-collections=?*|test-framework=?*)
                    REF_OVERRIDE[${2%%=*}]="${2#*=}" ;;
                *) die "--ref wants NAME=REF with NAME one of nf-interpreter, metadata-processor, system-text, system-collections, test-framework (got '${2:-}')" ;;
            esac
            shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done

REPO="$(cd "$REPO" 2>/dev/null && pwd)" || die "--repo: no such folder"
[ -f "$REPO/nfproj.props" ] && [ -f "$REPO/firmware/Attendance.Core/Attendance.Core.nfproj" ] \
    || die "$REPO is not an attendance-terminal repository (no nfproj.props / Attendance.Core.nfproj)"
OUT="${OUT:-$SCRIPT_REPO/artifacts/nano-emulator}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
APP_OUT="${APP_OUT:-$OUT/app}"

for tool in git python3 dotnet; do command -v "$tool" >/dev/null || die "needs $tool"; done

# Versions the board build pins (nfproj.props of the script's repository: the toolchain is built once).
prop() {
    local value
    value="$(sed -n "s:.*<$1>\([^<]*\)</$1>.*:\1:p" "$SCRIPT_REPO/nfproj.props" | head -1)"
    [ -n "$value" ] || die "nfproj.props has no $1"
    echo "$value"
}
CORELIB_VERSION="$(prop NanoFrameworkCoreLibraryVersion)"
SYSTEM_TEXT_VERSION="$(prop NanoFrameworkSystemTextVersion)"
SYSTEM_COLLECTIONS_VERSION="$(prop NanoFrameworkSystemCollectionsVersion)"
TEST_FRAMEWORK_VERSION="$(prop NanoFrameworkTestFrameworkVersion)"
LANG_VERSION="$(prop NanoLangVersion)"

# Roslyn from the .NET SDK.
SDK_DIR="$(dotnet --list-sdks | tail -1 | sed 's/^\([^ ]*\) \[\(.*\)\]$/\2\/\1/')"
CSC="$SDK_DIR/Roslyn/bincore/csc.dll"
[ -f "$CSC" ] || die "no Roslyn compiler at $CSC"

NUGET_PACKAGES="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
MSCORLIB_DIR="$NUGET_PACKAGES/nanoframework.corelibrary/$CORELIB_VERSION/lib"
LIB="$OUT/lib"
MDP="$OUT/mdp/bin/NanoMdp.dll"
NANOCLR="$OUT/nanoclr/bin/nanoFramework.nanoCLR.test"

# ---------------------------------------------------------------------------------------------------------
# Sources

# The git directory to read NAME from: the local one given, or a bare partial clone under $OUT/git.
git_dir_of() {
    local name="$1" url="$2" dir
    if [ -n "${LOCAL[$name]:-}" ]; then
        dir="${LOCAL[$name]}"
        if git --git-dir="$dir" rev-parse --git-dir >/dev/null 2>&1 && [ -d "$dir/objects" ]; then
            echo "$dir"
        elif git -C "$dir" rev-parse --git-dir >/dev/null 2>&1; then
            (cd "$dir" && cd "$(git rev-parse --git-dir)" && pwd)
        else
            die "--$name $dir is not a git directory"
        fi
        return
    fi
    dir="$OUT/git/$name.git"
    if [ ! -d "$dir" ]; then
        say "cloning $url" >&2
        git clone --quiet --bare --filter=blob:none "$url" "$dir" >&2 || die "cannot clone $url (no internet? give --$name DIR)"
    fi
    echo "$dir"
}

# Extracts NAME at REF into $OUT/src/NAME (skipped when that commit is already there); prints the folder.
checkout() {
    local name="$1" url="$2" ref="${REF_OVERRIDE[$1]:-$3}" gitdir commit dest
    gitdir="$(git_dir_of "$name" "$url")"
    if ! commit="$(git --git-dir="$gitdir" rev-parse --verify --quiet "$ref^{commit}")"; then
        if [ -z "${LOCAL[$name]:-}" ]; then
            git --git-dir="$gitdir" fetch --quiet --tags origin >&2 || true
            commit="$(git --git-dir="$gitdir" rev-parse --verify --quiet "$ref^{commit}")" || true
        fi
        [ -n "$commit" ] || die "$name: no commit or tag '$ref' in $gitdir (pass --ref $name=REF to build another one)"
    fi
    dest="$OUT/src/$name"
    if [ "$(cat "$dest/.commit" 2>/dev/null)" != "$commit" ]; then
        say "extracting $name $ref ($commit)" >&2
        rm -rf "$dest"
        mkdir -p "$dest"
        git --git-dir="$gitdir" archive "$commit" | tar -x -C "$dest"
        echo "$commit" > "$dest/.commit"
    fi
    printf '%-20s %-12s %s\n' "$name" "$ref" "$commit" >> "$OUT/manifest.tmp"
    echo "$dest"
}

# ---------------------------------------------------------------------------------------------------------
# Compilers

# csc_build OUT.dll library|exe "DEFINES" "REFERENCES (dll paths)" FILE...
csc_build() {
    local output="$1" target="$2" defines="$3" refs="$4"; shift 4
    local args=(-nologo -noconfig -nostdlib+ -target:"$target" -optimize+ -deterministic -debug:portable
        -langversion:"$LANG_VERSION" -warn:4 -nowarn:1591,0618,0649,0169,0414,8019 -out:"$output")
    [ -n "$defines" ] && args+=(-define:"$defines")
    # A project that sets AllowUnsafeBlocks (System.Text's StringBuilder does) compiles with -unsafe.
    [ "${CSC_UNSAFE:-0}" = 1 ] && args+=(-unsafe+)
    # Signed with the project's key (mscorlib grants System.Text its internals by public key).
    [ -n "${CSC_KEYFILE:-}" ] && args+=(-keyfile:"$CSC_KEYFILE")
    local r
    for r in $refs; do args+=(-reference:"$r"); done
    mkdir -p "$(dirname "$output")"
    dotnet exec "$CSC" "${args[@]}" "$@" > "$output.csc.log" 2>&1 || { cat "$output.csc.log" >&2; die "compile of $(basename "$output") failed"; }
    grep -E ' error ' "$output.csc.log" >&2 || true
}

# mdp_build IN.dll OUT.pe [REFERENCE.dll...]  (references become load hints, named after their files)
mdp_build() {
    local input="$1" output="$2"; shift 2
    local args=("$input" "$output") r
    for r in "$@"; do args+=(--hint "$(basename "${r%.*}")" "$r"); done
    dotnet "$MDP" "${args[@]}" > "$output.mdp.log" 2>&1 || { cat "$output.mdp.log" >&2; die "metadata processor failed on $(basename "$input")"; }
}

# ---------------------------------------------------------------------------------------------------------
# Toolchain: nanoCLR, metadata processor, libraries

build_toolchain() {
    : > "$OUT/manifest.tmp"
    local nf mdp_src text coll tf
    nf="$(checkout nf-interpreter "$NF_INTERPRETER_URL" "$NF_INTERPRETER_REF")"
    mdp_src="$(checkout metadata-processor "$METADATA_PROCESSOR_URL" "$METADATA_PROCESSOR_REF")"
    text="$(checkout system-text "$SYSTEM_TEXT_URL" "v$SYSTEM_TEXT_VERSION")"
    coll="$(checkout system-collections "$SYSTEM_COLLECTIONS_URL" "v$SYSTEM_COLLECTIONS_VERSION")"
    tf="$(checkout test-framework "$TEST_FRAMEWORK_URL" "v$TEST_FRAMEWORK_VERSION")"

    # nanoCLR (the longest step: about 3 minutes on 2 cores).
    local stamp
    stamp="$(cat "$nf/.commit") $(sha1sum "$HERE/patch-heap-size.py" | cut -c1-40)"
    if [ "$(cat "$OUT/nanoclr/.stamp" 2>/dev/null)" != "$stamp" ] || [ ! -x "$NANOCLR" ]; then
        for tool in cmake ninja g++; do command -v "$tool" >/dev/null || die "needs $tool (apt-get install cmake ninja-build g++)"; done
        say "building the POSIX nanoCLR"
        python3 "$HERE/patch-heap-size.py" "$nf"
        rm -rf "$OUT/nanoclr"
        cmake -S "$nf/targets/posix" -B "$OUT/nanoclr" -G Ninja -DCMAKE_BUILD_TYPE=Release > "$OUT/nanoclr-cmake.log" 2>&1 \
            || { tail -30 "$OUT/nanoclr-cmake.log" >&2; die "cmake configure of the nanoCLR failed (log: $OUT/nanoclr-cmake.log)"; }
        cmake --build "$OUT/nanoclr" > "$OUT/nanoclr-build.log" 2>&1 \
            || { tail -30 "$OUT/nanoclr-build.log" >&2; die "nanoCLR build failed (log: $OUT/nanoclr-build.log)"; }
        echo "$stamp" > "$OUT/nanoclr/.stamp"
    fi

    # Metadata processor: our project file and driver over its shared sources (its own projects are
    # .NET Framework only). A blank Directory.Build.props keeps this repository's settings out.
    stamp="$(cat "$mdp_src/.commit") $(cat "$HERE/mdp/NanoMdp.csproj" "$HERE/mdp/Program.cs" | sha1sum | cut -c1-40)"
    if [ "$(cat "$OUT/mdp/.stamp" 2>/dev/null)" != "$stamp" ] || [ ! -f "$MDP" ]; then
        say "building the metadata processor"
        rm -rf "$OUT/mdp"
        mkdir -p "$OUT/mdp/project"
        cp "$HERE/mdp/NanoMdp.csproj" "$HERE/mdp/Program.cs" "$OUT/mdp/project/"
        echo '<Project></Project>' > "$OUT/mdp/project/Directory.Build.props"
        echo '<Project></Project>' > "$OUT/mdp/project/Directory.Build.targets"
        dotnet build "$OUT/mdp/project/NanoMdp.csproj" -c Release -nologo -v:q -p:MdpSource="$mdp_src" -o "$OUT/mdp/bin" \
            > "$OUT/mdp-build.log" 2>&1 || { tail -30 "$OUT/mdp-build.log" >&2; die "metadata processor build failed (log: $OUT/mdp-build.log)"; }
        echo "$stamp" > "$OUT/mdp/.stamp"
    fi

    # mscorlib from its NuGet package (restored by a throwaway project into the NuGet cache).
    if [ ! -f "$MSCORLIB_DIR/mscorlib.pe" ]; then
        say "restoring nanoFramework.CoreLibrary $CORELIB_VERSION"
        local restore="$OUT/restore"
        mkdir -p "$restore"
        cat > "$restore/restore.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="nanoFramework.CoreLibrary" Version="[$CORELIB_VERSION]" /></ItemGroup>
</Project>
EOF
        echo '<Project></Project>' > "$restore/Directory.Build.props"
        dotnet restore "$restore/restore.csproj" > "$restore/restore.log" 2>&1 || { cat "$restore/restore.log" >&2; die "cannot restore nanoFramework.CoreLibrary $CORELIB_VERSION"; }
        [ -f "$MSCORLIB_DIR/mscorlib.pe" ] || die "no mscorlib.pe in $MSCORLIB_DIR"
    fi
    printf '%-20s %-12s %s\n' "mscorlib" "$CORELIB_VERSION" "NuGet nanoFramework.CoreLibrary ($MSCORLIB_DIR)" >> "$OUT/manifest.tmp"

    stamp="$(cat "$OUT/manifest.tmp" "$HERE/build.sh" | sha1sum | cut -c1-40)"
    if [ "$(cat "$LIB/.stamp" 2>/dev/null)" != "$stamp" ]; then
        say "compiling the nanoFramework libraries"
        rm -rf "$LIB"
        mkdir -p "$LIB"
        cp "$MSCORLIB_DIR/mscorlib.dll" "$MSCORLIB_DIR/mscorlib.pe" "$LIB/"
        local corlib="$LIB/mscorlib.dll"
        # Each library gets the version of the package it stands for (its repository stamps it with
        # Nerdbank.GitVersioning, which is not run here).
        lib_build() {
            local name="$1" version="$2" target="$3" refs="$4" project="$5" info
            info="$LIB/obj/$name.Version.cs"
            mkdir -p "$LIB/obj"
            echo "[assembly: System.Reflection.AssemblyVersion(\"$version.0\")]" > "$info"
            local sources=()
            mapfile -t sources < <(python3 "$HERE/nfproj-sources.py" "$project")
            local ext=dll; [ "$target" = exe ] && ext=exe
            local unsafe=0
            grep -q '<AllowUnsafeBlocks>true' "$project" && unsafe=1
            local keyfile=""
            grep -q '<SignAssembly>true' "$project" && keyfile="$(dirname "$project")/key.snk"
            CSC_UNSAFE=$unsafe CSC_KEYFILE="$keyfile" csc_build "$LIB/$name.$ext" "$target" "" "$corlib $refs" "$info" "${sources[@]}"
            # shellcheck disable=SC2086
            mdp_build "$LIB/$name.$ext" "$LIB/$name.pe" $corlib $refs
        }
        lib_build nanoFramework.System.Text "$SYSTEM_TEXT_VERSION" library "" \
            "$text/nanoFramework.System.Text/nanoFramework.System.Text.nfproj"
        lib_build nanoFramework.System.Collections "$SYSTEM_COLLECTIONS_VERSION" library "" \
            "$coll/nanoFramework.System.Collections/nanoFramework.System.Collections.nfproj"
        lib_build nanoFramework.TestFramework "$TEST_FRAMEWORK_VERSION" library "" \
            "$tf/source/TestFramework/nanoFramework.TestFramework.nfproj"
        lib_build nanoFramework.UnitTestLauncher "$TEST_FRAMEWORK_VERSION" exe "$LIB/nanoFramework.TestFramework.dll" \
            "$tf/source/UnitTestLauncher/nanoFramework.UnitTestLauncher.nfproj"
        echo "$stamp" > "$LIB/.stamp"
    fi
    mv "$OUT/manifest.tmp" "$OUT/manifest.txt"
}

# ---------------------------------------------------------------------------------------------------------
# Our assemblies

build_app() {
    [ -x "$NANOCLR" ] && [ -f "$MDP" ] && [ -f "$LIB/nanoFramework.TestFramework.pe" ] \
        || die "the toolchain is not built in $OUT (run build.sh without --app-only first)"
    say "compiling Attendance.Core, NFUnitTest and the heap probe from $REPO"
    rm -rf "$APP_OUT"
    mkdir -p "$APP_OUT"
    local corlib="$LIB/mscorlib.dll" text="$LIB/nanoFramework.System.Text.dll" coll="$LIB/nanoFramework.System.Collections.dll"
    local tf="$LIB/nanoFramework.TestFramework.dll" core="$APP_OUT/Attendance.Core.dll"
    local sources=()

    mapfile -t sources < <(python3 "$HERE/nfproj-sources.py" "$REPO/firmware/Attendance.Core/Attendance.Core.nfproj")
    csc_build "$core" library NANOFRAMEWORK_1_0 "$corlib $text $coll" "${sources[@]}"
    mdp_build "$core" "$APP_OUT/Attendance.Core.pe" "$corlib" "$text" "$coll"

    # The shared tests are three assemblies, all named NFUnitTest (the name the launcher loads): the metadata
    # processor keeps at most 64 KiB of strings per assembly. app/NFUnitTest.pe, app/mail/NFUnitTest.pe and
    # app/health/NFUnitTest.pe; a checkout older than a split has only the first ones.
    local part project
    for part in . mail health; do
        project="$REPO/tests/Attendance.Core.Tests.Nano/NFUnitTest.nfproj"
        [ "$part" = mail ] && project="$REPO/tests/Attendance.Core.Tests.Nano.Mail/NFUnitTest.Mail.nfproj"
        [ "$part" = health ] && project="$REPO/tests/Attendance.Core.Tests.Nano.Health/NFUnitTest.Health.nfproj"
        [ -f "$project" ] || continue
        mkdir -p "$APP_OUT/$part"
        mapfile -t sources < <(python3 "$HERE/nfproj-sources.py" "$project")
        csc_build "$APP_OUT/$part/NFUnitTest.dll" library NANOFRAMEWORK_1_0 "$corlib $text $coll $tf $core" "${sources[@]}"
        mdp_build "$APP_OUT/$part/NFUnitTest.dll" "$APP_OUT/$part/NFUnitTest.pe" "$corlib" "$text" "$coll" "$tf" "$core"
    done

    # The heap probe: one program per scenario (the nanoCLR passes a program no arguments, so the scenario is
    # a constant compiled in), plus "idle", which only loads the assemblies.
    # A checkout without the probe (older than it) is measured with this script's copy of it.
    local probe="$REPO/bench/Attendance.Bench.BoardHeap"
    if [ ! -f "$probe/Attendance.Bench.BoardHeap.nfproj" ]; then
        probe="$SCRIPT_REPO/bench/Attendance.Bench.BoardHeap"
        echo "$REPO has no bench/Attendance.Bench.BoardHeap: using $probe" >&2
    fi
    if [ -f "$probe/Attendance.Bench.BoardHeap.nfproj" ]; then
        # The project's own ScenarioChoice.cs (for Visual Studio) gives way to the one written per scenario.
        mapfile -t sources < <(python3 "$HERE/nfproj-sources.py" "$probe/Attendance.Bench.BoardHeap.nfproj" | grep -v '/ScenarioChoice\.cs$')
        local scenario
        for scenario in $(sed -n 's/.*BOARD_HEAP_SCENARIOS: *//p' "$probe/BoardHeapScenarios.cs"); do
            local dir="$APP_OUT/probe-$scenario"
            mkdir -p "$dir"
            cat > "$dir/ScenarioChoice.cs" <<EOF
namespace Attendance.Bench.BoardHeap
{
    // Written by tools/nano-emulator/build.sh: the scenario this program runs.
    internal static class ScenarioChoice
    {
        public const string Name = "$scenario";
    }
}
EOF
            csc_build "$dir/Attendance.Bench.BoardHeap.exe" exe NANOFRAMEWORK_1_0 "$corlib $text $coll $core" "$dir/ScenarioChoice.cs" "${sources[@]}"
            mdp_build "$dir/Attendance.Bench.BoardHeap.exe" "$dir/Attendance.Bench.BoardHeap.pe" "$corlib" "$text" "$coll" "$core"
        done
    fi
    git -C "$REPO" rev-parse HEAD > "$APP_OUT/repo-commit.txt" 2>/dev/null || echo "(not a git checkout)" > "$APP_OUT/repo-commit.txt"
    if ! git -C "$REPO" diff --quiet HEAD 2>/dev/null; then echo "plus uncommitted changes" >> "$APP_OUT/repo-commit.txt"; fi
    echo "$REPO" >> "$APP_OUT/repo-commit.txt"
}

if [ "$APP_ONLY" = 0 ]; then
    build_toolchain
fi
build_app
say "done: $OUT"
