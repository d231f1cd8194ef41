// Invariant checks. A failed assertion is a bug: it logs where and aborts, in every build type.
#pragma once

#include <cstdio>
#include <cstdlib>

#define ORDO_ASSERT(condition)                                                     \
  do {                                                                             \
    if (!(condition)) [[unlikely]] {                                               \
      std::fprintf(stderr, "ordo: assertion failed: %s at %s:%d\n", #condition,    \
                   __FILE__, __LINE__);                                            \
      std::abort();                                                                \
    }                                                                              \
  } while (false)
