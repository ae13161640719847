// Screening decisions as files: the decision CSV (`screen import` / `screen
// export`, columns record_id,pmid,stage,reviewer,decision,reason,note,time —
// other tools rely on these names) and the decision exports of Rayyan and
// ASReview. Parsing is pure: text in, decisions with their line out; every
// problem is an InputError naming "file:line".
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "screen/consensus.hpp"

namespace prismaflow::screen {

/// One decision read from a file, before its record is looked up.
struct ParsedDecision {
  std::size_t line = 0;
  std::optional<std::int64_t> record_id;
  std::string pmid;
  std::string doi;
  Stage stage = Stage::kTitleAbstract;
  std::string reviewer;
  Role role = Role::kReviewer;  ///< reviewer "resolution:NAME" -> resolution by NAME
  Decision decision = Decision::kMaybe;
  std::string reason;
  std::string note;
  std::string time;  ///< "" means the time of import
};

/// The decision CSV's columns, in order.
const std::vector<std::string>& decision_csv_columns();

/// Parses a decision CSV. Columns by name (any order); `record_id` or `pmid`
/// must be present and one of them filled on every row; stage, reviewer and
/// decision are required. Throws InputError("where:line: ...").
std::vector<ParsedDecision> parse_decision_csv(std::string_view text, const std::string& where);

/// Rayyan's exported articles.csv: decisions are in the `notes` column as
/// `RAYYAN-INCLUSION: {"Alice"=>"Included", "Bob"=>"Excluded"}` and reasons as
/// `RAYYAN-EXCLUSION-REASONS: reason1,reason2` (the first reason is kept, all
/// are written to the note). Records by `pubmed_id`, else `doi`. Included ->
/// include, Excluded -> exclude, Maybe -> maybe; rows without a decision are
/// skipped. All decisions go to `stage`.
std::vector<ParsedDecision> parse_rayyan_csv(std::string_view text, const std::string& where,
                                             Stage stage);

/// ASReview's exported dataset CSV: `included` (or `label_included`,
/// `asreview_label`) is 1 (include), 0 (exclude) or empty/-1 (not labelled,
/// skipped). Records by `pmid`/`pubmed_id`, else `doi`. ASReview does not name
/// reviewers, so every decision is `reviewer`'s at `stage`.
std::vector<ParsedDecision> parse_asreview_csv(std::string_view text, const std::string& where,
                                               Stage stage, const std::string& reviewer);

/// One row of the decision CSV for a stored decision (pmid "" when none).
std::string format_decision_row(const DecisionRow& d, const std::string& pmid);

}  // namespace prismaflow::screen
