// RandomStream: reproducibility, independence of keys, the key/counter layout
// (known answers), and the moments of every distribution. Statistical checks
// use fixed seeds and a tolerance of 5 standard errors, so they are
// deterministic: a failure means the code changed, not bad luck.
#include <catch2/catch.hpp>

#include <Random123/philox.h>

#include <array>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "adoptsim/engine/random.hpp"

using adoptsim::engine::kGlobalAgent;
using adoptsim::engine::RandomStream;
using adoptsim::engine::StreamKey;

namespace {

constexpr StreamKey kBase{0x0123456789abcdefull, 3, 17, 5};

struct Moments {
  double mean = 0.0;
  double variance = 0.0;  // sample variance
  double fourth = 0.0;    // fourth central moment
  std::size_t n = 0;
};

template <typename Draw>
Moments moments(std::size_t n, Draw draw) {
  std::vector<double> xs(n);
  double sum = 0.0;
  for (double& x : xs) {
    x = static_cast<double>(draw());
    sum += x;
  }
  Moments m;
  m.n = n;
  m.mean = sum / static_cast<double>(n);
  double m2 = 0.0;
  double m4 = 0.0;
  for (double x : xs) {
    const double d = (x - m.mean) * (x - m.mean);
    m2 += d;
    m4 += d * d;
  }
  m.variance = m2 / static_cast<double>(n - 1);
  m.fourth = m4 / static_cast<double>(n);
  return m;
}

// Sample mean and variance within 5 standard errors of the true values; the
// standard error of the variance is estimated from the sample's fourth moment.
void check_moments(const Moments& m, double true_mean, double true_variance) {
  const double n = static_cast<double>(m.n);
  const double se_mean = std::sqrt(true_variance / n);
  const double se_variance = std::sqrt((m.fourth - true_variance * true_variance) / n);
  INFO("mean " << m.mean << " vs " << true_mean << " (se " << se_mean << ")");
  INFO("variance " << m.variance << " vs " << true_variance << " (se " << se_variance << ")");
  CHECK(std::abs(m.mean - true_mean) < 5.0 * se_mean);
  CHECK(std::abs(m.variance - true_variance) < 5.0 * se_variance);
}

double correlation(RandomStream a, RandomStream b, std::size_t n) {
  double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = a.uniform();
    const double y = b.uniform();
    sa += x;
    sb += y;
    saa += x * x;
    sbb += y * y;
    sab += x * y;
  }
  const double dn = static_cast<double>(n);
  const double cov = sab / dn - (sa / dn) * (sb / dn);
  const double va = saa / dn - (sa / dn) * (sa / dn);
  const double vb = sbb / dn - (sb / dn) * (sb / dn);
  return cov / std::sqrt(va * vb);
}

}  // namespace

TEST_CASE("RandomStream is a UniformRandomBitGenerator", "[engine]") {
  STATIC_REQUIRE(std::uniform_random_bit_generator<RandomStream>);
  STATIC_REQUIRE(RandomStream::min() == 0);
  STATIC_REQUIRE(RandomStream::max() == 0xffffffffu);
}

TEST_CASE("known answers pin the Philox key and counter layout", "[engine]") {
  SECTION("all-zero key gives the Random123 Philox4x32-10 known-answer vector") {
    RandomStream stream(StreamKey{});
    CHECK(stream() == 0x6627e8d5u);
    CHECK(stream() == 0xe169c58du);
    CHECK(stream() == 0xbc57ac4cu);
    CHECK(stream() == 0x9b00dbd8u);
  }
  SECTION("a full key: the first words of blocks 0 and 1") {
    RandomStream stream(kBase);
    std::vector<std::uint32_t> words;
    for (int i = 0; i < 8; ++i) words.push_back(stream());
    const std::vector<std::uint32_t> expected{0x9a33c050u, 0xa4cf6949u, 0x696dfc6cu, 0xe3e26a67u,
                                              0x442f1368u, 0x8028d0f3u, 0x77d8c753u, 0x8c4dc84du};
    CHECK(words == expected);
  }
  SECTION("a full key: the first uniforms (two words each, top 26 bits of each)") {
    RandomStream stream(kBase);
    CHECK(stream.uniform() == 0x1.346780d267b4bp-1);
    CHECK(stream.uniform() == 0x1.a5b7f1e3e26a6p-2);
    CHECK(stream.uniform() == 0x1.10bc4d8028d0ep-2);
    CHECK(stream.words_drawn() == 6);
  }
  SECTION("layout: key = seed (low, high), counter = (replicate, agent, purpose, block)") {
    RandomStream stream(kBase);
    using Philox = r123::Philox4x32;
    const Philox::key_type key{{0x89abcdefu, 0x01234567u}};
    for (std::uint32_t block = 0; block < 3; ++block) {
      const Philox::ctr_type ctr{{3u, 17u, 5u, block}};
      const Philox::ctr_type out = Philox()(ctr, key);
      for (int w = 0; w < 4; ++w) {
        INFO("block " << block << " word " << w);
        CHECK(stream() == out.v[w]);
      }
    }
  }
}

