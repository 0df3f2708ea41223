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

#include <rapidjson/rapidjson.h>
