// The first blocks of many random streams at once. A model that opens a
// stream per agent and step (the workplace model) spends most of a stream's
// cost on its first Philox blocks; streams that share seed, replicate and
// purpose differ only in one counter word, so their blocks are computed side
// by side in SIMD lanes: the same Philox4x32-10, bit for bit, at a fraction
// of the instructions.
#pragma once

#include <cstdint>
#include <span>

#include "adoptsim/engine/random.hpp"

namespace adoptsim::engine {

// prefixes[i] = the first kPrefixBlocks blocks of the stream
// {seed, replicate, agents[i], purpose}. Precondition: prefixes.size() >=
// agents.size().
void fill_prefixes(std::uint64_t seed, std::uint32_t replicate, std::uint32_t purpose,
                   std::span<const std::uint32_t> agents, std::span<StreamPrefix> prefixes);

// The ways fill_prefixes can compute: one block at a time (Random123), or
// 4, 8 or 16 blocks per instruction with SSE2, AVX2 or AVX-512. It uses the
// widest the CPU has; each gives the same words.
enum class PrefixLanes : std::uint8_t { Scalar, Sse2, Avx2, Avx512 };

bool supported(PrefixLanes lanes);
PrefixLanes widest_supported_lanes();
// fill_prefixes with the given lanes. Precondition: supported(lanes).
void fill_prefixes(PrefixLanes lanes, std::uint64_t seed, std::uint32_t replicate, std::uint32_t purpose,
                   std::span<const std::uint32_t> agents, std::span<StreamPrefix> prefixes);

}  // namespace adoptsim::engine