TEST_CASE("same key gives the same sequence", "[engine]") {
  RandomStream a(kBase);
  RandomStream b(kBase);
  for (int i = 0; i < 1000; ++i) REQUIRE(a() == b());
  for (int i = 0; i < 1000; ++i) REQUIRE(a.uniform() == b.uniform());
  for (int i = 0; i < 1000; ++i) REQUIRE(a.normal() == b.normal());
  for (int i = 0; i < 300; ++i) REQUIRE(a.gamma(0.7) == b.gamma(0.7));
  for (int i = 0; i < 300; ++i) REQUIRE(a.poisson(60.0) == b.poisson(60.0));
  CHECK(a.words_drawn() == b.words_drawn());
}

TEST_CASE("streams differing in one key field are different and uncorrelated", "[engine]") {
  struct Variant {
    const char* name;
    StreamKey key;
  };
  StreamKey seed_low = kBase;
  seed_low.seed ^= 1;
  StreamKey seed_high = kBase;
  seed_high.seed ^= std::uint64_t{1} << 40;  // only the seed's high word differs
  StreamKey replicate = kBase;
  replicate.replicate += 1;
  StreamKey agent = kBase;
  agent.agent += 1;
  StreamKey global = kBase;
  global.agent = kGlobalAgent;
  StreamKey purpose = kBase;
  purpose.purpose += 1;
  const std::vector<Variant> variants{{"seed low bit", seed_low}, {"seed high word", seed_high},
                                      {"replicate", replicate},   {"agent", agent},
                                      {"global agent", global},   {"purpose", purpose}};
  for (const Variant& v : variants) {
    INFO(v.name);
    RandomStream a(kBase);
    RandomStream b(v.key);
    int equal = 0;
    for (int i = 0; i < 1000; ++i) equal += a() == b() ? 1 : 0;
    CHECK(equal <= 2);  // expected 1000 / 2^32

    const std::size_t n = 100000;
    const double r = correlation(RandomStream(kBase), RandomStream(v.key), n);
    INFO("correlation " << r);
    CHECK(std::abs(r) < 5.0 / std::sqrt(static_cast<double>(n)));
  }
  // Also no correlation with a lag: stream b shifted by one draw.
  RandomStream lagged(kBase);
  lagged.uniform();
  const double r = correlation(RandomStream(kBase), lagged, 100000);
  CHECK(std::abs(r) < 5.0 / std::sqrt(100000.0));
}

TEST_CASE("uniform lies in (0, 1) with the right moments", "[engine]") {
  RandomStream stream(kBase);
  double low = 1.0;
  double high = 0.0;
  const Moments m = moments(1000000, [&] {
    const double u = stream.uniform();
    low = std::min(low, u);
    high = std::max(high, u);
    return u;
  });
  CHECK(low > 0.0);
  CHECK(high < 1.0);
  check_moments(m, 0.5, 1.0 / 12.0);

  // The map's extremes: never 0 or 1, even for all-zero and all-one words.
  CHECK(RandomStream::to_unit_interval(0, 0) == 0x1.0p-53);
  CHECK(RandomStream::to_unit_interval(0xffffffffu, 0xffffffffu) == 1.0 - 0x1.0p-53);
  CHECK(RandomStream::to_unit_interval(0xffffffffu, 0xffffffffu) < 1.0);
  CHECK(RandomStream::to_unit_interval(0x80000000u, 0) == 0.5 + 0x1.0p-53);
  CHECK(RandomStream::to_unit_interval(0, 1u << 6) > RandomStream::to_unit_interval(0, 0));
  CHECK(std::isfinite(std::log(RandomStream::to_unit_interval(0, 0))));

  RandomStream ranged(kBase);
  for (int i = 0; i < 10000; ++i) {
    const double x = ranged.uniform(-3.0, 5.0);
    REQUIRE(x >= -3.0);
    REQUIRE(x < 5.0);
  }
}

