// Header firewall for src/core: this directory is pure C++17 and must never see a
// PostgreSQL header (their macros and longjmp-based errors do not mix with C++ code
// that relies on destructors). Every core header includes this file first.
#pragma once

#if defined(RR_CORE_BUILD) && defined(POSTGRES_H)
#error "src/core must not include PostgreSQL headers (postgres.h was included first)"
#endif

