// The review database: one SQLite file in WAL mode with foreign keys on and a
// busy timeout, so that two reviewers' processes can write to it at once.
// Opening it applies the numbered migrations (db/migrations.cpp); a database
// written by a newer prismaflow is refused. No sqlite3 type leaks from here.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace prismaflow::db {

class Database;

/// A prepared statement. Parameters are 1-based as in SQLite; columns 0-based.
class Statement {
 public:
  Statement(Statement&&) noexcept;
  Statement& operator=(Statement&&) noexcept;
  ~Statement();

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, std::nullptr_t);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind(index, nullptr);
  }
  /// Binds bytes as a BLOB (compressed payloads).
  Statement& bind_blob(int index, std::string_view bytes);

  /// Bind text or bytes WITHOUT copying them (the others copy). Contract:
  /// the caller keeps `text` alive and unchanged until the statement is
  /// reset (run() and reset() do), that parameter is bound again, or the
  /// statement is destroyed; SQLite reads the buffer only while stepping.
  /// For large values bound and run at once, e.g. a batch of record rows.
  Statement& bind_view(int index, std::string_view text);
  Statement& bind_blob_view(int index, std::string_view bytes);

  /// Binds every argument in order, starting at parameter 1.
  template <typename... Args>
  Statement& bind_all(const Args&... args) {
    int i = 0;
    (bind(++i, args), ...);
    return *this;
  }

  /// Advances to the next row; false when done. Throws DbError on failure.
  bool step();
  /// Runs a statement that returns no rows.
  void run();
  void reset();

  bool is_null(int column) const;
  std::int64_t get_int(int column) const;
  double get_double(int column) const;
  std::string get_text(int column) const;
  std::optional<std::string> get_optional_text(int column) const;
  std::optional<std::int64_t> get_optional_int(int column) const;
  std::optional<double> get_optional_double(int column) const;
  std::string get_blob(int column) const;

 private:
  friend class Database;
  struct Impl;
  explicit Statement(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// An open review database. A connection is not shared between threads:
/// each Database (and its Statements) is used by one thread at a time, so
/// SQLite's per-connection mutex is off (SQLITE_OPEN_NOMUTEX). Threads that
/// need the database at once open their own Database on the same file.
class Database {
 public:
  /// Opens (creating if `create`) and migrates the file. Throws DbError when
  /// the file is missing and !create, is not SQLite, or is from a newer version.
  static Database open(const std::filesystem::path& path, bool create = false);
  /// An in-memory database with the full schema (for tests of stores).
  static Database open_memory();

  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql);
  std::int64_t last_insert_rowid() const;
  int changes() const;
  /// The schema version recorded in the file.
  int schema_version();
  const std::filesystem::path& path() const;

  /// Runs `sql` with `args` and returns the single integer it selects, or
  /// nullopt when it selects no row or NULL.
  template <typename... Args>
  std::optional<std::int64_t> query_int(std::string_view sql, const Args&... args) {
    Statement s = prepare(sql);
    s.bind_all(args...);
    if (!s.step() || s.is_null(0)) return std::nullopt;
    return s.get_int(0);
  }
  template <typename... Args>
  void run(std::string_view sql, const Args&... args) {
    Statement s = prepare(sql);
    s.bind_all(args...);
    s.run();
  }

 /// Opaque SQLite connection (defined in database.cpp only).
  struct Impl;

 private:
  explicit Database(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  friend class Transaction;
};

/// RAII transaction: BEGIN IMMEDIATE on construction, ROLLBACK in the
/// destructor unless commit() was called. A throw between the two therefore
/// leaves the database exactly as it was. Not nestable.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace prismaflow::db
