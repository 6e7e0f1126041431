// glibc's allocator tuning, which Swift's Glibc module leaves out. For gridtool's
// own process only (Sources/gridtool/ProcessTuning.swift); GridCore never tunes
// the process it runs in.
#include <malloc.h>
