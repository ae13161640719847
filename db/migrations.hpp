// The numbered schema migrations. Each is applied once, in order, inside one
// transaction, and recorded in schema_migrations. Never edit a released
// migration: add a new one.
#pragma once

#include <string_view>
#include <vector>

namespace prismaflow::db {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

/// Every migration, in version order.
const std::vector<Migration>& migrations();

/// The schema version this build writes.
int latest_schema_version();

}  // namespace prismaflow::db
