#include "db/bulk_write_journal.hpp"

#include "common/error.hpp"
#include "db/database.hpp"

namespace prismaflow::db {
namespace {

// The journal mode SQLite reports after asking for `mode`: it answers with
// the mode in force, which is the old one when it could not switch.
std::string set_journal_mode(Database& db, const char* mode) {
  auto s = db.prepare(std::string("PRAGMA journal_mode = ") + mode);
  return s.step() ? s.get_text(0) : std::string();
}

}  // namespace

BulkWriteJournal::BulkWriteJournal(Database& db) : db_(db) {
  try {
    if (set_journal_mode(db_, "DELETE") != "delete") return;  // in memory, or shared
    switched_ = true;
    db_.exec("PRAGMA synchronous = FULL");
  } catch (const DbError&) {
    // Busy (another connection holds the file): stay in WAL mode.
  }
}

BulkWriteJournal::~BulkWriteJournal() {
  if (!switched_) return;
  try {
    set_journal_mode(db_, "WAL");
    db_.exec("PRAGMA synchronous = NORMAL");
  } catch (const DbError&) {
    // Left in rollback mode only until the next open, which sets WAL again.
  }
}

}  // namespace prismaflow::db
