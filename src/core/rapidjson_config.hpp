// Included before any RapidJSON header. RapidJSON's asserts guard its invariants and our
// use of its API; in a backend, assert() would abort the whole server, so they throw
// instead and the boundary guard reports them as an ERROR.
#pragma once
#include "core.hpp"

#include <stdexcept>

#ifndef RAPIDJSON_ASSERT
#define RAPIDJSON_ASSERT(x) \
  ((x) ? static_cast<void>(0) : throw std::logic_error("RapidJSON assertion failed: " #x))
#endif

// SSE2 is part of x86-64: RapidJSON then scans whitespace and in-situ strings 16 bytes at a time.
#if defined(__SSE2__) && !defined(RAPIDJSON_SSE2)
#define RAPIDJSON_SSE2
#endif

#include <rapidjson/rapidjson.h>
