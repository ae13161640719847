// meta_bench: the full robustness table (10 estimators x {z, knha}) for
// k = 1,000 synthetic 2x2 tables (fixed seed), as issue 7 measures it.
// Prints the median wall time over repeats; the goal is < 50 ms.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include "analyze/meta_analysis.hpp"

using namespace prismaflow::analyze;

int main(int argc, char** argv) {
  const int k = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 21;
  std::mt19937_64 rng(20240607);
  std::uniform_int_distribution<int> size(20, 400);
  std::normal_distribution<double> effect(-0.3, 0.35);  // true log OR varies between studies
  std::uniform_real_distribution<double> base(0.05, 0.4);
  std::vector<MetaStudyInput> rows;
  for (int i = 0; i < k; ++i) {
    int n1 = size(rng), n2 = size(rng);
    double pc = base(rng);
    double odds_t = pc / (1 - pc) * std::exp(effect(rng));
    double pt = odds_t / (1 + odds_t);
    double a = std::binomial_distribution<int>(n1, pt)(rng), c = std::binomial_distribution<int>(n2, pc)(rng);
    rows.push_back({"study " + std::to_string(i + 1), "", BinaryCounts{a, double(n1), c, double(n2)}, 0});
  }
  MetaOptions o{Measure::OR, Method::REML, TestKind::Z, 95};
  std::vector<double> ms;
  RobustnessResult last;
  for (int r = 0; r < repeats; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    last = robustness_table(rows, o);
    auto t1 = std::chrono::steady_clock::now();
    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  int fitted = 0;
  for (const auto& row : last.rows) fitted += row.result ? 1 : 0;
  std::printf("meta_bench: robustness table, k = %d tables, measure OR, %d fits (MH/PETO have no knha)\n", k, fitted);
  std::printf("  median %.2f ms, min %.2f ms, max %.2f ms over %d repeats (goal < 50 ms)\n", ms[ms.size() / 2],
              ms.front(), ms.back(), repeats);
  for (const auto& row : last.rows)
    if (row.result && row.test == TestKind::Z)
      std::printf("  %-5s estimate %+.6f  tau2 %.6f  iterations %d\n", std::string(to_string(row.method)).c_str(),
                  row.result->estimate, row.result->tau2, row.result->iterations);
  return 0;
}