TEST_CASE("below stays below its bound without bias", "[engine]") {
  RandomStream stream(kBase);
  for (const std::uint32_t bound : {1u, 2u, 3u, 7u, 1000u, 0x80000001u, 0xfffffffeu, 0xffffffffu}) {
    INFO("bound " << bound);
    for (int i = 0; i < 2000; ++i) REQUIRE(stream.below(bound) < bound);
  }
  for (int i = 0; i < 100; ++i) REQUIRE(stream.below(1) == 0);

  SECTION("chi-square on a small bound") {
    constexpr std::uint32_t kBound = 7;
    const int n = 70000;
    std::array<int, kBound> counts{};
    for (int i = 0; i < n; ++i) ++counts[stream.below(kBound)];
    const double expected = static_cast<double>(n) / kBound;
    double chi2 = 0.0;
    for (int c : counts) chi2 += (c - expected) * (c - expected) / expected;
    INFO("chi-square " << chi2 << " with 6 degrees of freedom");
    CHECK(chi2 < 35.0);  // P(chi2_6 > 35) ~ 4e-6
  }
  SECTION("a bound of 3 * 2^30 is unbiased (multiply-shift without rejection is not)") {
    // Without rejection, floor(x * 3/4) is 0 mod 3 for half of all x.
    const std::uint32_t bound = 3u << 30;
    const int n = 60000;
    int zero_mod_3 = 0;
    for (int i = 0; i < n; ++i) zero_mod_3 += stream.below(bound) % 3 == 0 ? 1 : 0;
    const double p = static_cast<double>(zero_mod_3) / n;
    const double se = std::sqrt((1.0 / 3.0) * (2.0 / 3.0) / n);
    INFO("fraction " << p);
    CHECK(std::abs(p - 1.0 / 3.0) < 5.0 * se);
  }
}

TEST_CASE("bernoulli edge cases and frequency", "[engine]") {
  RandomStream stream(kBase);
  for (int i = 0; i < 1000; ++i) {
    REQUIRE_FALSE(stream.bernoulli(0.0));
    REQUIRE_FALSE(stream.bernoulli(-0.5));
    REQUIRE(stream.bernoulli(1.0));
    REQUIRE(stream.bernoulli(1.5));
  }
  CHECK(stream.words_drawn() == 0);  // certain outcomes draw nothing
  const int n = 100000;
  int hits = 0;
  for (int i = 0; i < n; ++i) hits += stream.bernoulli(0.3) ? 1 : 0;
  const double se = std::sqrt(0.3 * 0.7 / n);
  CHECK(std::abs(static_cast<double>(hits) / n - 0.3) < 5.0 * se);
}

TEST_CASE("chance draws one word and hits at its probability", "[engine]") {
  RandomStream stream(kBase);
  for (int i = 0; i < 1000; ++i) {
    REQUIRE_FALSE(stream.chance(0.0));
    REQUIRE_FALSE(stream.chance(-0.5));
    REQUIRE(stream.chance(1.0));
    REQUIRE(stream.chance(1.5));
  }
  CHECK(stream.words_drawn() == 4000);  // one word each, even when certain
  const int n = 200000;
  for (const double probability : {0.013, 0.3, 0.97}) {
    int hits = 0;
    for (int i = 0; i < n; ++i) hits += stream.chance(probability) ? 1 : 0;
    const double se = std::sqrt(probability * (1.0 - probability) / n);
    INFO("probability " << probability);
    CHECK(std::abs(static_cast<double>(hits) / n - probability) < 5.0 * se);
  }
}

