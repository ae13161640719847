// PubMed XML as efetch returns it (PubmedArticleSet): the pure parser that
// turns one response body into the shared Record model. No I/O here; the
// fetch runner, --reparse and the importers all call it with bytes.
#pragma once

#include <cstddef>
#include <memory>
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

/// An efetch body parsed into an XML tree and checked (well-formed, a
/// PubmedArticleSet root, a PMID on every article), its articles not yet
/// turned into Records. Building the records is most of a parse's work past
/// the tree, and record(i) only reads the tree, so calls for different i may
/// run on different threads at once: the fetch shares them between its two
/// threads (efetch_batches). Keeps no reference to `xml`.
class PubmedDocument {
 public:
  /// Throws InputError(where, line, ...) as parse_pubmed_xml does.
  PubmedDocument(std::string_view xml, const std::string& where);
  ~PubmedDocument();
  PubmedDocument(const PubmedDocument&) = delete;
  PubmedDocument& operator=(const PubmedDocument&) = delete;

  /// Articles and book articles, in document order.
  std::size_t size() const;
  /// The PMID of article i.
  const std::string& pmid(std::size_t i) const;
  /// Article i as a record, without a raw copy (its span is raw_spans()[i]).
  Record record(std::size_t i) const;
  /// Where each article's element lies in `xml`, parallel to the articles.
  const std::vector<PubmedParseResult::Span>& raw_spans() const;
  /// The PMIDs listed under DeleteCitation.
  const std::vector<DeletedCitation>& deleted() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Parses an efetch PubMed XML body (PubmedArticleSet). `where` names the
/// source in messages. Each record gets raw = its own XML element text
/// (unless `raw` is kSpanOnly), raw_format = "pubmed-xml" and
/// source_record_id = PMID. An empty PubmedArticleSet gives an empty result.
/// Throws InputError(where, 0, ...) if the body is not well-formed XML or has
/// no PubmedArticleSet root.
PubmedParseResult parse_pubmed_xml(std::string_view xml, const std::string& where,
                                   RawCopy raw = RawCopy::kAlways);

}  // namespace prismaflow::fetch
