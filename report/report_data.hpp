// Everything the review report shows, as plain values: filled from the
// database by report_data_store, rendered by html_report / markdown_report.
// Keeping it plain lets tests build a small review in memory and compare the
// rendered bytes with golden files.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/protocol.hpp"
#include "extract/study_characteristics.hpp"
#include "report/forest_plot.hpp"
#include "report/funnel_plot.hpp"
#include "screen/prisma_counts.hpp"
#include "screen/stopping_guidance.hpp"

namespace prismaflow::report {

/// One search as run (PRISMA-S item 8: the query as sent, date, count).
struct SearchLogEntry {
  std::string source, search, query, kind, date;
  std::optional<std::int64_t> count;
};

/// One imported export file of another database.
struct ImportLogEntry {
  std::string source, file, format, date;
  std::int64_t n_records = 0;
};

/// An included study, the citations of its reports and its characteristics
/// (the agreed row, else the first extractor's; none when none were imported).
struct IncludedStudy {
  std::string name;
  std::vector<std::string> reports;
  std::optional<extract::StudyCharacteristics> characteristics;
};

/// A report assessed at full text and excluded, with the reason recorded
/// (PRISMA 2020 item 16b; RevMan's "Characteristics of excluded studies").
struct ExcludedReport {
  std::string citation;
  std::string reason;
};

/// Risk-of-bias judgements of one study (RoB 2 domains).
struct RobStudy {
  std::string study;
  std::vector<std::pair<std::string, std::string>> judgements;  ///< domain, judgement
};

/// One cell of the robustness table (analysis scale).
struct RobustnessLine {
  std::string method, test;
  std::optional<double> estimate, ci_lower, ci_upper, tau2, p;
  std::string note;  ///< why not applicable, when no result
};

/// One outcome's analysis.
struct OutcomeReport {
  std::string name, label;
  std::string measure, method, test;
  double level = 95;
  ForestPlotInput forest;
  std::optional<FunnelPlotInput> funnel;  ///< only with k >= 3 studies
  std::vector<RobustnessLine> robustness;
  std::vector<std::string> warnings;
};

/// How prioritised screening was used (ranking_runs), and the observed
/// title/abstract decisions in the order they were made.
struct Prioritisation {
  std::int64_t rankings = 0;          ///< ranking_runs rows
  std::string stage;                  ///< stage of the latest ranking ("ta", "ft")
  std::string settings_json;          ///< settings of the latest ranking, as stored
  std::int64_t n_included = 0;        ///< training labels of the latest ranking
  std::int64_t n_excluded = 0;
  std::vector<std::string> models;    ///< distinct human model names by last use (latest last)
  /// Title/abstract include (true) / exclude decisions by decided_at.
  std::vector<bool> ta_decisions;
  /// Where title/abstract screening stands against the stopping rules
  /// (screen/stopping_guidance.hpp), as `screen stopping` reports it.
  std::optional<screen::StoppingAssessment> stopping;
};

struct ReportData {
  Protocol protocol;
  std::vector<SearchLogEntry> searches;
  std::vector<ImportLogEntry> imports;
  screen::PrismaCounts prisma;
  std::vector<IncludedStudy> studies;
  std::vector<ExcludedReport> excluded_reports;  ///< by reason, then citation
  std::vector<RobStudy> risk_of_bias;
  std::vector<OutcomeReport> outcomes;
  bool prioritised_screening = false;
  std::string prioritisation_model;  ///< e.g. "logistic regression", when used
  Prioritisation prioritisation;     ///< details, when prioritised_screening
  std::string software_version;
  std::string database_sha256;  ///< content hash of every table (report_data_store)
  std::string as_of;            ///< time of the database's last event
};

/// A file of the report: path relative to the output folder, and its bytes.
struct OutputFile {
  std::string path;
  std::string content;
};

/// The risk-of-bias domains present in `studies`: RoB 2 domains in their
/// published order first, then any others as first seen, "overall" last.
std::vector<std::string> rob_domain_order(const std::vector<RobStudy>& studies);

/// The column heading of a domain: "D1 Randomisation process" for a RoB 2
/// domain, "Overall", or the domain as given.
std::string rob_domain_heading(const std::string& domain);

/// The observed recall curve (figures/recall-ta.svg) of the title/abstract
/// decisions in decision order; empty when there is no decision or no include.
std::string render_recall_svg(const Prioritisation& p);

/// One sentence on the stopping rules at title/abstract, for the report's
/// prioritised-screening table (PRISMA 2020 item 8 and RAISE ask how
/// screening was stopped).
std::string stopping_text(const screen::StoppingAssessment& a);

/// A file-name-safe form of an outcome name ([A-Za-z0-9_-], others -> '-').
std::string slug(const std::string& name);

/// `value` (analysis scale) on the natural scale with 2 decimals: exp() for
/// ratio measures, as the report prints every estimate and CI bound.
std::string natural_text(const OutcomeReport& outcome, double value);

/// The human name of a pooling method ("REML" -> "restricted maximum-likelihood").
std::string method_description(const std::string& method);

/// The methods paragraph generated from the settings actually used.
std::string methods_paragraph(const ReportData& data);

/// PRISMA 2020 items 24-27 as (heading, text) pairs: registration, protocol,
/// support, competing interests (from review.toml's [review], or a line
/// saying they are not recorded and where to record them) and the
/// availability of data and methods (the database hash and `verify`).
std::vector<std::pair<std::string, std::string>> other_information(const ReportData& data);

/// Every file of the report: report.html, report.md and figures/*.svg
/// (prisma.svg, recall-ta.svg when prioritised screening was used,
/// forest-<outcome>.svg, funnel-<outcome>.svg). Pure and
/// deterministic: the same data give byte-identical files.
std::vector<OutputFile> render_report(const ReportData& data);

}  // namespace prismaflow::report
