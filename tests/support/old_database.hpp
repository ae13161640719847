// A review database as an older prismaflow left it, for migration tests:
// written with SQLite itself, through the migrations below a version only.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

#include "db/migrations.hpp"

namespace prismaflow::test {

/// Writes `path` as the migrations below `version` left it, then runs `rows`.
inline void write_old_database(const std::filesystem::path& path, int version,
                               const std::vector<std::string>& rows) {
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  auto exec = [&](const std::string& sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, &err);
    EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "") << " in " << sql;
    sqlite3_free(err);
  };
  exec("CREATE TABLE schema_migrations(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  for (const auto& m : db::migrations()) {
    if (m.version >= version) continue;
    exec(std::string(m.sql));
    exec("INSERT INTO schema_migrations VALUES (" + std::to_string(m.version) + ", 'old', 'then')");
  }
  for (const auto& sql : rows) exec(sql);
  sqlite3_close(raw);
}

}  // namespace prismaflow::test
