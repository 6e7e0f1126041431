// The LAPACK/BLAS routines GridCore calls, and nothing else: prototypes only, in
// the netlib Fortran ABI (trailing underscore, every argument by pointer, 32-bit
// integers, a hidden size_t length after each CHARACTER argument). Linked, not
// loaded: Debian's alternatives decide at run time whether liblapack.so.3 and
// libblas.so.3 are OpenBLAS or the reference implementation.
#ifndef GRIDCORE_LAPACK_SHIM_H
#define GRIDCORE_LAPACK_SHIM_H

#include <stddef.h>

void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t uplo_len);
void dpotrs_(const char *uplo, const int *n, const int *nrhs, const double *a, const int *lda, double *b,
             const int *ldb, int *info, size_t uplo_len);
void dsytrf_(const char *uplo, const int *n, double *a, const int *lda, int *ipiv, double *work, const int *lwork,
             int *info, size_t uplo_len);
void dsytrs_(const char *uplo, const int *n, const int *nrhs, const double *a, const int *lda, const int *ipiv,
             double *b, const int *ldb, int *info, size_t uplo_len);
void dpocon_(const char *uplo, const int *n, const double *a, const int *lda, const double *anorm, double *rcond,
             double *work, int *iwork, int *info, size_t uplo_len);
void dsycon_(const char *uplo, const int *n, const double *a, const int *lda, const int *ipiv, const double *anorm,
             double *rcond, double *work, int *iwork, int *info, size_t uplo_len);
void dgemm_(const char *transa, const char *transb, const int *m, const int *n, const int *k, const double *alpha,
            const double *a, const int *lda, const double *b, const int *ldb, const double *beta, double *c,
            const int *ldc, size_t transa_len, size_t transb_len);

#endif
