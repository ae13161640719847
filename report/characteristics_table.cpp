#include "report/characteristics_table.hpp"

#include <algorithm>
#include <initializer_list>

namespace prismaflow::report {
namespace {

std::string join_parts(std::initializer_list<std::string> parts) {
  std::string out;
  for (const auto& p : parts)
    if (!p.empty()) out += (out.empty() ? "" : "; ") + p;
  return out;
}

std::string labelled(const char* label, const std::string& text) {
  return text.empty() ? std::string() : label + text;
}

}  // namespace

const std::vector<std::string>& characteristics_headings() {
  static const std::vector<std::string> headings = {"Study",    "Methods", "Participants", "Interventions",
                                                    "Outcomes", "Notes",   "Reports"};
  return headings;
}

CharacteristicsCells characteristics_cells(const extract::StudyCharacteristics& c) {
  CharacteristicsCells cells;
  cells.methods = join_parts({c.design, c.setting});
  cells.participants = join_parts(
      {c.participants, c.n_randomised ? "N = " + std::to_string(*c.n_randomised) + " randomised" : ""});
  cells.interventions = join_parts({c.interventions, labelled("Comparator: ", c.comparators)});
  cells.outcomes = c.outcomes;
  cells.notes = join_parts({labelled("Registration: ", c.registration),
                            labelled("Funding: ", c.funding), c.notes});
  return cells;
}

bool any_characteristics(const std::vector<IncludedStudy>& studies) {
  return std::any_of(studies.begin(), studies.end(),
                     [](const IncludedStudy& s) { return s.characteristics.has_value(); });
}

}  // namespace prismaflow::report
