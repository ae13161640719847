#include "screen/agreement.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

namespace prismaflow::screen {

Agreement compute_agreement(const AgreementTable& t) {
  const std::size_t k = t.size();
  if (k < 2) throw std::invalid_argument("agreement table must be at least 2x2");
  for (const auto& row : t) {
    if (row.size() != k) throw std::invalid_argument("agreement table must be square");
  }
  Agreement a;
  for (const auto& row : t)
    for (auto v : row) a.n += v;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (a.n == 0) {
    a.percent_agreement = a.kappa = a.kappa_se = a.ci_lower = a.ci_upper = a.pabak = nan;
    return a;
  }
  const double n = static_cast<double>(a.n);
  std::vector<double> row_p(k, 0), col_p(k, 0);
  double po = 0;
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = 0; j < k; ++j) {
      double p = static_cast<double>(t[i][j]) / n;
      row_p[i] += p;
      col_p[j] += p;
      if (i == j) po += p;
    }
  }
  double pe = 0;
  for (std::size_t i = 0; i < k; ++i) pe += row_p[i] * col_p[i];
  a.percent_agreement = 100 * po;
  a.pabak = (static_cast<double>(k) * po - 1) / (static_cast<double>(k) - 1);
  if (pe >= 1) {
    a.kappa = a.kappa_se = a.ci_lower = a.ci_upper = nan;
    return a;
  }
  const double kappa = (po - pe) / (1 - pe);
  a.kappa = kappa;
  // Fleiss, Cohen & Everitt (1969), Psychol Bull 72:323, eq. for var(kappa)
  // when kappa is not assumed 0 (the CI, not a test of kappa = 0).
  double sum = 0;
  for (std::size_t i = 0; i < k; ++i) {
    double p_ii = static_cast<double>(t[i][i]) / n;
    double term = 1 - (row_p[i] + col_p[i]) * (1 - kappa);
    sum += p_ii * term * term;
  }
  double off = 0;
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = 0; j < k; ++j) {
      if (i == j) continue;
      double p_ij = static_cast<double>(t[i][j]) / n;
      double s = col_p[i] + row_p[j];
      off += p_ij * s * s;
    }
  }
  double last = kappa - pe * (1 - kappa);
  double var = (sum + (1 - kappa) * (1 - kappa) * off - last * last) / (n * (1 - pe) * (1 - pe));
  a.kappa_se = std::sqrt(std::max(0.0, var));
  a.ci_lower = std::max(-1.0, kappa - 1.959963984540054 * a.kappa_se);
  a.ci_upper = std::min(1.0, kappa + 1.959963984540054 * a.kappa_se);
  return a;
}

std::vector<PairAgreement> agreement_by_pair(const std::vector<DecisionRow>& rows) {
  // stage -> record -> reviewer -> decision (latest current one).
  std::map<int, std::map<std::int64_t, std::map<std::string, const DecisionRow*>>> by;
  for (const auto& r : rows) {
    if (r.role != Role::kReviewer) continue;
    auto& slot = by[static_cast<int>(r.stage)][r.record_id][r.reviewer];
    if (!slot || r.decision_id > slot->decision_id) slot = &r;
  }
  std::vector<PairAgreement> out;
  for (const auto& [stage_int, records] : by) {
    Stage stage = static_cast<Stage>(stage_int);
    std::vector<Decision> cats = {Decision::kInclude, Decision::kExclude, Decision::kMaybe};
    if (stage == Stage::kFullText) cats.push_back(Decision::kNotRetrieved);
    auto index = [&](Decision d) {
      return static_cast<std::size_t>(std::find(cats.begin(), cats.end(), d) - cats.begin());
    };
    std::map<std::pair<std::string, std::string>, AgreementTable> tables;
    for (const auto& [record, reviewers] : records) {
      for (auto a = reviewers.begin(); a != reviewers.end(); ++a) {
        for (auto b = std::next(a); b != reviewers.end(); ++b) {
          auto& table = tables[{a->first, b->first}];
          if (table.empty()) table.assign(cats.size(), std::vector<std::int64_t>(cats.size(), 0));
          ++table[index(a->second->decision)][index(b->second->decision)];
        }
      }
    }
    for (auto& [pair, table] : tables) {
      PairAgreement p;
      p.stage = stage;
      p.reviewer_a = pair.first;
      p.reviewer_b = pair.second;
      for (auto d : cats) p.categories.emplace_back(decision_code(d));
      p.stats = compute_agreement(table);
      p.table = std::move(table);
      out.push_back(std::move(p));
    }
  }
  return out;
}

}  // namespace prismaflow::screen
