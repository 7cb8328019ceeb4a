// fill_prefixes: every instruction set the CPU has computes exactly the first
// words RandomStream(key) draws, for any number of agents (whole and partial
// lane sets); a stream built from a prefix continues exactly as the stream
// drawn from its key alone.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "adoptsim/engine/random.hpp"
#include "adoptsim/engine/stream_prefix.hpp"

using adoptsim::engine::fill_prefixes;
using adoptsim::engine::kPrefixBlocks;
using adoptsim::engine::PrefixLanes;
using adoptsim::engine::RandomStream;
using adoptsim::engine::StreamKey;
using adoptsim::engine::StreamPrefix;

namespace {

const char* name(PrefixLanes lanes) {
  switch (lanes) {
    case PrefixLanes::Scalar:
      return "scalar";
    case PrefixLanes::Sse2:
      return "SSE2";
    case PrefixLanes::Avx2:
      return "AVX2";
    case PrefixLanes::Avx512:
      return "AVX-512";
  }
  return "?";
}

}  // namespace

TEST_CASE("each instruction set's prefixes are the streams' first words", "[engine]") {
  // Agents: scattered ids including 0 and the global agent, so lanes differ
  // in every bit; counts cover a partial lane set of every width.
  RandomStream ids(StreamKey{99, 0, 0, 0});
  for (const PrefixLanes lanes :
       {PrefixLanes::Scalar, PrefixLanes::Sse2, PrefixLanes::Avx2, PrefixLanes::Avx512}) {
    if (!adoptsim::engine::supported(lanes)) {
      WARN(name(lanes) << " is not available on this CPU: not tested here");
      continue;
    }
    for (const std::size_t count : {std::size_t{1}, std::size_t{3}, std::size_t{17}, std::size_t{100}}) {
      std::vector<std::uint32_t> agents(count);
      for (std::uint32_t& agent : agents) agent = ids();
      agents.front() = 0;
      agents.back() = adoptsim::engine::kGlobalAgent;
      for (const std::uint64_t seed :
           {std::uint64_t{0}, std::uint64_t{20261130}, std::uint64_t{0xfedcba9876543210ull}}) {
        const std::uint32_t replicate = ids();
        const std::uint32_t purpose = ids();
        std::vector<StreamPrefix> prefixes(count);
        fill_prefixes(lanes, seed, replicate, purpose, agents, prefixes);
        for (std::size_t index = 0; index < count; ++index) {
          RandomStream stream(StreamKey{seed, replicate, agents[index], purpose});
          for (std::size_t word = 0; word < 4 * kPrefixBlocks; ++word) {
            INFO(name(lanes) << ", " << count << " agents, seed " << seed << ", agent " << index << ", word "
                             << word);
            REQUIRE(prefixes[index].words[word] == stream());
          }
        }
      }
    }
  }
}

TEST_CASE("a stream built from its prefix draws what its key alone draws", "[engine]") {
  const StreamKey key{20261130, 4, 123456, 12 | 77u << 8};
  const std::vector<std::uint32_t> agents{key.agent};
  std::vector<StreamPrefix> prefixes(1);
  fill_prefixes(key.seed, key.replicate, key.purpose, agents, prefixes);
  RandomStream from_prefix(key, prefixes[0]);
  RandomStream from_key(key);
  // Past the prefix into blocks the stream computes itself.
  for (std::size_t word = 0; word < 4 * kPrefixBlocks + 40; ++word) {
    INFO("word " << word);
    REQUIRE(from_prefix() == from_key());
    REQUIRE(from_prefix.words_drawn() == from_key.words_drawn());
  }
  CHECK(from_prefix.uniform() == from_key.uniform());
}
