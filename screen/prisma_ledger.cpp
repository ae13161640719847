// PRISMA 2020 counts from plain per-record states (see prisma_ledger.hpp).
// Box definitions follow Page et al. 2021 (BMJ 372:n71), Figure 1, and the
// identities in ../shared/docs/prisma2020.md §3.5.
#include "screen/prisma_ledger.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace prismaflow::screen {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void bump(std::vector<NamedCount>& v, const std::string& name) {
  for (auto& nc : v) {
    if (nc.name == name) {
      ++nc.n;
      return;
    }
  }
  v.push_back({name, 1});
}

// Reasons listed most frequent first (then by name), as reviewers read them.
void sort_reasons(std::vector<NamedCount>& v) {
  std::stable_sort(v.begin(), v.end(), [](const NamedCount& a, const NamedCount& b) {
    return a.n != b.n ? a.n > b.n : a.name < b.name;
  });
}

int newest_version(const std::vector<RecordState>& records) {
  int v = 1;
  for (const auto& r : records) v = std::max(v, r.review_version);
  return v;
}

bool is_included_report(const RecordState& r) {
  return sought_at_full_text(r) && r.ft.state == ConsensusState::kFinal &&
         r.ft.decision == Decision::kInclude;
}

// A study key: the linked study, or the report itself standing for its own
// study (a report not linked yet is one study, PRISMA counts it once).
std::int64_t study_key(const RecordState& r) { return r.study_id ? *r.study_id : -r.record_id; }

}  // namespace

std::string other_method_box(const std::string& source_name) {
  std::string n = lower(source_name);
  for (const char* w : {"citation", "reference", "snowball"}) {
    if (n.find(w) != std::string::npos) return "citations";
  }
  if (n.find("organisation") != std::string::npos || n.find("organization") != std::string::npos) {
    return "organisations";
  }
  return "websites";
}

PrismaCounts compute_counts(const std::vector<RecordState>& records) {
  PrismaCounts c;
  const int version = newest_version(records);
  c.updated_review = version > 1;
  std::set<std::int64_t> previous_studies, new_studies, all_studies, ma_studies;
  for (const auto& r : records) {
    bool included = is_included_report(r);
    if (included) {
      all_studies.insert(study_key(r));
      if (r.in_meta_analysis) {
        ma_studies.insert(study_key(r));
        ++c.total_reports_ma;
      }
    }
    // An updated review's columns hold only the newest version's records.
    if (r.review_version < version) {
      if (included) {
        ++c.previous_reports;
        previous_studies.insert(study_key(r));
      }
      continue;
    }
    const bool other = r.source_kind == "other";
    if (other) {
      c.other_methods = true;
      std::string box = other_method_box(r.source);
      if (box == "citations") ++c.citations_results;
      else if (box == "organisations") ++c.organisation_results;
      else ++c.website_results;
      bump(c.other_sources, r.source);
    } else if (r.source_kind == "register") {
      ++c.register_results;
      bump(c.registers, r.source);
    } else {
      ++c.database_results;
      bump(c.databases, r.source);
    }
    if (!other) {
      // One removal per record, in the order the flow applies them.
      if (r.duplicate) ++c.duplicates;
      else if (r.deleted) ++c.excluded_other;
      else if (r.rule_excluded) ++c.excluded_automatic;
      if (enters_screening(r) && r.ta.state == ConsensusState::kFinal &&
          r.ta.decision != Decision::kMaybe) {
        ++c.records_screened;
        if (r.ta.decision == Decision::kExclude) {
          if (r.ta.by_automation) ++c.records_excluded_automation;
          else ++c.records_excluded_human;
        }
      }
    }
    if (!sought_at_full_text(r)) continue;
    auto& sought = other ? c.other_sought_reports : c.dbr_sought_reports;
    auto& not_retrieved = other ? c.other_notretrieved_reports : c.dbr_notretrieved_reports;
    auto& assessed = other ? c.other_assessed : c.dbr_assessed;
    auto& excluded = other ? c.other_excluded : c.dbr_excluded;
    ++sought;
    if (r.ft.state != ConsensusState::kFinal) continue;
    switch (r.ft.decision) {
      case Decision::kNotRetrieved: ++not_retrieved; break;
      case Decision::kExclude:
        ++assessed;
        bump(excluded, r.ft.reason.empty() ? "(no reason given)" : r.ft.reason);
        break;
      case Decision::kInclude:
        ++assessed;
        ++c.new_reports;
        new_studies.insert(study_key(r));
        break;
      case Decision::kMaybe: break;
    }
  }
  c.records_excluded = c.records_excluded_human + c.records_excluded_automation;
  sort_reasons(c.dbr_excluded);
  sort_reasons(c.other_excluded);
  c.previous_studies = static_cast<std::int64_t>(previous_studies.size());
  c.new_studies = static_cast<std::int64_t>(new_studies.size());
  c.total_studies = static_cast<std::int64_t>(all_studies.size());
  c.total_reports = c.previous_reports + c.new_reports;
  c.total_studies_ma = static_cast<std::int64_t>(ma_studies.size());
  return c;
}

}  // namespace prismaflow::screen
