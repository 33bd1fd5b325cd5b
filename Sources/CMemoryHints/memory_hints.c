// CMemoryHints is header-only (static inline functions, inlined into Swift); this file gives SwiftPM a C target.
#include "plp_memory_hints.h"
