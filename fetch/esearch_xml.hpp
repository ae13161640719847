// ESearch replies (eSearchResult) as values: the count, the history-server
// handles, the PMIDs of the page, and the in-band errors and warnings that
// NCBI sends with HTTP 200 (eutils-notes.md section 4). Pure: bytes in.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace prismaflow::fetch {

struct EsearchResult {
  bool has_count = false;  ///< false when the reply is only a top-level ERROR
  std::int64_t count = 0;
  std::int64_t retmax = 0;
  std::int64_t retstart = 0;
  std::string query_key;
  std::string webenv;
  std::vector<std::string> ids;
  std::string query_translation;
  /// Non-empty top-level <ERROR> texts. An empty <ERROR/> is not a failure.
  std::vector<std::string> errors;
  /// ErrorList entries as "PhraseNotFound: text"; these can come with hits.
  std::vector<std::string> error_list;
  /// WarningList entries as "OutputMessage: text".
  std::vector<std::string> warnings;

  /// True when the search itself failed (a top-level ERROR or no Count).
  bool failed() const { return !errors.empty() || !has_count; }
};

/// Parses an esearch XML body. Throws InputError(where, 0, ...) when it is not
/// well-formed XML or its root is not eSearchResult.
EsearchResult parse_esearch_xml(std::string_view xml, const std::string& where);

}  // namespace prismaflow::fetch
