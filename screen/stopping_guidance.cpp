#include "screen/stopping_guidance.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <sstream>
#include <utility>

#include "common/error.hpp"
#include "common/protocol.hpp"
#include "db/database.hpp"
#include "screen/screening_store.hpp"

namespace prismaflow::screen {

StageDecisions stage_decisions(const std::vector<RecordState>& states,
                               const std::vector<DecisionRow>& decisions, Stage stage) {
  StageDecisions out;
  std::set<std::int64_t> in_pool;
  for (const RecordState& r : states) {
    if (stage == Stage::kTitleAbstract ? enters_screening(r) : sought_at_full_text(r)) in_pool.insert(r.record_id);
  }
  out.pool = static_cast<std::int64_t>(in_pool.size());
  struct First {
    std::pair<std::string, std::int64_t> when;  // decided_at, decision_id
    bool included = false;
  };
  std::map<std::int64_t, First> first;  // record -> its first include/exclude, and any include
  for (const DecisionRow& d : decisions) {
    if (d.stage != stage || !in_pool.count(d.record_id)) continue;
    if (d.decision != Decision::kInclude && d.decision != Decision::kExclude) continue;
    const std::pair<std::string, std::int64_t> when{d.decided_at, d.decision_id};
    auto [it, fresh] = first.try_emplace(d.record_id, First{when, false});
    if (!fresh && when < it->second.when) it->second.when = when;
    it->second.included = it->second.included || d.decision == Decision::kInclude;
  }
  std::vector<const First*> order;
  order.reserve(first.size());
  for (const auto& [id, f] : first) order.push_back(&f);
  std::sort(order.begin(), order.end(), [](const First* a, const First* b) { return a->when < b->when; });
  for (const First* f : order) out.relevant_in_order.push_back(f->included);
  return out;
}

StageDecisions load_stage_decisions(db::Database& db, const Protocol& protocol, Stage stage) {
  return stage_decisions(load_record_states(db, protocol), current_decisions(db, stage), stage);
}

StoppingAssessment assess_stopping(const StageDecisions& decisions, Stage stage,
                                   const StoppingOptions& options) {
  if (!(options.min_share_screened >= 0 && options.min_share_screened <= 1))
    throw UsageError("the minimum share screened must be in [0, 1], e.g. 0.5");
  if (options.consecutive_exclusions < 0)
    throw UsageError("the number of consecutive exclusions cannot be negative");
  StoppingAssessment a;
  a.stage = stage;
  a.options = options;
  const auto& seq = decisions.relevant_in_order;
  a.decided = static_cast<std::int64_t>(seq.size());
  a.pool = std::max(decisions.pool, a.decided);
  a.included = std::count(seq.begin(), seq.end(), true);
  for (auto it = seq.rbegin(); it != seq.rend() && !*it; ++it) ++a.trailing_exclusions;
  const double share = a.pool > 0 ? static_cast<double>(a.decided) / static_cast<double>(a.pool) : 0;
  a.heuristic_met = a.decided > 0 && share >= options.min_share_screened &&
                    a.trailing_exclusions >= options.consecutive_exclusions;
  a.statistical = test_stopping(seq, a.pool, options.statistical);
  return a;
}

std::string percent_text(double share) {
  std::ostringstream s;
  s.setf(std::ios::fixed);
  s.precision(0);
  s << 100.0 * share << "%";
  return s.str();
}

std::string p_value_text(double p) {
  std::ostringstream s;
  if (p < 0.001) return "p < 0.001";
  s.setf(std::ios::fixed);
  s.precision(3);
  s << "p = " << p;
  return s.str();
}

std::string stopping_guidance_text(const StoppingAssessment& a) {
  const StoppingOptions& o = a.options;
  const double share = a.pool > 0 ? static_cast<double>(a.decided) / static_cast<double>(a.pool) : 0;
  std::ostringstream s;
  s << "Stopping guidance at " << stage_name(a.stage) << " (nothing is applied): " << a.decided
    << " of " << a.pool << " records decided (" << percent_text(share) << "), " << a.included
    << " included, the last " << a.trailing_exclusions << " decisions were exclusions.\n";
  s << "- Heuristic (at least " << percent_text(o.min_share_screened) << " screened and "
    << o.consecutive_exclusions << " consecutive exclusions): ";
  if (a.heuristic_met) {
    s << "met; stopping now is defensible if the protocol allows it.\n";
  } else {
    const auto need = static_cast<std::int64_t>(
                          std::ceil(o.min_share_screened * static_cast<double>(a.pool))) - a.decided;
    s << "not met yet: keep screening (";
    if (need > 0) s << need << " more decisions to reach the minimum share";
    if (a.trailing_exclusions < o.consecutive_exclusions) {
      if (need > 0) s << ", and ";
      s << o.consecutive_exclusions - a.trailing_exclusions << " more consecutive exclusions";
    }
    s << ").\n";
  }
  const StoppingTest& t = a.statistical;
  s << "- Statistical criterion (Callaghan & Müller-Hansen 2020): if screening stopped now, the "
       "chance that recall is below "
    << percent_text(o.statistical.recall_target) << " is " << p_value_text(t.p_value);
  if (t.sample > 0)
    s << " (the last " << t.sample << " decisions read as a random sample of the records then unscreened)";
  s << ": " << (t.met ? "met" : "not met") << " at the " << percent_text(o.statistical.confidence)
    << " level" << (t.met ? "; stopping now is defensible at that level.\n" : ": keep screening.\n");
  s << "Report the rule used and the number of records left unscreened.";
  return s.str();
}

std::string stopping_guidance_json(const StoppingAssessment& a) {
  const StoppingOptions& o = a.options;
  const StoppingTest& t = a.statistical;
  nlohmann::json j = {
      {"stage", stage_code(a.stage)},
      {"decided", a.decided},
      {"records", a.pool},
      {"included", a.included},
      {"trailing_exclusions", a.trailing_exclusions},
      {"heuristic", {{"min_share_screened", o.min_share_screened},
                     {"consecutive_exclusions", o.consecutive_exclusions},
                     {"met", a.heuristic_met}}},
      {"statistical", {{"method", "Callaghan & Müller-Hansen 2020 (hypergeometric)"},
                       {"recall_target", o.statistical.recall_target},
                       {"confidence", o.statistical.confidence},
                       {"p_value", t.p_value},
                       {"sample", t.sample},
                       {"met", t.met}}}};
  return j.dump();
}

}  // namespace prismaflow::screen
