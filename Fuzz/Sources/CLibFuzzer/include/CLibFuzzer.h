// libFuzzer's driver, for a program that has its own main (SwiftPM gives every executable one):
// runs the fuzzing loop on the command-line arguments, calling `callback` for every input.
// Linked by -sanitize=fuzzer (libclang_rt.fuzzer); only the libFuzzer build calls it.
#ifndef GRIDCORE_CLIBFUZZER_H
#define GRIDCORE_CLIBFUZZER_H
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
