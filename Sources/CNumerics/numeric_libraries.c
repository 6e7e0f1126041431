// LAPACK/BLAS (OpenBLAS on Debian) and CHOLMOD are opened with dlopen on first
// use instead of being linked. Loading them costs every process about 4 ms
// (relocations, OpenBLAS's start-up: CPU detection, buffers, worker threads),
// and most runs need neither: a large case factors with KLU (linked, small),
// and only small islands (dense LAPACK) or positive definite large ones
// (CHOLMOD) need the others.
#define _GNU_SOURCE
#include "CNumerics.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void (*set_threads_fn)(int);
typedef int (*shutdown_fn)(void);

// Opens the first of `names` that loads; on failure writes what was tried to `error`.
static void *open_first(const char *const *names, char *error, size_t size) {
  size_t used = 0;
  for (const char *const *name = names; *name; ++name) {
    void *handle = dlopen(*name, RTLD_NOW | RTLD_LOCAL);
    if (handle) return handle;
    const char *why = dlerror();
    int n = snprintf(error + used, size - used, "%s%s", used ? "; " : "", why ? why : *name);
    if (n > 0) used += (size_t)n < size - used ? (size_t)n : size - used - 1;
  }
  return NULL;
}

// OpenBLAS workers spin between calls and starve GridCore's own threads on a
// small machine; GridCore's dense systems are small, so BLAS runs on one thread
// unless the user chose otherwise, and the workers started at load are stopped.
// Large dense factorizations ask for all cores (gridcore_blas_set_threads).
static set_threads_fn blas_set_threads;
static pthread_mutex_t blas_mutex = PTHREAD_MUTEX_INITIALIZER;

static void take_over_blas_threads(void *handle) {
  if (getenv("OPENBLAS_NUM_THREADS") || getenv("OMP_NUM_THREADS")) return;
  set_threads_fn set = (set_threads_fn)dlsym(handle, "openblas_set_num_threads");
  if (!set) return;
  pthread_mutex_lock(&blas_mutex);
  if (!blas_set_threads) {
    set(1);
    shutdown_fn shutdown = (shutdown_fn)dlsym(handle, "blas_thread_shutdown_");
    if (shutdown) shutdown();
    blas_set_threads = set;
  }
  pthread_mutex_unlock(&blas_mutex);
}

int gridcore_blas_set_threads(int threads) {
  pthread_mutex_lock(&blas_mutex);
  set_threads_fn set = blas_set_threads;
  pthread_mutex_unlock(&blas_mutex);
  if (!set) return 0;
  set(threads);
  return 1;
}

// MARK: LAPACK/BLAS

static struct {
  void (*dpotrf)(const char *, const int *, double *, const int *, int *, size_t);
  void (*dpotrs)(const char *, const int *, const int *, const double *, const int *, double *, const int *, int *,
                 size_t);
  void (*dsytrf)(const char *, const int *, double *, const int *, int *, double *, const int *, int *, size_t);
  void (*dsytrs)(const char *, const int *, const int *, const double *, const int *, const int *, double *,
                 const int *, int *, size_t);
  void (*dpocon)(const char *, const int *, const double *, const int *, const double *, double *, double *, int *,
                 int *, size_t);
  void (*dsycon)(const char *, const int *, const double *, const int *, const int *, const double *, double *,
                 double *, int *, int *, size_t);
  void (*dgemm)(const char *, const char *, const int *, const int *, const int *, const double *, const double *,
                const int *, const double *, const int *, const double *, double *, const int *, size_t, size_t);
} lapack;
static int lapack_loaded;
static char lapack_load_error[1024] = "LAPACK was not loaded";
static pthread_once_t lapack_once = PTHREAD_ONCE_INIT;

struct symbol {
  const char *name;
  void **slot;
};

