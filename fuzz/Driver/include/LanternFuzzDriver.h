#ifndef LANTERN_FUZZ_DRIVER_H
#define LANTERN_FUZZ_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's own driver (compiler-rt, LLVM 11 and later): parses libFuzzer's flags from argv and fuzzes
/// `callback`. SwiftPM names an executable's entry point after its module, so the fuzz target calls this from
/// there instead of linking libFuzzer's `main`.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
