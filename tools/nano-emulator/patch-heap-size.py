#!/usr/bin/env python3
"""Makes the managed heap of nf-interpreter's POSIX nanoCLR settable (applied by build.sh to a fresh copy).

targets/posix/nanoCLR/Memory.cpp gives the managed heap a fixed 10 MiB. The heap probes look for the smallest
heap at which a program completes, so the patched runtime reads NANOCLR_HEAP_SIZE (bytes, decimal) when it
first asks for the heap; unset means the original 10 MiB. A value that is not a number, or below 4 KiB, stops
the runtime with a message (a typo must not silently measure 10 MiB).

Usage: patch-heap-size.py <nf-interpreter source folder>
"""
import pathlib
import sys

ORIGINAL = "constexpr size_t c_DefaultHeapSizeBytes = 10 * 1024 * 1024;"

REPLACEMENT = ORIGINAL + r'''

    // Patched by the attendance-terminal repository (tools/nano-emulator/patch-heap-size.py): the managed heap's
    // size comes from NANOCLR_HEAP_SIZE (bytes) when set.
    size_t ManagedHeapSizeBytes()
    {
        const char *value = std::getenv("NANOCLR_HEAP_SIZE");
        if (value == nullptr || *value == '\0')
        {
            return c_DefaultHeapSizeBytes;
        }

        char *end = nullptr;
        unsigned long long bytes = std::strtoull(value, &end, 10);
        if (*end != '\0' || bytes < 4096 || bytes > 0x7FFFFFFFull)
        {
            std::fprintf(stderr, "NANOCLR_HEAP_SIZE='%s' is not a byte count between 4096 and 2147483647\n", value);
            std::exit(2);
        }

        std::fprintf(stderr, "nanoCLR managed heap: %llu bytes (NANOCLR_HEAP_SIZE)\n", bytes);
        return static_cast<size_t>(bytes);
    }'''

OLD_HEAP = '''        g_MemoryStart = static_cast<unsigned char *>(std::malloc(c_DefaultHeapSizeBytes));

        if (g_MemoryStart != nullptr)
        {
            std::memset(g_MemoryStart, 0xEA, c_DefaultHeapSizeBytes);
        }
    }

    BaseAddress = g_MemoryStart;
    SizeInBytes = (g_MemoryStart != nullptr) ? static_cast<unsigned int>(c_DefaultHeapSizeBytes) : 0;'''

NEW_HEAP = '''        g_ManagedHeapSizeBytes = ManagedHeapSizeBytes();
        g_MemoryStart = static_cast<unsigned char *>(std::malloc(g_ManagedHeapSizeBytes));

        if (g_MemoryStart != nullptr)
        {
            std::memset(g_MemoryStart, 0xEA, g_ManagedHeapSizeBytes);
        }
    }

    BaseAddress = g_MemoryStart;
    SizeInBytes = (g_MemoryStart != nullptr) ? static_cast<unsigned int>(g_ManagedHeapSizeBytes) : 0;'''


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: patch-heap-size.py <nf-interpreter source folder>")
    path = pathlib.Path(sys.argv[1]) / "targets/posix/nanoCLR/Memory.cpp"
    text = path.read_text()
    if "NANOCLR_HEAP_SIZE" in text:
        print(f"{path}: already patched")
        return
    for old in (ORIGINAL, OLD_HEAP, "#include <cstring>\n"):
        if text.count(old) != 1:
            sys.exit(f"{path}: the expected code was not found once (nf-interpreter changed?): {old[:60]!r}")
    text = text.replace("#include <cstring>\n", "#include <cstdio>\n#include <cstring>\n")
    text = text.replace(ORIGINAL, REPLACEMENT)
    text = text.replace("    unsigned char *g_MemoryStart = nullptr;",
                        "    unsigned char *g_MemoryStart = nullptr;\n    size_t g_ManagedHeapSizeBytes = 0;")
    text = text.replace(OLD_HEAP, NEW_HEAP)
    path.write_text(text)
    print(f"{path}: managed heap size now read from NANOCLR_HEAP_SIZE")


if __name__ == "__main__":
    main()
