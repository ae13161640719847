#include "screen/stage.hpp"

#include "common/error.hpp"

namespace prismaflow::screen {

Stage parse_stage(std::string_view t) {
  if (t == "ta" || t == "title-abstract" || t == "tiab") return Stage::kTitleAbstract;
  if (t == "ft" || t == "fulltext" || t == "full-text") return Stage::kFullText;
  throw UsageError("unknown stage '" + std::string(t) +
                   "'; use ta (title/abstract) or ft (full text)");
}

std::string_view stage_code(Stage s) { return s == Stage::kTitleAbstract ? "ta" : "ft"; }

std::string_view stage_name(Stage s) {
  return s == Stage::kTitleAbstract ? "title/abstract" : "full text";
}

}  // namespace prismaflow::screen
