#include "extract/extraction_validate.hpp"

#include <cmath>
#include <map>
#include <sstream>
#include <tuple>

#include "common/error.hpp"

namespace prismaflow::extract {
namespace {

using Field = std::optional<double> OutcomeRow::*;
struct Named {
  const char* name;
  Field field;
};

const std::vector<Named>& binary_fields() {
  static const std::vector<Named> f = {{"events_t", &OutcomeRow::events_t},
                                       {"total_t", &OutcomeRow::total_t},
                                       {"events_c", &OutcomeRow::events_c},
                                       {"total_c", &OutcomeRow::total_c}};
  return f;
}
const std::vector<Named>& continuous_fields() {
  static const std::vector<Named> f = {{"mean_t", &OutcomeRow::mean_t}, {"sd_t", &OutcomeRow::sd_t},
                                       {"n_t", &OutcomeRow::n_t},       {"mean_c", &OutcomeRow::mean_c},
                                       {"sd_c", &OutcomeRow::sd_c},     {"n_c", &OutcomeRow::n_c}};
  return f;
}
const std::vector<Named>& generic_fields() {
  static const std::vector<Named> f = {{"yi", &OutcomeRow::yi},
                                       {"se", &OutcomeRow::se},
                                       {"vi", &OutcomeRow::vi},
                                       {"estimate", &OutcomeRow::estimate},
                                       {"ci_lower", &OutcomeRow::ci_lower},
                                       {"ci_upper", &OutcomeRow::ci_upper}};
  return f;
}

bool whole(double v) { return std::floor(v) == v; }

std::string fmt(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

[[noreturn]] void fail(const OutcomeRow& r, const std::string& where, const std::string& what) {
  throw InputError(where, r.line, "study '" + r.study + "', outcome '" + r.outcome + "': " + what);
}

void require(const OutcomeRow& r, const std::vector<Named>& fields, const std::string& where,
             const char* type) {
  for (const auto& f : fields) {
    if (!(r.*(f.field))) {
      fail(r, where, std::string(type) + " data needs " + f.name + "; fill it in or leave the "
                     "outcome out for this study");
    }
  }
}

void forbid(const OutcomeRow& r, const std::vector<Named>& fields, const std::string& where,
            const char* type, const char* other) {
  for (const auto& f : fields) {
    if (r.*(f.field)) {
      fail(r, where, std::string("column ") + f.name + " is for " + other + " data, but this "
                     "outcome is " + type + "; remove it or fix the outcome's type in review.toml");
    }
  }
}

}  // namespace

void validate_outcome_row(const OutcomeRow& r, DataType type, const std::string& where) {
  switch (type) {
    case DataType::kBinary: {
      forbid(r, continuous_fields(), where, "binary", "continuous");
      forbid(r, generic_fields(), where, "binary", "generic");
      require(r, binary_fields(), where, "binary");
      for (const auto& f : binary_fields()) {
        double v = *(r.*(f.field));
        if (v < 0 || !whole(v)) fail(r, where, std::string(f.name) + " = " + fmt(v) + " must be a whole number of patients, 0 or more");
      }
      if (*r.total_t == 0 || *r.total_c == 0) fail(r, where, "an arm has total 0; every arm needs patients");
      if (*r.events_t > *r.total_t) fail(r, where, "events_t (" + fmt(*r.events_t) + ") is above total_t (" + fmt(*r.total_t) + ")");
      if (*r.events_c > *r.total_c) fail(r, where, "events_c (" + fmt(*r.events_c) + ") is above total_c (" + fmt(*r.total_c) + ")");
      break;
    }
    case DataType::kContinuous: {
      forbid(r, binary_fields(), where, "continuous", "binary");
      forbid(r, generic_fields(), where, "continuous", "generic");
      require(r, continuous_fields(), where, "continuous");
      if (*r.sd_t <= 0) fail(r, where, "sd_t = " + fmt(*r.sd_t) + " must be positive");
      if (*r.sd_c <= 0) fail(r, where, "sd_c = " + fmt(*r.sd_c) + " must be positive");
      if (*r.n_t < 1 || !whole(*r.n_t)) fail(r, where, "n_t must be a whole number of 1 or more");
      if (*r.n_c < 1 || !whole(*r.n_c)) fail(r, where, "n_c must be a whole number of 1 or more");
      break;
    }
    case DataType::kGeneric: {
      forbid(r, binary_fields(), where, "generic", "binary");
      forbid(r, continuous_fields(), where, "generic", "continuous");
      if (r.estimate || r.ci_lower || r.ci_upper) {
        if (!(r.estimate && r.ci_lower && r.ci_upper)) fail(r, where, "give estimate, ci_lower and ci_upper together");
        if (!(*r.ci_lower < *r.estimate && *r.estimate < *r.ci_upper)) {
          fail(r, where, "the CI (" + fmt(*r.ci_lower) + " to " + fmt(*r.ci_upper) +
                             ") is not around the estimate " + fmt(*r.estimate) +
                             "; check the order and the scale");
        }
        if (is_ratio_measure(r.effect_measure) && *r.ci_lower <= 0) {
          fail(r, where, "a ratio (" + r.effect_measure + ") and its CI must be above 0");
        }
      }
      auto yv = generic_yi_vi(r);
      if (!yv) fail(r, where, "generic data needs yi with se or vi, or estimate with ci_lower and ci_upper");
      if (!(yv->second > 0)) fail(r, where, "the variance must be positive (se or vi above 0)");
      break;
    }
  }
}

namespace {
using Key = std::tuple<std::string, std::string, std::string, std::string>;
Key key_of(const OutcomeRow& r) { return {r.study, r.outcome, r.subgroup, r.timepoint}; }

const std::vector<Named>& all_fields() {
  static const std::vector<Named> f = [] {
    std::vector<Named> v = binary_fields();
    v.insert(v.end(), continuous_fields().begin(), continuous_fields().end());
    v.insert(v.end(), generic_fields().begin(), generic_fields().end());
    return v;
  }();
  return f;
}

std::string show(const std::optional<double>& v) { return v ? fmt(*v) : "(empty)"; }
}  // namespace

std::vector<Discrepancy> compare_extractors(const std::vector<OutcomeRow>& rows) {
  std::map<Key, std::vector<const OutcomeRow*>> groups;
  for (const auto& r : rows)
    if (!r.extractor.empty()) groups[key_of(r)].push_back(&r);
  std::vector<Discrepancy> out;
  for (const auto& [key, group] : groups) {
    for (std::size_t i = 0; i < group.size(); ++i) {
      for (std::size_t j = i + 1; j < group.size(); ++j) {
        const OutcomeRow& a = *group[i];
        const OutcomeRow& b = *group[j];
        for (const auto& f : all_fields()) {
          if (a.*(f.field) != b.*(f.field)) {
            out.push_back({a.study, a.outcome, a.subgroup, a.timepoint, f.name, a.extractor,
                           show(a.*(f.field)), b.extractor, show(b.*(f.field))});
          }
        }
        if (a.effect_measure != b.effect_measure) {
          out.push_back({a.study, a.outcome, a.subgroup, a.timepoint, "effect_measure",
                         a.extractor, a.effect_measure, b.extractor, b.effect_measure});
        }
      }
    }
  }
  return out;
}

std::vector<Discrepancy> compare_rob_extractors(const std::vector<RiskOfBiasRow>& rows) {
  std::map<std::pair<std::string, std::string>, std::vector<const RiskOfBiasRow*>> groups;
  for (const auto& r : rows)
    if (!r.extractor.empty()) groups[{r.study, r.domain}].push_back(&r);
  std::vector<Discrepancy> out;
  for (const auto& [key, group] : groups)
    for (std::size_t i = 0; i < group.size(); ++i)
      for (std::size_t j = i + 1; j < group.size(); ++j)
        if (group[i]->judgement != group[j]->judgement)
          out.push_back({key.first, "", "", "", key.second, group[i]->extractor, group[i]->judgement,
                         group[j]->extractor, group[j]->judgement});
  return out;
}

std::vector<OutcomeRow> rows_for_analysis(const std::vector<OutcomeRow>& rows) {
  std::map<Key, std::vector<const OutcomeRow*>> groups;
  std::vector<Key> order;
  for (const auto& r : rows) {
    auto k = key_of(r);
    if (!groups.count(k)) order.push_back(k);
    groups[k].push_back(&r);
  }
  std::vector<OutcomeRow> out;
  for (const auto& k : order) {
    const auto& g = groups[k];
    const OutcomeRow* agreed = nullptr;
    for (const auto* r : g)
      if (r->extractor.empty()) agreed = r;
    if (agreed) {
      out.push_back(*agreed);
      continue;
    }
    std::vector<OutcomeRow> copies;
    for (const auto* r : g) copies.push_back(*r);
    auto diffs = compare_extractors(copies);
    if (!diffs.empty()) {
      const auto& d = diffs.front();
      throw InputError("study '" + d.study + "', outcome '" + d.outcome + "': extractors " +
                       d.extractor_a + " and " + d.extractor_b + " disagree on " + d.field + " (" +
                       d.value_a + " vs " + d.value_b +
                       "); import an agreed row with an empty extractor column "
                       "(see 'prismaflow extract compare')");
    }
    out.push_back(*g.front());
  }
  return out;
}

}  // namespace prismaflow::extract
