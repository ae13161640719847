#include "fetch/import_reader.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

#include "common/error.hpp"
#include "fetch/medline_parser.hpp"
#include "fetch/pubmed_xml.hpp"
#include "fetch/ris_parser.hpp"
#include "fetch/text_encoding.hpp"
#include "fetch/wos_parser.hpp"

namespace prismaflow::fetch {

ExportReader::ExportReader(std::string_view bytes, std::string where,
                           std::optional<ImportFormat> requested, const ColumnMap& map,
                           const ParseOptions& options)
    : where_(std::move(where)), map_(map), options_(options) {
  DecodedText decoded = decode_to_utf8(bytes, where_);
  encoding_ = encoding_name(decoded.encoding);
  text_ = std::move(decoded.text);
  std::optional<ImportFormat> detected = detect_format(text_);
  if (requested && detected && *requested != *detected) {
    throw InputError(where_, 0,
                     std::string("this file looks like ") + format_name(*detected) + ", not " +
                         format_name(*requested) + "; pass --format " + format_name(*detected) +
                         " or --format auto");
  }
  if (!requested && !detected) {
    throw InputError(where_, 0,
                     "cannot tell the format of this file (not RIS, MEDLINE/.nbib, Web of "
                     "Science, PubMed XML or CSV); pass --format if you know it");
  }
  format_ = requested ? *requested : *detected;
  if (format_ == ImportFormat::kRis) ris_ = std::make_unique<RisReader>(text_, where_, options_);
}

ExportReader::~ExportReader() = default;

void ExportReader::parse_whole() {
  ImportParseResult result;
  switch (format_) {
    case ImportFormat::kRis: result = parse_ris(text_, where_, options_); break;
    case ImportFormat::kNbib: result = parse_medline(text_, where_, options_); break;
    case ImportFormat::kWos: result = parse_wos(text_, where_, options_); break;
    case ImportFormat::kCsv: result = parse_csv_records(text_, where_, map_, options_); break;
    case ImportFormat::kPubmedXml: result.records = parse_pubmed_xml(text_, where_).records; break;
  }
  whole_ = std::move(result.records);
  skipped_ = std::move(result.skipped);
}

bool ExportReader::next(std::size_t max_records, std::vector<Record>& out) {
  if (finished_ || max_records == 0) return false;
  std::size_t before = out.size();
  if (ris_) {
    // Skipped records do not count toward the batch: read until a record
    // comes out or the text is used up.
    ImportParseResult part;
    while (part.records.empty() && ris_->read(max_records, part)) {
    }
    skipped_.insert(skipped_.end(), std::make_move_iterator(part.skipped.begin()),
                    std::make_move_iterator(part.skipped.end()));
    out.insert(out.end(), std::make_move_iterator(part.records.begin()),
               std::make_move_iterator(part.records.end()));
  } else {
    if (!whole_) parse_whole();
    std::size_t end = std::min(whole_->size(), taken_ + max_records);
    out.insert(out.end(), std::make_move_iterator(whole_->begin() + static_cast<std::ptrdiff_t>(taken_)),
               std::make_move_iterator(whole_->begin() + static_cast<std::ptrdiff_t>(end)));
    taken_ = end;
  }
  n_records_ += out.size() - before;
  if (out.size() > before) return true;
  finished_ = true;
  if (n_records_ == 0) {
    throw InputError(where_, 0,
                     std::string("no records found when reading it as ") + format_name(format_) +
                         (skipped_.empty() ? "" : " (every record was malformed)") +
                         "; check the file and --format");
  }
  return false;
}

}  // namespace prismaflow::fetch