// Opens the first library of `names` that loads and fills every slot; returns 1 on success.
static int load_library(const char *const *names, const struct symbol *symbols, size_t count, char *error,
                        size_t size) {
  void *handle = open_first(names, error, size);
  if (!handle) return 0;
  for (size_t k = 0; k < count; ++k) {
    *symbols[k].slot = dlsym(handle, symbols[k].name);
    if (!*symbols[k].slot) {
      snprintf(error, size, "%s: symbol %s not found", names[0], symbols[k].name);
      return 0;
    }
  }
  // CHOLMOD's supernodal kernels call the BLAS it brought in; LAPACK calls its own.
  take_over_blas_threads(handle);
  return 1;
}

static void load_lapack(void) {
  // Debian's alternatives point liblapack.so.3 (and the libblas.so.3 it needs) at OpenBLAS.
  static const char *const names[] = {"liblapack.so.3", "liblapack.so", NULL};
  const struct symbol symbols[] = {
      {"dpotrf_", (void **)&lapack.dpotrf}, {"dpotrs_", (void **)&lapack.dpotrs}, {"dsytrf_", (void **)&lapack.dsytrf},
      {"dsytrs_", (void **)&lapack.dsytrs}, {"dpocon_", (void **)&lapack.dpocon}, {"dsycon_", (void **)&lapack.dsycon},
      {"dgemm_", (void **)&lapack.dgemm},
  };
  lapack_loaded = load_library(names, symbols, sizeof symbols / sizeof *symbols, lapack_load_error,
                               sizeof lapack_load_error);
}

int gridcore_lapack_load(void) {
  pthread_once(&lapack_once, load_lapack);
  return lapack_loaded;
}

const char *gridcore_lapack_error(void) { return lapack_load_error; }

// The Swift side loads before its first call; reaching this without a library is a bug
// or a broken installation, and there is no result to return.
static void require(int loaded, const char *error) {
  if (loaded) return;
  fprintf(stderr, "gridtool: %s\n", error);
  exit(70);
}
#define LAPACK_READY() require(gridcore_lapack_load(), lapack_load_error)

void gridcore_dpotrf(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t uplo_len) {
  LAPACK_READY();
  lapack.dpotrf(uplo, n, a, lda, info, uplo_len);
}

void gridcore_dpotrs(const char *uplo, const int *n, const int *nrhs, const double *a, const int *lda, double *b,
                     const int *ldb, int *info, size_t uplo_len) {
  LAPACK_READY();
  lapack.dpotrs(uplo, n, nrhs, a, lda, b, ldb, info, uplo_len);
}

void gridcore_dsytrf(const char *uplo, const int *n, double *a, const int *lda, int *ipiv, double *work,
                     const int *lwork, int *info, size_t uplo_len) {
  LAPACK_READY();
  lapack.dsytrf(uplo, n, a, lda, ipiv, work, lwork, info, uplo_len);
}

void gridcore_dsytrs(const char *uplo, const int *n, const int *nrhs, const double *a, const int *lda,
                     const int *ipiv, double *b, const int *ldb, int *info, size_t uplo_len) {
  LAPACK_READY();
  lapack.dsytrs(uplo, n, nrhs, a, lda, ipiv, b, ldb, info, uplo_len);
}

void gridcore_dpocon(const char *uplo, const int *n, const double *a, const int *lda, const double *anorm,
                     double *rcond, double *work, int *iwork, int *info, size_t uplo_len) {
  LAPACK_READY();
  lapack.dpocon(uplo, n, a, lda, anorm, rcond, work, iwork, info, uplo_len);
}

void gridcore_dsycon(const char *uplo, const int *n, const double *a, const int *lda, const int *ipiv,
                     const double *anorm, double *rcond, double *work, int *iwork, int *info, size_t uplo_len) {
  LAPACK_READY();
  lapack.dsycon(uplo, n, a, lda, ipiv, anorm, rcond, work, iwork, info, uplo_len);
}

void gridcore_dgemm(const char *transa, const char *transb, const int *m, const int *n, const int *k,
                    const double *alpha, const double *a, const int *lda, const double *b, const int *ldb,
                    const double *beta, double *c, const int *ldc, size_t transa_len, size_t transb_len) {
  LAPACK_READY();
  lapack.dgemm(transa, transb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, transa_len, transb_len);
}

// MARK: CHOLMOD

