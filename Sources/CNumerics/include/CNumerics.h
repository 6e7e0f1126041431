// The C side of GridCore's numeric layer: SuiteSparse types, KLU (linked), and
// LAPACK/BLAS and CHOLMOD loaded on first use (see numeric_libraries.c). Only the
// routines GridCore calls are declared, so that nothing else leaks into Swift.
#ifndef GRIDCORE_CNUMERICS_H
#define GRIDCORE_CNUMERICS_H

#include <stddef.h>
// The structs (cholmod_common, klu_common...) come from the installed headers,
// so that their layout matches the installed libraries.
#include <suitesparse/cholmod.h>
#include <suitesparse/klu.h>
#include <suitesparse/amd.h>

// Loading. Each returns 1 when the library is usable, 0 otherwise; the matching
// error function then says which files were tried and why they failed. Safe to
// call from several threads; the work is done once.
int gridcore_lapack_load(void);
const char *gridcore_lapack_error(void);
int gridcore_cholmod_load(void);
const char *gridcore_cholmod_error(void);

// Sets the number of OpenBLAS threads; returns 0 (and does nothing) when the BLAS
// is not loaded, is not OpenBLAS, or the user chose with OPENBLAS_NUM_THREADS or
// OMP_NUM_THREADS.
int gridcore_blas_set_threads(int threads);

// LAPACK/BLAS, netlib Fortran ABI: every argument by pointer, 32-bit integers, a
// hidden size_t length after each CHARACTER argument. Load first.
void gridcore_dpotrf(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t uplo_len);
void gridcore_dpotrs(const char *uplo, const int *n, const int *nrhs, const double *a, const int *lda, double *b,
                     const int *ldb, int *info, size_t uplo_len);
void gridcore_dsytrf(const char *uplo, const int *n, double *a, const int *lda, int *ipiv, double *work,
                     const int *lwork, int *info, size_t uplo_len);
void gridcore_dsytrs(const char *uplo, const int *n, const int *nrhs, const double *a, const int *lda,
                     const int *ipiv, double *b, const int *ldb, int *info, size_t uplo_len);
void gridcore_dpocon(const char *uplo, const int *n, const double *a, const int *lda, const double *anorm,
                     double *rcond, double *work, int *iwork, int *info, size_t uplo_len);
void gridcore_dsycon(const char *uplo, const int *n, const double *a, const int *lda, const int *ipiv,
                     const double *anorm, double *rcond, double *work, int *iwork, int *info, size_t uplo_len);
void gridcore_dgemm(const char *transa, const char *transb, const int *m, const int *n, const int *k,
                    const double *alpha, const double *a, const int *lda, const double *b, const int *ldb,
                    const double *beta, double *c, const int *ldc, size_t transa_len, size_t transb_len);

// CHOLMOD, same signatures as cholmod_*. Load first.
int gridcore_cholmod_start(cholmod_common *common);
int gridcore_cholmod_finish(cholmod_common *common);
cholmod_sparse *gridcore_cholmod_allocate_sparse(size_t nrow, size_t ncol, size_t nzmax, int sorted, int packed,
                                                 int stype, int xtype, cholmod_common *common);
int gridcore_cholmod_free_sparse(cholmod_sparse **a, cholmod_common *common);
cholmod_factor *gridcore_cholmod_analyze(cholmod_sparse *a, cholmod_common *common);
int gridcore_cholmod_factorize(cholmod_sparse *a, cholmod_factor *l, cholmod_common *common);
int gridcore_cholmod_free_factor(cholmod_factor **l, cholmod_common *common);
double gridcore_cholmod_rcond(cholmod_factor *l, cholmod_common *common);
cholmod_dense *gridcore_cholmod_solve(int sys, cholmod_factor *l, cholmod_dense *b, cholmod_common *common);
int gridcore_cholmod_free_dense(cholmod_dense **x, cholmod_common *common);

#endif
