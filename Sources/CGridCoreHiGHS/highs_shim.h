// HiGHS for GridCore: its C API (linear programs and convex quadratic programs), linked, not
// loaded. The header comes from the HiGHS that pkg-config names "highs" (scripts/ensure-deps.sh
// installs one from PyPI's highsbox into /usr/local; PKG_CONFIG_PATH can point at another), so
// the declarations match the library that is linked. HighsInt is that build's integer (32-bit
// unless it was configured with HIGHSINT64).
#ifndef GRIDCORE_HIGHS_SHIM_H
#define GRIDCORE_HIGHS_SHIM_H

#include "interfaces/highs_c_api.h"

#endif
