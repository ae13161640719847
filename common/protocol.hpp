// The review protocol, read from review.toml: what the review asks, which
// searches and imports identify records, how screening is run and which
// outcomes are pooled. Parsing is pure (text in, struct out) so tests and
// commands share it; the CLI reads the file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace prismaflow {

/// One saved PubMed search ([[search]] in review.toml).
struct SearchSpec {
  std::string name;
  std::string query;
  std::string mindate;   ///< YYYY, YYYY/MM or YYYY/MM/DD; empty when unset
  std::string maxdate;
  std::string datetype;  ///< pdat, edat, crdt...; empty means E-utilities' default
};

/// One file of another database's export ([[import]]).
struct ImportSpec {
  std::string file;    ///< relative to the review folder
  std::string source;  ///< e.g. "Embase"
  std::string format = "auto";
  std::string kind = "database";  ///< database | register | other
};

/// A rule that excludes records before human screening (PRISMA's
/// "marked as ineligible by automation tools").
struct AutomationRule {
  std::string name;
  std::vector<std::string> exclude_publication_types;
};

/// How `screen --order relevance` ranks ([screening.ranking]). Each key set
/// overrides the product's default (screen/ranking_config.hpp checks the
/// values); the names are those of `screen simulate`'s options, so a setting
/// tried there is copied here as is.
struct RankingSpec {
  std::optional<std::string> model, tokens, tf, balance;
  std::optional<std::int64_t> ngram, min_df;
  std::optional<double> alpha, c, uncertain_share;
  std::optional<std::vector<double>> balance_params;  ///< a, alpha, b, beta
  std::optional<bool> split_title_abstract;
  std::string where;  ///< "review.toml:LINE" of the table, for messages
};

struct ScreeningSpec {
  int reviewers_per_record = 1;
  bool blind = true;
  std::vector<std::string> reviewers;
  std::vector<std::string> exclusion_reasons;
  std::vector<std::string> include_keywords;
  std::vector<std::string> exclude_keywords;
  std::vector<AutomationRule> automation;
  RankingSpec ranking;
};

/// One outcome to pool ([[outcome]]).
struct OutcomeSpec {
  std::string name;   ///< key used in extraction files
  std::string label;  ///< shown in reports
  std::string type = "binary";  ///< binary | continuous | generic
  std::string measure = "RR";
  std::string method = "REML";
  std::string test = "z";
  double level = 95;
  /// Forest-plot labels naming who an effect favours. With higher_is_better
  /// false (events are bad) the treatment label sits left of the null line;
  /// with true (e.g. responders) it sits right of it.
  std::string favours_treatment = "Favours treatment";
  std::string favours_control = "Favours control";
  bool higher_is_better = false;
  /// GRADE certainty of the evidence for the outcome, as the review team
  /// judged it: "" (not assessed), "high", "moderate", "low" or "very low";
  /// with the reasons for rating down (risk of bias, inconsistency,
  /// indirectness, imprecision, publication bias). Shown in the report's
  /// summary of findings.
  std::string certainty;
  std::string certainty_reasons;
};

struct Protocol {
  std::string title;
  std::string question;
  std::vector<std::string> authors;
  /// PRISMA 2020 items 24-26: where the review is registered (register and
  /// number, e.g. "PROSPERO CRD42025000000"), where its protocol can be
  /// read, its funding and the authors' competing interests. Empty: not
  /// recorded, and the report says so.
  std::string registration, protocol_url, funding, competing_interests;
  std::string population, intervention, comparator, outcomes_text, study_design;
  std::string email;
  std::string tool = "prismaflow";
  std::vector<SearchSpec> searches;
  std::vector<ImportSpec> imports;
  ScreeningSpec screening;
  std::vector<OutcomeSpec> outcomes;

  const SearchSpec* find_search(std::string_view name) const;
  const OutcomeSpec* find_outcome(std::string_view name) const;
};

/// Parses review.toml text. `where` names the file in messages.
/// Throws ConfigError("review.toml:LINE: ...") on a syntax or type error.
Protocol parse_protocol(std::string_view toml_text, const std::string& where);

/// A commented template for `prismaflow init`, with `title` filled in.
std::string protocol_template(std::string_view title);

/// Appends a [[search]] table to the text of review.toml, keeping every
/// comment and line the user wrote.
std::string append_search(std::string_view toml_text, const SearchSpec& search);

}  // namespace prismaflow
