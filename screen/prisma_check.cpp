#include "screen/prisma_check.hpp"

#include <algorithm>

namespace prismaflow::screen {
namespace {

struct Column {
  std::string name;
  bool screened_column = false;  // only databases/registers have the screening boxes
  std::int64_t identified = 0, removed = 0, screened = 0, excluded = 0;
  std::int64_t sought = 0, ft_reached = 0, not_retrieved = 0, assessed = 0;
  std::int64_t reasons = 0, included = 0;
  std::vector<std::int64_t> unscreened, ft_not_sought, ft_pending, no_reason;
};

bool final_at(const Consensus& c) { return c.state == ConsensusState::kFinal; }

void add(Column& col, const RecordState& r) {
  ++col.identified;
  if (!enters_screening(r)) {
    ++col.removed;
    if (r.has_ft_decision) col.ft_not_sought.push_back(r.record_id);
    return;
  }
  bool screened = final_at(r.ta) && r.ta.decision != Decision::kMaybe;
  if (screened) {
    ++col.screened;
    if (r.ta.decision == Decision::kExclude) ++col.excluded;
  } else {
    col.unscreened.push_back(r.record_id);
  }
  bool sought = sought_at_full_text(r);
  if (sought) ++col.sought;
  if (sought || r.has_ft_decision) ++col.ft_reached;
  if (!sought) {
    if (r.has_ft_decision) col.ft_not_sought.push_back(r.record_id);
    return;
  }
  if (!final_at(r.ft) || r.ft.decision == Decision::kMaybe) {
    col.ft_pending.push_back(r.record_id);
    return;
  }
  if (r.ft.decision == Decision::kNotRetrieved) {
    ++col.not_retrieved;
  } else {
    ++col.assessed;
    if (r.ft.decision == Decision::kInclude) ++col.included;
    else if (r.ft.reason.empty()) col.no_reason.push_back(r.record_id);
    else ++col.reasons;
  }
}

void report(const Column& col, std::vector<Violation>& out) {
  auto push = [&](std::string identity, std::int64_t expected, std::int64_t actual,
                  std::string why, const std::vector<std::int64_t>& records) {
    if (expected != actual || !records.empty()) {
      out.push_back({col.name, std::move(identity), expected, actual, std::move(why), records});
    }
  };
  if (col.screened_column) {
    push("records screened = identified - removed before screening", col.identified - col.removed,
         col.screened, "entered screening but have no final title/abstract decision (pending, "
         "conflict or maybe)", col.unscreened);
  }
  push("reports sought = records screened - records excluded",
       col.screened_column ? col.screened - col.excluded : col.sought, col.ft_reached,
       "have a full-text decision but were not included at title/abstract", col.ft_not_sought);
  push("reports assessed = reports sought - reports not retrieved", col.sought - col.not_retrieved,
       col.assessed, "sought for retrieval but have no final full-text decision", col.ft_pending);
  push("reports excluded (all reasons) + reports included = reports assessed", col.assessed,
       col.reasons + col.included, "excluded at full text without a reason", col.no_reason);
}

}  // namespace

std::vector<Violation> check_prisma(const std::vector<RecordState>& records) {
  int version = 1;
  for (const auto& r : records) version = std::max(version, r.review_version);
  Column dbr;
  dbr.name = "databases and registers";
  dbr.screened_column = true;
  Column other;
  other.name = "other methods";
  for (const auto& r : records) {
    if (r.review_version < version) continue;  // previous versions were checked then
    add(r.source_kind == "other" ? other : dbr, r);
  }
  std::vector<Violation> out;
  report(dbr, out);
  if (other.identified > 0) report(other, out);
  return out;
}

}  // namespace prismaflow::screen
