// A screening decision's vocabulary: what a reviewer decides about a record
// at a stage (include / exclude / maybe, and at full text not_retrieved) and
// in which role (a reviewer, a resolution of a conflict, an automation rule).
// The spellings are the database's and the decision CSV's.
#pragma once

#include <string_view>

namespace prismaflow::screen {

enum class Decision { kInclude, kExclude, kMaybe, kNotRetrieved };

enum class Role { kReviewer, kResolution, kAutomation };

/// "include", "exclude", "maybe", "not_retrieved" (also "not-retrieved",
/// "unsure"); nullopt-free: throws UsageError naming the accepted values.
Decision parse_decision(std::string_view text);

/// True when `text` names a decision (no throw), for importers.
bool is_decision(std::string_view text);

/// The database spelling.
std::string_view decision_code(Decision d);

Role parse_role(std::string_view text);
std::string_view role_code(Role r);

/// Reviewer name used for automation-rule exclusions: "rule:<name>". Records
/// excluded by such a reviewer are "marked as ineligible by automation tools"
/// before screening; other automation decisions count as excluded at screening.
inline constexpr std::string_view kRulePrefix = "rule:";

}  // namespace prismaflow::screen
