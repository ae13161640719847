#include "screen/terminal_view.hpp"

#include <algorithm>
#include <cctype>

namespace prismaflow::screen {
namespace {

constexpr const char* kGreen = "\x1b[1;32m";
constexpr const char* kRed = "\x1b[1;31m";
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kDim = "\x1b[2m";
constexpr const char* kReset = "\x1b[0m";

bool match_at(const std::string& text, std::size_t pos, const std::string& kw) {
  if (kw.empty() || pos + kw.size() > text.size()) return false;
  for (std::size_t i = 0; i < kw.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[pos + i])) !=
        std::tolower(static_cast<unsigned char>(kw[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string highlight_keywords(const std::string& text, const std::vector<std::string>& include,
                               const std::vector<std::string>& exclude) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t best = 0;
    const char* colour = nullptr;
    for (const auto& kw : exclude) {
      if (kw.size() > best && match_at(text, i, kw)) best = kw.size(), colour = kRed;
    }
    for (const auto& kw : include) {
      if (kw.size() > best && match_at(text, i, kw)) best = kw.size(), colour = kGreen;
    }
    if (colour) {
      out += colour + text.substr(i, best) + kReset;
      i += best;
    } else {
      out += text[i++];
    }
  }
  return out;
}

std::string render_record(const RecordView& r, const ProgressView& p,
                          const std::vector<std::string>& inc, const std::vector<std::string>& exc,
                          bool full_text) {
  std::string out = "\x1b[2J\x1b[H";
  out += std::string(kDim) + "prismaflow screen — " + p.stage_name + " — " + p.reviewer + " — " +
         std::to_string(p.done) + " decided, " + std::to_string(p.remaining) + " remaining" +
         kReset + "\r\n\r\n";
  out += std::string(kBold) + "[" + std::to_string(r.record_id) + "] " +
         highlight_keywords(r.title, inc, exc) + kReset + "\r\n";
  out += r.journal + (r.year ? " (" + std::to_string(r.year) + ")" : std::string()) +
         (r.pmid.empty() ? "" : "  PMID " + r.pmid) + "\r\n";
  if (!r.authors.empty()) out += std::string(kDim) + r.authors + kReset + "\r\n";
  out += "\r\n";
  std::string abs = r.abstract_text.empty() ? std::string("(no abstract)") : r.abstract_text;
  std::string shown = highlight_keywords(abs, inc, exc);
  // Raw mode needs CR LF line ends.
  for (char c : shown) {
    if (c == '\n') out += "\r\n";
    else out += c;
  }
  out += "\r\n\r\n";
  if (!r.publication_types.empty()) out += "Publication types: " + r.publication_types + "\r\n";
  if (!r.mesh.empty()) {
    std::string mesh = r.mesh;
    std::replace(mesh.begin(), mesh.end(), '\n', ';');
    out += "MeSH: " + mesh + "\r\n";
  }
  for (const auto& o : r.others) out += std::string(kDim) + "other reviewer: " + o + kReset + "\r\n";
  out += "\r\n";
  out += std::string(kBold) + "[i]nclude  [e]xclude  [m]aybe  " +
         (full_text ? "[n]ot retrieved  " : "") + "[s]kip  [u]ndo  [q]uit" + kReset + "\r\n";
  return out;
}

std::string render_reason_picker(const std::vector<std::string>& reasons, const std::string& title) {
  std::string out = "\r\n" + title + ":\r\n";
  for (std::size_t i = 0; i < reasons.size() && i < 9; ++i) {
    out += "  " + std::to_string(i + 1) + ") " + reasons[i] + "\r\n";
  }
  out += "  0) cancel\r\n";
  return out;
}

}  // namespace prismaflow::screen