static struct {
  __typeof__(&cholmod_start) start;
  __typeof__(&cholmod_finish) finish;
  __typeof__(&cholmod_allocate_sparse) allocate_sparse;
  __typeof__(&cholmod_free_sparse) free_sparse;
  __typeof__(&cholmod_analyze) analyze;
  __typeof__(&cholmod_factorize) factorize;
  __typeof__(&cholmod_free_factor) free_factor;
  __typeof__(&cholmod_rcond) rcond;
  __typeof__(&cholmod_solve) solve;
  __typeof__(&cholmod_free_dense) free_dense;
} cholmod;
static int cholmod_loaded;
static char cholmod_load_error[1024] = "CHOLMOD was not loaded";
static pthread_once_t cholmod_once = PTHREAD_ONCE_INIT;

static void load_cholmod(void) {
  // The development link first: it is the library whose headers GridCore was compiled with.
  static const char *const names[] = {"libcholmod.so", "libcholmod.so.5", "libcholmod.so.4", "libcholmod.so.3", NULL};
  const struct symbol symbols[] = {
      {"cholmod_start", (void **)&cholmod.start},
      {"cholmod_finish", (void **)&cholmod.finish},
      {"cholmod_allocate_sparse", (void **)&cholmod.allocate_sparse},
      {"cholmod_free_sparse", (void **)&cholmod.free_sparse},
      {"cholmod_analyze", (void **)&cholmod.analyze},
      {"cholmod_factorize", (void **)&cholmod.factorize},
      {"cholmod_free_factor", (void **)&cholmod.free_factor},
      {"cholmod_rcond", (void **)&cholmod.rcond},
      {"cholmod_solve", (void **)&cholmod.solve},
      {"cholmod_free_dense", (void **)&cholmod.free_dense},
  };
  cholmod_loaded = load_library(names, symbols, sizeof symbols / sizeof *symbols, cholmod_load_error,
                                sizeof cholmod_load_error);
}

int gridcore_cholmod_load(void) {
  pthread_once(&cholmod_once, load_cholmod);
  return cholmod_loaded;
}

const char *gridcore_cholmod_error(void) { return cholmod_load_error; }

#define CHOLMOD_READY() require(gridcore_cholmod_load(), cholmod_load_error)

int gridcore_cholmod_start(cholmod_common *common) {
  CHOLMOD_READY();
  return cholmod.start(common);
}

int gridcore_cholmod_finish(cholmod_common *common) {
  CHOLMOD_READY();
  return cholmod.finish(common);
}

cholmod_sparse *gridcore_cholmod_allocate_sparse(size_t nrow, size_t ncol, size_t nzmax, int sorted, int packed,
                                                 int stype, int xtype, cholmod_common *common) {
  CHOLMOD_READY();
  return cholmod.allocate_sparse(nrow, ncol, nzmax, sorted, packed, stype, xtype, common);
}

int gridcore_cholmod_free_sparse(cholmod_sparse **a, cholmod_common *common) {
  CHOLMOD_READY();
  return cholmod.free_sparse(a, common);
}

cholmod_factor *gridcore_cholmod_analyze(cholmod_sparse *a, cholmod_common *common) {
  CHOLMOD_READY();
  return cholmod.analyze(a, common);
}

int gridcore_cholmod_factorize(cholmod_sparse *a, cholmod_factor *l, cholmod_common *common) {
  CHOLMOD_READY();
  return cholmod.factorize(a, l, common);
}

int gridcore_cholmod_free_factor(cholmod_factor **l, cholmod_common *common) {
  CHOLMOD_READY();
  return cholmod.free_factor(l, common);
}

double gridcore_cholmod_rcond(cholmod_factor *l, cholmod_common *common) {
  CHOLMOD_READY();
  return cholmod.rcond(l, common);
}

cholmod_dense *gridcore_cholmod_solve(int sys, cholmod_factor *l, cholmod_dense *b, cholmod_common *common) {
  CHOLMOD_READY();
  return cholmod.solve(sys, l, b, common);
}

int gridcore_cholmod_free_dense(cholmod_dense **x, cholmod_common *common) {
  CHOLMOD_READY();
  return cholmod.free_dense(x, common);
}