TEST_CASE("exponential", "[engine]") {
  RandomStream stream(kBase);
  CHECK(stream.exponential(0.0) == std::numeric_limits<double>::infinity());
  CHECK(stream.exponential(-1.0) == std::numeric_limits<double>::infinity());
  CHECK(stream.exponential(std::nan("")) == std::numeric_limits<double>::infinity());
  const double rate = 2.5;
  const Moments m = moments(400000, [&] {
    const double x = stream.exponential(rate);
    REQUIRE(x > 0.0);
    REQUIRE(std::isfinite(x));
    return x;
  });
  check_moments(m, 1.0 / rate, 1.0 / (rate * rate));
}

TEST_CASE("normal", "[engine]") {
  RandomStream stream(kBase);
  check_moments(moments(400000, [&] { return stream.normal(); }), 0.0, 1.0);
  check_moments(moments(400000, [&] { return stream.normal(10.0, 2.0); }), 10.0, 4.0);
}

TEST_CASE("gamma", "[engine]") {
  for (const double shape : {0.3, 1.0, 2.5, 9.0}) {
    INFO("shape " << shape);
    RandomStream stream(kBase);
    const Moments m = moments(300000, [&] {
      const double x = stream.gamma(shape);
      REQUIRE(x >= 0.0);
      REQUIRE(std::isfinite(x));
      return x;
    });
    check_moments(m, shape, shape);
  }
}

TEST_CASE("beta", "[engine]") {
  struct Params {
    double a, b;
  };
  for (const Params p : {Params{2.0, 5.0}, Params{0.5, 0.5}, Params{1.0, 1.0}, Params{8.0, 0.7}}) {
    INFO("a " << p.a << ", b " << p.b);
    RandomStream stream(kBase);
    const double s = p.a + p.b;
    const Moments m = moments(300000, [&] {
      const double x = stream.beta(p.a, p.b);
      REQUIRE(x >= 0.0);
      REQUIRE(x <= 1.0);
      return x;
    });
    check_moments(m, p.a / s, p.a * p.b / (s * s * (s + 1.0)));
  }
}

TEST_CASE("poisson", "[engine]") {
  RandomStream stream(kBase);
  CHECK(stream.poisson(0.0) == 0);
  CHECK(stream.poisson(-2.0) == 0);
  // Both algorithms: direct below 30, split above.
  for (const double mean : {0.05, 3.0, 29.9, 30.0, 100.0, 1234.5}) {
    INFO("mean " << mean);
    check_moments(moments(mean > 1000 ? 30000 : 200000, [&] { return stream.poisson(mean); }), mean, mean);
  }
  SECTION("small-mean probabilities match the pmf") {
    const int n = 200000;
    std::array<int, 4> counts{};
    for (int i = 0; i < n; ++i) {
      const std::uint32_t k = stream.poisson(3.0);
      if (k < 4) ++counts[k];
    }
    double pmf = std::exp(-3.0);
    for (std::uint32_t k = 0; k < 4; ++k) {
      INFO("k " << k);
      const double se = std::sqrt(pmf * (1.0 - pmf) / n);
      CHECK(std::abs(static_cast<double>(counts[k]) / n - pmf) < 5.0 * se);
      pmf *= 3.0 / (k + 1);
    }
  }
}

TEST_CASE("words_drawn counts 32-bit words", "[engine]") {
  RandomStream stream(kBase);
  CHECK(stream.words_drawn() == 0);
  stream();
  CHECK(stream.words_drawn() == 1);
  stream.uniform();
  CHECK(stream.words_drawn() == 3);
  for (int i = 0; i < 6; ++i) stream();  // across a block boundary
  CHECK(stream.words_drawn() == 9);
  stream.normal();  // a Box-Muller pair: two uniforms
  CHECK(stream.words_drawn() == 13);
  stream.normal();  // the spare: no draw
  CHECK(stream.words_drawn() == 13);
  stream.exponential(1.0);
  CHECK(stream.words_drawn() == 15);
  stream.exponential(0.0);
  CHECK(stream.words_drawn() == 15);

  // The position, not the history, determines what comes next.
  RandomStream fresh(kBase);
  for (int i = 0; i < 15; ++i) fresh();
  CHECK(fresh() == stream());
}
