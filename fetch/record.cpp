#include "fetch/record.hpp"

namespace prismaflow::fetch {
namespace {

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

}  // namespace

std::string Author::display() const {
  if (!collective_name.empty()) return collective_name;
  std::string init = initials;
  if (init.empty()) {
    for (std::size_t i = 0; i < fore_name.size(); ++i) {
      bool starts = i == 0 || fore_name[i - 1] == ' ' || fore_name[i - 1] == '-';
      if (starts && fore_name[i] != ' ' && fore_name[i] != '-') init += fore_name[i];
    }
  }
  std::string out = last_name;
  if (!init.empty()) out += (out.empty() ? "" : " ") + init;
  if (!suffix.empty()) out += " " + suffix;
  return out;
}

std::string Record::abstract_text() const {
  std::vector<std::string> parts;
  for (const auto& s : abstract) {
    parts.push_back(s.label.empty() ? s.text : s.label + ": " + s.text);
  }
  return join(parts, "\n");
}

std::string Record::authors_text() const {
  std::vector<std::string> parts;
  for (const auto& a : authors) parts.push_back(a.display());
  return join(parts, "; ");
}

std::string Record::mesh_text() const {
  std::vector<std::string> parts;
  for (const auto& m : mesh) parts.push_back(m.major_topic ? "*" + m.descriptor : m.descriptor);
  return join(parts, "; ");
}

}  // namespace prismaflow::fetch
