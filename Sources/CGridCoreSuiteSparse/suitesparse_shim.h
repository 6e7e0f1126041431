// SuiteSparse for GridCore: CHOLMOD (sparse Cholesky), KLU (sparse LU) and AMD (the
// ordering KLU uses). The structs (cholmod_common, klu_common, ...) must have the
// layout of the library that is linked, so they come from the installed headers
// (Debian: libsuitesparse-dev), which are those of the libraries linked here.
#ifndef GRIDCORE_SUITESPARSE_SHIM_H
#define GRIDCORE_SUITESPARSE_SHIM_H

#include <suitesparse/cholmod.h>
#include <suitesparse/klu.h>
#include <suitesparse/amd.h>

#endif
