#include "adoptsim/engine/stream_prefix.hpp"

#include <Random123/philox.h>

#include <cassert>
#include <cstring>
#include <utility>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define ADOPTSIM_PREFIX_LANES 1
// The AVX2 and AVX-512 entry points rely on GCC inlining the shared template
// into a function compiled for the wider instruction set (`target` with
// `flatten`); Clang does not carry `target` into template instances, so a
// Clang build has SSE2 lanes only. The words are the same either way.
#if !defined(__clang__)
#define ADOPTSIM_PREFIX_WIDE_LANES 1
#endif
#endif

namespace adoptsim::engine {

namespace {

using Philox = r123::Philox4x32;

void fill_scalar(std::uint64_t seed, std::uint32_t replicate, std::uint32_t purpose,
                 std::span<const std::uint32_t> agents, std::span<StreamPrefix> prefixes) {
  const Philox::key_type key{{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
  for (std::size_t index = 0; index < agents.size(); ++index) {
    for (std::uint32_t block = 0; block < kPrefixBlocks; ++block) {
      const Philox::ctr_type out =
          Philox()(Philox::ctr_type{{replicate, agents[index], purpose, block}}, key);
      for (unsigned word = 0; word < 4; ++word) prefixes[index].words[4 * block + word] = out.v[word];
    }
  }
}

#ifdef ADOPTSIM_PREFIX_LANES

// GCC and Clang note that passing wide vectors changed ABI: it matters
// only across files and compilers, and these vectors never leave this file
// (in an optimised build `flatten` inlines everything into its entry
// point; the sanitizer build, which calls some helpers, passes the same
// tests). For the rest of the file: GCC gives the note when it instantiates
// the templates, at the file's end.
#pragma GCC diagnostic ignored "-Wpsabi"

// Philox4x32-10 (Random123's philox4x32_R) on many counters at once. A lane
// set holds word j of each block in 32-bit lanes of a vector of 64-bit
// elements; the only operation an instruction set supplies is mul_even, the
// 32 × 32 → 64-bit product of the even 32-bit lanes (pmuludq). Everything
// else is GCC vector arithmetic, compiled for the caller's instruction set:
// each entry point below is `flatten`, so the template inlines into it.
template <class Vector, class Words>
struct Rounds {
  static_assert(sizeof(Vector) == sizeof(Words));
  static constexpr std::size_t kLanes = sizeof(Vector) / sizeof(std::uint32_t);

  static Vector splat(std::uint32_t value) { return Vector{} + ((std::uint64_t{value} << 32) | value); }

  // (a[i], b[i]) for the 32-bit lanes i of half `Half` (0: the low lanes).
  // __builtin_shufflevector (GCC 12 and Clang) takes the lanes as constants:
  // lane indices ≥ kLanes name the second vector.
  template <std::size_t Half, std::size_t... Index>
  static Words interleave_words(Vector a, Vector b, std::index_sequence<Index...>) {
    return __builtin_shufflevector(reinterpret_cast<Words>(a), reinterpret_cast<Words>(b),
                                   (Half * kLanes / 2 + Index / 2 + (Index % 2) * kLanes)...);
  }
  template <std::size_t Half>
  static Words interleave_words(Vector a, Vector b) {
    return interleave_words<Half>(a, b, std::make_index_sequence<kLanes>{});
  }
  // The same on 64-bit pairs of words.
  template <std::size_t Half, std::size_t... Index>
  static Words interleave_pairs(Words a, Words b, std::index_sequence<Index...>) {
    constexpr std::size_t kPairs = kLanes / 2;
    return reinterpret_cast<Words>(
        __builtin_shufflevector(reinterpret_cast<Vector>(a), reinterpret_cast<Vector>(b),
                                (Half * kPairs / 2 + Index / 2 + (Index % 2) * kPairs)...));
  }
  template <std::size_t Half>
  static Words interleave_pairs(Words a, Words b) {
    return interleave_pairs<Half>(a, b, std::make_index_sequence<kLanes / 2>{});
  }

  // (hi, lo) of multiplier × x, lane by lane.
  template <class MulEven>
  static void mulhilo(Vector x, Vector multiplier, Vector& hi, Vector& lo, MulEven mul_even) {
    const Vector low_half = Vector{} + 0xffffffffull;
    const Vector even = mul_even(x, multiplier);
    const Vector odd = mul_even(x >> 32, multiplier);
    lo = (even & low_half) | (odd << 32);
    hi = (even >> 32) | (odd & ~low_half);
  }

  template <class MulEven>
  static void fill(std::uint64_t seed, std::uint32_t replicate, std::uint32_t purpose,
                   std::span<const std::uint32_t> agents, std::span<StreamPrefix> prefixes,
                   MulEven mul_even) {
    // Everything but the agent is the same in every lane and batch: the
    // round keys and the counter words are spread once.
    const Vector multiplier0 = splat(0xD2511F53u);
    const Vector multiplier1 = splat(0xCD9E8D57u);
    Vector round_key0[10], round_key1[10];
    auto key0 = static_cast<std::uint32_t>(seed);
    auto key1 = static_cast<std::uint32_t>(seed >> 32);
    for (int round = 0; round < 10; ++round) {
      round_key0[round] = splat(key0);
      round_key1[round] = splat(key1);
      key0 += 0x9E3779B9u;
      key1 += 0xBB67AE85u;
    }
    const Vector replicate_word = splat(replicate);
    const Vector purpose_word = splat(purpose);
    Vector block_word[kPrefixBlocks];
    for (std::uint32_t block = 0; block < kPrefixBlocks; ++block) block_word[block] = splat(block);

    for (std::size_t start = 0; start < agents.size(); start += kLanes) {
      const std::size_t lanes = std::min(kLanes, agents.size() - start);
      std::uint32_t agent_lanes[kLanes] = {};
      std::memcpy(agent_lanes, agents.data() + start, lanes * sizeof(std::uint32_t));
      Vector agent_word;
      std::memcpy(&agent_word, agent_lanes, sizeof(agent_word));
      for (std::uint32_t block = 0; block < kPrefixBlocks; ++block) {
        Vector x0 = replicate_word, x1 = agent_word, x2 = purpose_word, x3 = block_word[block];
#pragma GCC unroll 10
        for (int round = 0; round < 10; ++round) {
          Vector hi0, lo0, hi1, lo1;
          mulhilo(x0, multiplier0, hi0, lo0, mul_even);
          mulhilo(x2, multiplier1, hi1, lo1, mul_even);
          x0 = hi1 ^ x1 ^ round_key0[round];
          x1 = lo1;
          x2 = hi0 ^ x3 ^ round_key1[round];
          x3 = lo0;
        }
        // Lane by lane, the block's four words side by side.
        const Words pairs01_low = interleave_words<0>(x0, x1), pairs01_high = interleave_words<1>(x0, x1);
        const Words pairs23_low = interleave_words<0>(x2, x3), pairs23_high = interleave_words<1>(x2, x3);
        const Words blocks[4] = {
            interleave_pairs<0>(pairs01_low, pairs23_low), interleave_pairs<1>(pairs01_low, pairs23_low),
            interleave_pairs<0>(pairs01_high, pairs23_high), interleave_pairs<1>(pairs01_high, pairs23_high)};
        const auto* block_words = reinterpret_cast<const std::uint32_t*>(blocks);
        for (std::size_t lane = 0; lane < lanes; ++lane) {
          std::memcpy(&prefixes[start + lane].words[std::size_t{4} * block], block_words + 4 * lane,
                      4 * sizeof(std::uint32_t));
        }
      }
    }
  }
};

using Vector128 = std::uint64_t __attribute__((vector_size(16)));
using Vector256 = std::uint64_t __attribute__((vector_size(32)));
using Vector512 = std::uint64_t __attribute__((vector_size(64)));
using Words128 = std::uint32_t __attribute__((vector_size(16)));
using Words256 = std::uint32_t __attribute__((vector_size(32)));
using Words512 = std::uint32_t __attribute__((vector_size(64)));

[[gnu::flatten]] void fill_sse2(std::uint64_t seed, std::uint32_t replicate, std::uint32_t purpose,
                                std::span<const std::uint32_t> agents, std::span<StreamPrefix> prefixes) {
  Rounds<Vector128, Words128>::fill(seed, replicate, purpose, agents, prefixes, [](Vector128 a, Vector128 b) {
    return reinterpret_cast<Vector128>(
        _mm_mul_epu32(reinterpret_cast<__m128i>(a), reinterpret_cast<__m128i>(b)));
  });
}

#ifdef ADOPTSIM_PREFIX_WIDE_LANES
[[gnu::target("avx2"), gnu::flatten]] void fill_avx2(std::uint64_t seed, std::uint32_t replicate,
                                                     std::uint32_t purpose,
                                                     std::span<const std::uint32_t> agents,
                                                     std::span<StreamPrefix> prefixes) {
  Rounds<Vector256, Words256>::fill(
      seed, replicate, purpose, agents, prefixes,
      [](Vector256 a, Vector256 b) __attribute__((target("avx2"))) {
        return reinterpret_cast<Vector256>(
            _mm256_mul_epu32(reinterpret_cast<__m256i>(a), reinterpret_cast<__m256i>(b)));
      });
}

[[gnu::target("avx512f"), gnu::flatten]] void fill_avx512(std::uint64_t seed, std::uint32_t replicate,
                                                          std::uint32_t purpose,
                                                          std::span<const std::uint32_t> agents,
                                                          std::span<StreamPrefix> prefixes) {
  Rounds<Vector512, Words512>::fill(
      seed, replicate, purpose, agents, prefixes,
      // maskz with every lane set: _mm512_mul_epu32 starts from an
      // undefined vector, which GCC 12 reports as uninitialised.
      [](Vector512 a, Vector512 b) __attribute__((target("avx512f"))) {
        return reinterpret_cast<Vector512>(
            _mm512_maskz_mul_epu32(0xff, reinterpret_cast<__m512i>(a), reinterpret_cast<__m512i>(b)));
      });
}

#endif  // ADOPTSIM_PREFIX_WIDE_LANES

#endif  // ADOPTSIM_PREFIX_LANES

}  // namespace

bool supported(PrefixLanes lanes) {
  switch (lanes) {
    case PrefixLanes::Scalar:
      return true;
#ifdef ADOPTSIM_PREFIX_LANES
    case PrefixLanes::Sse2:
      return true;
#ifdef ADOPTSIM_PREFIX_WIDE_LANES
    case PrefixLanes::Avx2:
      return __builtin_cpu_supports("avx2");
    case PrefixLanes::Avx512:
      return __builtin_cpu_supports("avx512f");
#endif
    default:
      return false;
#else
    default:
      return false;
#endif
  }
  return false;
}

PrefixLanes widest_supported_lanes() {
  static const PrefixLanes widest = [] {
    for (const PrefixLanes lanes : {PrefixLanes::Avx512, PrefixLanes::Avx2, PrefixLanes::Sse2})
      if (supported(lanes)) return lanes;
    return PrefixLanes::Scalar;
  }();
  return widest;
}

void fill_prefixes(PrefixLanes lanes, std::uint64_t seed, std::uint32_t replicate, std::uint32_t purpose,
                   std::span<const std::uint32_t> agents, std::span<StreamPrefix> prefixes) {
  assert(supported(lanes) && prefixes.size() >= agents.size());
  switch (lanes) {
#ifdef ADOPTSIM_PREFIX_LANES
    case PrefixLanes::Sse2:
      return fill_sse2(seed, replicate, purpose, agents, prefixes);
#endif
#ifdef ADOPTSIM_PREFIX_WIDE_LANES
    case PrefixLanes::Avx2:
      return fill_avx2(seed, replicate, purpose, agents, prefixes);
    case PrefixLanes::Avx512:
      return fill_avx512(seed, replicate, purpose, agents, prefixes);
#endif
    default:
      return fill_scalar(seed, replicate, purpose, agents, prefixes);
  }
}

void fill_prefixes(std::uint64_t seed, std::uint32_t replicate, std::uint32_t purpose,
                   std::span<const std::uint32_t> agents, std::span<StreamPrefix> prefixes) {
  fill_prefixes(widest_supported_lanes(), seed, replicate, purpose, agents, prefixes);
}

}  // namespace adoptsim::engine
