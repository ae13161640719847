// Automation rules from review.toml ([[screening.automation]]): records whose
// publication types match a rule are marked ineligible before screening, as
// PRISMA 2020's "records marked as ineligible by automation tools", stored as
// title/abstract exclusions with role 'automation' by reviewer "rule:<name>"
// so that they stay apart from human exclusions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/protocol.hpp"

namespace prismaflow::db {
class Database;
}

namespace prismaflow::screen {

/// The first rule excluding a record with these publication types ("; "-
/// separated, case-insensitive exact match), as {rule name, matched type}.
std::optional<std::pair<std::string, std::string>> matching_rule(
    const std::vector<AutomationRule>& rules, const std::string& publication_types);

struct AutomationSummary {
  std::int64_t marked = 0;     ///< newly marked ineligible
  std::int64_t kept = 0;       ///< already marked by the same rule
  std::int64_t released = 0;   ///< marked before, no longer matching (rules changed)
};

/// Applies the rules to every record in one transaction. Re-runnable: the
/// result depends only on the records and the rules. Human decisions are
/// left as they are.
AutomationSummary apply_automation_rules(db::Database& db, const Protocol& protocol);

}  // namespace prismaflow::screen
