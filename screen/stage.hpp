// The two screening stages of PRISMA 2020: title/abstract ("ta", records
// screened) and full text ("ft", reports assessed for eligibility).
#pragma once

#include <string>
#include <string_view>

namespace prismaflow::screen {

enum class Stage { kTitleAbstract, kFullText };

/// "ta" or "ft" (also "title-abstract", "fulltext", "full-text").
/// Throws UsageError naming the accepted values otherwise.
Stage parse_stage(std::string_view text);

/// The database spelling: "ta" or "ft".
std::string_view stage_code(Stage stage);

/// The name a reviewer reads: "title/abstract" or "full text".
std::string_view stage_name(Stage stage);

}  // namespace prismaflow::screen
