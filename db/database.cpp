// SQLite behind the Database/Statement/Transaction interfaces.
#include "db/database.hpp"

#include <sqlite3.h>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "db/migrations.hpp"

namespace prismaflow::db {

struct Statement::Impl {
  sqlite3* db = nullptr;
  sqlite3_stmt* stmt = nullptr;
  ~Impl() { sqlite3_finalize(stmt); }
  [[noreturn]] void fail(const char* what) const {
    throw DbError(std::string(what) + ": " + sqlite3_errmsg(db) + " (in: " +
                  (stmt ? sqlite3_sql(stmt) : "") + ")");
  }
  void check_bind(int rc) const {
    if (rc != SQLITE_OK) fail("database bind failed");
  }
};

Statement::Statement(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Statement::Statement(Statement&&) noexcept = default;
Statement& Statement::operator=(Statement&&) noexcept = default;
Statement::~Statement() = default;

Statement& Statement::bind(int i, std::int64_t v) {
  impl_->check_bind(sqlite3_bind_int64(impl_->stmt, i, v));
  return *this;
}
Statement& Statement::bind(int i, double v) {
  impl_->check_bind(sqlite3_bind_double(impl_->stmt, i, v));
  return *this;
}
Statement& Statement::bind(int i, std::string_view v) {
  // An empty string_view may have a null data(), which SQLite would bind as NULL.
  impl_->check_bind(sqlite3_bind_text64(impl_->stmt, i, v.data() ? v.data() : "", v.size(), SQLITE_TRANSIENT,
                                        SQLITE_UTF8));
  return *this;
}
Statement& Statement::bind_view(int i, std::string_view v) {
  impl_->check_bind(sqlite3_bind_text64(impl_->stmt, i, v.data() ? v.data() : "", v.size(), SQLITE_STATIC,
                                        SQLITE_UTF8));
  return *this;
}
Statement& Statement::bind_blob_view(int i, std::string_view v) {
  impl_->check_bind(sqlite3_bind_blob64(impl_->stmt, i, v.data() ? v.data() : "", v.size(), SQLITE_STATIC));
  return *this;
}
Statement& Statement::bind(int i, std::nullptr_t) {
  impl_->check_bind(sqlite3_bind_null(impl_->stmt, i));
  return *this;
}
Statement& Statement::bind_blob(int i, std::string_view v) {
  impl_->check_bind(sqlite3_bind_blob64(impl_->stmt, i, v.data(), v.size(), SQLITE_TRANSIENT));
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(impl_->stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  impl_->fail("database write failed");
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(impl_->stmt);
  sqlite3_clear_bindings(impl_->stmt);
}

bool Statement::is_null(int c) const { return sqlite3_column_type(impl_->stmt, c) == SQLITE_NULL; }
std::int64_t Statement::get_int(int c) const { return sqlite3_column_int64(impl_->stmt, c); }
double Statement::get_double(int c) const { return sqlite3_column_double(impl_->stmt, c); }
std::string Statement::get_text(int c) const {
  auto p = reinterpret_cast<const char*>(sqlite3_column_text(impl_->stmt, c));
  return p ? std::string(p, sqlite3_column_bytes(impl_->stmt, c)) : std::string();
}
std::optional<std::string> Statement::get_optional_text(int c) const {
  if (is_null(c)) return std::nullopt;
  return get_text(c);
}
std::optional<std::int64_t> Statement::get_optional_int(int c) const {
  if (is_null(c)) return std::nullopt;
  return get_int(c);
}
std::optional<double> Statement::get_optional_double(int c) const {
  if (is_null(c)) return std::nullopt;
  return get_double(c);
}
std::string Statement::get_blob(int c) const {
  auto p = static_cast<const char*>(sqlite3_column_blob(impl_->stmt, c));
  return p ? std::string(p, sqlite3_column_bytes(impl_->stmt, c)) : std::string();
}

struct Database::Impl {
  sqlite3* db = nullptr;
  std::filesystem::path path;
  ~Impl() { sqlite3_close_v2(db); }
};

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

namespace {

void migrate(Database& db) {
  db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  int current = db.schema_version();
  if (current > latest_schema_version()) {
    throw DbError(db.path().string() + ": written by a newer prismaflow (schema version " +
                  std::to_string(current) + ", this build knows up to " +
                  std::to_string(latest_schema_version()) +
                  "); upgrade prismaflow to open it");
  }
  for (const Migration& m : migrations()) {
    if (m.version <= current) continue;
    Transaction tx(db);
    db.exec(m.sql);
    db.run("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
           m.version, m.name, now_utc_iso());
    tx.commit();
  }
}

std::unique_ptr<Database::Impl> open_handle(const std::string& name, int flags) {
  auto impl = std::make_unique<Database::Impl>();
  int rc = sqlite3_open_v2(name.c_str(), &impl->db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = impl->db ? sqlite3_errmsg(impl->db) : sqlite3_errstr(rc);
    throw DbError(name + ": cannot open the review database: " + msg);
  }
  sqlite3_extended_result_codes(impl->db, 1);
  sqlite3_busy_timeout(impl->db, 10000);
  return impl;
}

}  // namespace

Database Database::open(const std::filesystem::path& path, bool create) {
  std::error_code ec;
  if (!create && !std::filesystem::exists(path, ec)) {
    throw DbError(path.string() +
                  ": no review database here; run 'prismaflow init DIR' or pass --review DIR");
  }
  // No connection is used by two threads at once (the fetch and import
  // pipelines keep SQLite on one thread), so the connection mutex SQLite
  // would take on every call is not needed.
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  const bool is_new = !std::filesystem::exists(path, ec) || std::filesystem::file_size(path, ec) == 0;
  auto impl = open_handle(path.string(), flags);
  impl->path = path;
  Database db(std::move(impl));
  try {
    db.exec("PRAGMA foreign_keys = ON");
    // A new review gets 32 KB pages (SQLite's default is 4 KB). A fetched
    // record's row is ~6 KB (its model as JSON, the flattened fields): on
    // 8 KB pages most held one row and a quarter of empty space, and every
    // page is one write system call. With 32 KB pages a 100,000-record
    // fetch (bench/fetch_parse_bench) stores 9% fewer bytes and its storing
    // thread needs 1.3-1.6 s instead of 1.8-2.3 s (5 runs by turns; 8 KB had
    // in turn beaten 4 KB by a tenth). Screening's small writes are paced
    // by a person, not by page size. It can only be set before the first
    // table; existing files keep theirs.
    if (is_new) db.exec("PRAGMA page_size = 32768");
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = NORMAL");
  } catch (const DbError& e) {
    throw DbError(path.string() + ": is not a prismaflow review database (" + e.what() + ")");
  }
  migrate(db);
  return db;
}

Database Database::open_memory() {
  auto impl = open_handle(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_CREATE);
  impl->path = ":memory:";
  Database db(std::move(impl));
  db.exec("PRAGMA foreign_keys = ON");
  migrate(db);
  return db;
}

void Database::exec(std::string_view sql) {
  char* err = nullptr;
  std::string s(sql);
  if (sqlite3_exec(impl_->db, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(impl_->db);
    sqlite3_free(err);
    throw DbError(impl_->path.string() + ": " + msg);
  }
}

Statement Database::prepare(std::string_view sql) {
  auto impl = std::make_unique<Statement::Impl>();
  impl->db = impl_->db;
  if (sqlite3_prepare_v2(impl_->db, sql.data(), static_cast<int>(sql.size()), &impl->stmt,
                         nullptr) != SQLITE_OK) {
    throw DbError(std::string("cannot prepare statement: ") + sqlite3_errmsg(impl_->db) +
                  " (in: " + std::string(sql) + ")");
  }
  return Statement(std::move(impl));
}

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(impl_->db); }
int Database::changes() const { return sqlite3_changes(impl_->db); }
const std::filesystem::path& Database::path() const { return impl_->path; }

int Database::schema_version() {
  auto v = query_int("SELECT max(version) FROM schema_migrations");
  return v ? static_cast<int>(*v) : 0;
}

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (!done_) sqlite3_exec(db_.impl_->db, "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace prismaflow::db
