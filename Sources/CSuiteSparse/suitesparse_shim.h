// SuiteSparse (Debian libsuitesparse-dev): CHOLMOD for symmetric positive
// definite systems, KLU (LU with partial pivoting) for indefinite ones.
// The structs (cholmod_common, klu_common) must come from the real headers so
// that their layout matches the installed libraries.
#include <suitesparse/cholmod.h>
#include <suitesparse/klu.h>
