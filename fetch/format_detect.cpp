#include "fetch/format_detect.hpp"

#include <limits>

#include "common/error.hpp"
#include "fetch/import_reader.hpp"
#include "fetch/medline_parser.hpp"
#include "fetch/ris_parser.hpp"

namespace prismaflow::fetch {

const char* format_name(ImportFormat f) {
  switch (f) {
    case ImportFormat::kRis: return "ris";
    case ImportFormat::kNbib: return "nbib";
    case ImportFormat::kWos: return "wos";
    case ImportFormat::kCsv: return "csv";
    case ImportFormat::kPubmedXml: return "pubmed-xml";
  }
  return "?";
}

std::optional<ImportFormat> parse_format_name(std::string_view name) {
  if (name == "auto") return std::nullopt;
  for (auto f : {ImportFormat::kRis, ImportFormat::kNbib, ImportFormat::kWos, ImportFormat::kCsv,
                 ImportFormat::kPubmedXml}) {
    if (name == format_name(f)) return f;
  }
  if (name == "medline" || name == "txt") return ImportFormat::kNbib;
  if (name == "ciw") return ImportFormat::kWos;
  throw UsageError("--format must be ris, nbib, wos, csv, pubmed-xml or auto, not '" +
                   std::string(name) + "'");
}

std::optional<ImportFormat> detect_format(std::string_view text) {
  std::size_t pos = 0;
  int seen = 0;
  bool first = true;
  std::optional<ImportFormat> guess;
  while (pos < text.size() && seen < 80) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (trim(line).empty()) continue;
    ++seen;
    if (first) {
      first = false;
      if (trim(line).front() == '<') {
        std::string_view head = text.substr(0, 4096);
        if (head.find("PubmedArticleSet") != std::string_view::npos ||
            head.find("PubmedArticle") != std::string_view::npos) {
          return ImportFormat::kPubmedXml;
        }
        return std::nullopt;  // some other XML (EndNote XML is not supported)
      }
      if (line.substr(0, 3) == "FN " || line.substr(0, 3) == "PT ") return ImportFormat::kWos;
      bool has_sep = line.find(',') != std::string_view::npos ||
                     line.find('\t') != std::string_view::npos;
      if (has_sep && !is_ris_tag_line(line) && !is_medline_tag_line(line)) {
        guess = ImportFormat::kCsv;  // unless later lines show tags (a header junk line)
      }
    }
    if (line.substr(0, 5) == "PMID-") return ImportFormat::kNbib;
    if (is_ris_tag_line(line)) {
      std::string_view l = line;
      while (l.substr(0, 3) == "\xEF\xBB\xBF") l.remove_prefix(3);
      if (l.substr(0, 2) == "TY" || l.substr(0, 2) == "ER") return ImportFormat::kRis;
      if (!guess) guess = ImportFormat::kRis;
    }
  }
  return guess;
}

ParsedExport parse_export(std::string_view bytes, const std::string& where,
                          std::optional<ImportFormat> requested, const ColumnMap& map,
                          const ParseOptions& options) {
  ExportReader reader(bytes, where, requested, map, options);
  ParsedExport out;
  out.format = reader.format();
  out.encoding = reader.encoding();
  while (reader.next(std::numeric_limits<std::size_t>::max() / 2, out.result.records)) {
  }
  out.result.skipped = reader.skipped();
  return out;
}

}  // namespace prismaflow::fetch
