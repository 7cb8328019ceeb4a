// Counter-based random streams (Random123 Philox4x32-10). A stream is keyed by
// (seed, replicate, agent, purpose): its numbers depend only on that key and
// on how many were drawn from it, never on thread scheduling or on draws from
// other streams. Two scenarios run with one seed draw the same numbers for
// the same (replicate, agent, purpose): common random numbers.
#pragma once

#include <Random123/philox.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace adoptsim::engine {

struct StreamKey {
  std::uint64_t seed = 0;
  std::uint32_t replicate = 0;
  std::uint32_t agent = 0;
  std::uint32_t purpose = 0;
};

// Agent index for streams that belong to the whole simulation, not a person.
inline constexpr std::uint32_t kGlobalAgent = 0xffffffffu;

// The first words of one stream, computed ahead (fill_prefixes in
// stream_prefix.hpp computes many streams' side by side): a stream built
// from its prefix draws them before computing any block itself.
inline constexpr unsigned kPrefixBlocks = 2;
struct StreamPrefix {
  std::array<std::uint32_t, std::size_t{4} * kPrefixBlocks> words{};
};

class RandomStream {
 public:
  using result_type = std::uint32_t;

  // Inline: the workplace model opens a stream per person and step.
  explicit RandomStream(StreamKey key)
      : key_{{static_cast<std::uint32_t>(key.seed), static_cast<std::uint32_t>(key.seed >> 32)}},
        counter_{{key.replicate, key.agent, key.purpose, 0}} {}
  // Starts at Philox block `first_block` of the stream (4 words a block), so
  // a caller can give each of a person's events its own disjoint slice
  // without keeping a stream object per person.
  RandomStream(StreamKey key, std::uint32_t first_block) : RandomStream(key) {
    counter_.v[3] = first_block;
    first_block_ = first_block;
  }
  // Draws exactly the words RandomStream(key) would, given `prefix`, the
  // first kPrefixBlocks blocks of `key`'s stream.
  RandomStream(StreamKey key, const StreamPrefix& prefix) : RandomStream(key) {
    words_ = prefix.words;
    end_word_ = static_cast<unsigned>(prefix.words.size());
    counter_.v[3] = kPrefixBlocks;
  }

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }
  // Uniform 32-bit integer; satisfies UniformRandomBitGenerator.
  result_type operator()() {
    if (next_word_ == end_word_) refill();
    return words_[next_word_++];
  }

  // Uniform in (0, 1): never exactly 0 or 1, so log() is always finite.
  // Draws two words (52 bits of resolution).
  double uniform();
  // The map uniform() applies to its two words (the top 26 bits of each):
  // 0 and ~0 give 2^-53 and 1 - 2^-53. Exposed so its range can be tested.
  static double to_unit_interval(std::uint32_t high_word, std::uint32_t low_word);
  // Uniform in [low, high).
  double uniform(double low, double high);
  // Uniform integer in [0, bound); precondition bound > 0. Unbiased (Lemire).
  std::uint32_t below(std::uint32_t bound) {
    std::uint64_t product = static_cast<std::uint64_t>((*this)()) * bound;
    auto low_part = static_cast<std::uint32_t>(product);
    if (low_part < bound) {
      const std::uint32_t threshold = (0u - bound) % bound;
      while (low_part < threshold) {
        product = static_cast<std::uint64_t>((*this)()) * bound;
        low_part = static_cast<std::uint32_t>(product);
      }
    }
    return static_cast<std::uint32_t>(product >> 32);
  }
  bool bernoulli(double probability);
  // True with probability ceil(probability · 2^32) / 2^32 (clamped to [0, 1]):
  // one word, for hot loops where 2^-32 resolution is plenty.
  bool chance(double probability) { return static_cast<double>((*this)()) < probability * 0x1p32; }
  // Exponential with the given rate (per day); +inf when rate <= 0.
  double exponential(double rate);
  // Standard normal (Box–Muller; both values of a pair are used).
  double normal();
  double normal(double mean, double sd) { return mean + sd * normal(); }
  // Beta(a, b) for a, b > 0 (through two gamma variates, Marsaglia–Tsang).
  double beta(double a, double b);
  // Gamma(shape, scale 1) for shape > 0.
  double gamma(double shape);
  // Poisson with the given mean; 0 when mean <= 0. Precondition: mean finite
  // (cost grows linearly with the mean).
  std::uint32_t poisson(double mean);

  // How many 32-bit words have been drawn: the stream's position. normal()
  // draws 4 words for every second call (Box–Muller pairs); bernoulli() with
  // probability <= 0 or >= 1 draws none. A stream holds 2^34 words.
  std::uint64_t words_drawn() const {
    // Words in the blocks computed (or given as a prefix), less those not
    // yet drawn.
    const std::uint32_t blocks = counter_.v[3] - first_block_;  // modulo 2^32, as the counter runs
    return std::uint64_t{blocks} * 4 - (end_word_ - next_word_);
  }

 private:
  void refill() {
    const Philox::ctr_type block = Philox()(counter_, key_);
    for (unsigned word = 0; word < 4; ++word) words_[word] = block.v[word];
    ++counter_.v[3];
    next_word_ = 0;
    end_word_ = 4;
  }

  using Philox = r123::Philox4x32;
  Philox::key_type key_;
  Philox::ctr_type counter_;  // the next block to compute
  // Words drawn from next_word_ up to end_word_: a prefix, then one block.
  std::array<std::uint32_t, std::size_t{4} * kPrefixBlocks> words_;
  unsigned next_word_ = 0;
  unsigned end_word_ = 0;
  std::uint32_t first_block_ = 0;  // where the stream started
  bool has_spare_normal_ = false;
  double spare_normal_ = 0.0;
};

}  // namespace adoptsim::engine
