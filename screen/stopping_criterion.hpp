// A statistical stopping criterion for prioritised screening (Callaghan &
// Müller-Hansen 2020, "Statistical stopping criteria for automated screening
// in systematic reviews", Syst Rev 9:273; the `buscar` method). The last n
// decisions are read as a random sample drawn without replacement from the
// records that were unscreened before them; under the null hypothesis that
// screening has so far found less than the target recall, the urn holds at
// least floor(found / target) + 1 - (found before the sample) relevant
// records, and the hypergeometric lower tail gives the chance of seeing as
// few relevant ones in the sample as were seen. The smallest such p-value
// over every sample (every n) is the evidence; below 1 - confidence the null
// is rejected and stopping is defensible at that level. Reading the most
// recent, model-ranked decisions as random is conservative: a ranked sample
// holds more relevant records than a random one would.
#pragma once

#include <cstdint>
#include <vector>

namespace prismaflow::screen {

struct StoppingCriterionOptions {
  double recall_target = 0.95;  ///< in (0, 1)
  double confidence = 0.95;     ///< in (0, 1); the criterion is met when p < 1 - confidence
};

struct StoppingTest {
  double p_value = 1.0;      ///< smallest over the samples; 1 with no decision yet
  std::int64_t sample = 0;   ///< the number of most recent decisions that gave it
  std::int64_t screened = 0;
  std::int64_t included = 0;
  std::int64_t total = 0;    ///< records in the review (screened or not)
  bool met = false;          ///< p_value < 1 - confidence
};

/// P(X <= k) for X hypergeometric: `draws` taken without replacement from
/// `population` records of which `successes` are relevant. 0 when k is below
/// the support, 1 when at or above it. Throws std::invalid_argument for
/// negative counts or successes or draws above population.
double hypergeometric_lower_tail(std::int64_t k, std::int64_t population,
                                 std::int64_t successes, std::int64_t draws);

/// The same through Boost.Math, exact but far slower: the reference the
/// tests hold hypergeometric_lower_tail to.
double hypergeometric_lower_tail_boost(std::int64_t k, std::int64_t population,
                                       std::int64_t successes, std::int64_t draws);

/// The criterion after `decisions` (true = included, in the order they were
/// made) out of `total` records. Throws UsageError when the target or the
/// confidence is outside (0, 1) or when there are more decisions than records.
StoppingTest test_stopping(const std::vector<bool>& decisions, std::int64_t total,
                           const StoppingCriterionOptions& options = {});

/// The first number of decisions (1-based) after which test_stopping() is
/// met for the prefix of `decisions`, or 0 when it never is.
std::int64_t first_stop(const std::vector<bool>& decisions, std::int64_t total,
                        const StoppingCriterionOptions& options = {});

}  // namespace prismaflow::screen
