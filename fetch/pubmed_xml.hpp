// PubMed XML as efetch returns it (PubmedArticleSet): the pure parser that
// turns one response body into the shared Record model. No I/O here; the
// fetch runner, --reparse and the importers all call it with bytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "fetch/record.hpp"

namespace prismaflow::fetch {

/// What one PubmedArticleSet holds: articles and book articles as records,
/// plus the PMIDs listed under DeleteCitation.
struct PubmedParseResult {
  std::vector<Record> records;
  std::vector<DeletedCitation> deleted;
  /// Where each record's raw element lies in the parsed body, parallel to
  /// `records`, so a stored record can point into the stored reply.
  struct Span {
    std::size_t offset = 0;
    std::size_t length = 0;
  };
  std::vector<Span> raw_spans;
};

/// Whether each record gets a copy of its XML element text in Record::raw, or
/// only its span in raw_spans: a caller that keeps the whole body (fetch
/// stores the reply, and records point into it) need not copy every record.
enum class RawCopy { kAlways, kSpanOnly };

/// Parses an efetch PubMed XML body (PubmedArticleSet). `where` names the
/// source in messages. Each record gets raw = its own XML element text
/// (unless `raw` is kSpanOnly), raw_format = "pubmed-xml" and
/// source_record_id = PMID. An empty PubmedArticleSet gives an empty result.
/// Throws InputError(where, 0, ...) if the body is not well-formed XML or has
/// no PubmedArticleSet root.
PubmedParseResult parse_pubmed_xml(std::string_view xml, const std::string& where,
                                   RawCopy raw = RawCopy::kAlways);

}  // namespace prismaflow::fetch
