// What the interactive screener shows for one record, rendered as plain ANSI
// text: title, journal, year, authors, abstract with the protocol's include
// keywords in green and exclude keywords in red, publication types, MeSH,
// progress and (unblinded only) the other reviewers' decisions. Pure, so the
// rendering is tested with values; terminal_screener.cpp does the I/O.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace prismaflow::screen {

struct RecordView {
  std::int64_t record_id = 0;
  std::string pmid, title, journal, authors, abstract_text, publication_types, mesh;
  int year = 0;
  std::vector<std::string> others;  ///< "bob: exclude (Wrong population)"; empty when blind
};

struct ProgressView {
  std::string stage_name;  ///< "title/abstract"
  std::string reviewer;
  std::int64_t done = 0;   ///< decided by this reviewer in this session
  std::int64_t remaining = 0;
};

/// Wraps `text` in ANSI colours where a keyword occurs (case-insensitive,
/// ASCII letters; longest match first; exclude keywords win ties).
std::string highlight_keywords(const std::string& text, const std::vector<std::string>& include,
                               const std::vector<std::string>& exclude);

/// The whole screen for `record` (clears the terminal first), with the key help line.
std::string render_record(const RecordView& record, const ProgressView& progress,
                          const std::vector<std::string>& include_keywords,
                          const std::vector<std::string>& exclude_keywords, bool full_text);

/// The reason picker: numbered reasons, 0 to cancel.
std::string render_reason_picker(const std::vector<std::string>& reasons, const std::string& title);

}  // namespace prismaflow::screen
