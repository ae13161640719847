#include "fetch/import_store.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "db/database.hpp"
#include "db/event_log.hpp"
#include "fetch/record_store.hpp"
#include "tests/support/expect_throw_msg.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::fetch {
namespace {

ParsedExport two_records() {
  return parse_export("TY  - JOUR\nID  - a1\nTI  - One\nER  - \nTY  - JOUR\nAN  - a2\nTI  - Two\nER  - \n",
                      "two.ris", std::nullopt);
}

TEST(ImportStoreTest, StoresFileRecordsAndEventOnce) {
  test::TempDir dir;
  auto db = db::Database::open(dir / "review.db", true);
  ImportFileInfo info{"Embase", "database", "two.ris", "hash1"};
  {
    db::Transaction tx(db);
    auto out = store_import(db, info, two_records());
    tx.commit();
    EXPECT_FALSE(out.already_imported);
    EXPECT_EQ(out.n_records, 2u);
  }
  {
    db::Transaction tx(db);
    auto again = store_import(db, info, two_records());
    tx.commit();
    EXPECT_TRUE(again.already_imported);
  }
  auto rows = list_records(db);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].source, "Embase");
  EXPECT_EQ(rows[0].source_record_id, "a1");
  EXPECT_EQ(rows[1].source_record_id, "a2");
  EXPECT_EQ(db.query_int("SELECT count(*) FROM import_files"), 1);
  EXPECT_EQ(db.query_int("SELECT n_records FROM import_files"), 2);
  EXPECT_EQ(db::read_events(db, "import_file").size(), 1u);
}

TEST(ImportStoreTest, SkippedRecordsAreListedInTheImportRow) {
  test::TempDir dir;
  auto db = db::Database::open(dir / "review.db", true);
  ParseOptions skip;
  skip.skip_bad = true;
  auto parsed = parse_export("TY  - JOUR\nTI  - One\nER  - \nTY  - JOUR\nAU  - X, Y\nER  - \n",
                             "s.ris", std::nullopt, {}, skip);
  db::Transaction tx(db);
  store_import(db, {"CENTRAL", "database", "s.ris", "h"}, parsed);
  tx.commit();
  EXPECT_EQ(db.query_int("SELECT n_skipped FROM import_files"), 1);
  auto s = db.prepare("SELECT skipped FROM import_files");
  ASSERT_TRUE(s.step());
  EXPECT_NE(s.get_text(0).find("\"line\":4"), std::string::npos) << s.get_text(0);
}

TEST(ImportStoreTest, SourceKindConflictRollsBack) {
  test::TempDir dir;
  auto db = db::Database::open(dir / "review.db", true);
  {
    db::Transaction tx(db);
    store_import(db, {"Trials", "register", "a.ris", "h1"}, two_records());
    tx.commit();
  }
  {
    db::Transaction tx(db);
    EXPECT_THROW_MSG(store_import(db, {"Trials", "database", "b.ris", "h2"}, two_records()),
                     InputError, "already recorded as a register");
  }
  EXPECT_EQ(db.query_int("SELECT count(*) FROM records"), 2);
}

// Rows are built on a second thread in batches of 1,000: a file spanning
// several batches keeps every record, in file order, with its raw text.
TEST(ImportStoreTest, ManyRecordsAreStoredInFileOrder) {
  std::string ris;
  for (int i = 0; i < 2503; ++i) {
    ris += "TY  - JOUR\nID  - r" + std::to_string(i) + "\nTI  - Record number " + std::to_string(i) +
           "\nDO  - 10.1000/R" + std::to_string(i) + "\nER  - \n";
  }
  test::TempDir dir;
  auto db = db::Database::open(dir / "review.db", true);
  {
    db::Transaction tx(db);
    auto out = store_import(db, {"Scopus", "database", "many.ris", "h"}, parse_export(ris, "many.ris", std::nullopt));
    tx.commit();
    EXPECT_EQ(out.n_records, 2503u);
  }
  auto rows = list_records(db);
  ASSERT_EQ(rows.size(), 2503u);
  for (std::size_t i = 0; i < rows.size(); i += 250) {
    EXPECT_EQ(rows[i].source_record_id, "r" + std::to_string(i));
    EXPECT_EQ(rows[i].doi, "10.1000/r" + std::to_string(i));
  }
  EXPECT_EQ(rows.back().source_record_id, "r2502");
  EXPECT_EQ(db.query_int("SELECT count(*) FROM records WHERE doi IS NOT NULL"), 2503);
  std::string raw = load_raw_payload(db, rows[1700].record_id);
  EXPECT_NE(raw.find("TI  - Record number 1700"), std::string::npos) << raw;
}

// `count` good records, then one without a title (on line 5 * count + 1),
// then one more good record: the bad one sits in the third batch of 1,000.
std::string late_bad_ris(int count) {
  std::string ris;
  for (int i = 0; i < count; ++i) {
    ris += "TY  - JOUR\nID  - r" + std::to_string(i) + "\nTI  - Record number " + std::to_string(i) + "\nER  - \n\n";
  }
  return ris + "TY  - JOUR\nAU  - Nobody, N.\nER  - \n\nTY  - JOUR\nTI  - Last\nER  - \n";
}

// Parsing while storing: a malformed record in a late batch fails the import
// with its line after earlier batches were written, and the transaction's
// rollback leaves the database as it was.
TEST(ImportStoreTest, ALateBadRecordFailsTheStreamedImportAndRollsBack) {
  test::TempDir dir;
  auto db = db::Database::open(dir / "review.db", true);
  std::string ris = late_bad_ris(2400);
  auto events = db::read_events(db).size();
  try {
    db::Transaction tx(db);
    ExportReader reader(ris, "late.ris", std::nullopt);
    store_import(db, {"Scopus", "database", "late.ris", "h"}, reader);
    tx.commit();
    FAIL() << "the bad record was not reported";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("late.ris:12001: record has no title"), std::string::npos) << e.what();
  }
  EXPECT_EQ(db.query_int("SELECT count(*) FROM records"), 0);
  EXPECT_EQ(db.query_int("SELECT count(*) FROM import_files"), 0);
  EXPECT_EQ(db.query_int("SELECT count(*) FROM sources WHERE name = 'Scopus'"), 0);
  EXPECT_EQ(db::read_events(db).size(), events);
}

// With --skip-bad the streamed import stores the rest and the file's row
// lists what was skipped, as the whole-file path does.
TEST(ImportStoreTest, StreamedImportWithSkipBadCountsAtTheEnd) {
  test::TempDir dir;
  auto db = db::Database::open(dir / "review.db", true);
  std::string ris = late_bad_ris(2400);
  ParseOptions skip;
  skip.skip_bad = true;
  ExportReader reader(ris, "late.ris", std::nullopt, {}, skip);
  db::Transaction tx(db);
  auto out = store_import(db, {"Scopus", "database", "late.ris", "h"}, reader);
  tx.commit();
  EXPECT_EQ(out.n_records, 2401u);
  EXPECT_EQ(out.n_skipped, 1u);
  EXPECT_EQ(db.query_int("SELECT count(*) FROM records"), 2401);
  EXPECT_EQ(db.query_int("SELECT n_records FROM import_files"), 2401);
  EXPECT_EQ(db.query_int("SELECT n_skipped FROM import_files"), 1);
  auto s = db.prepare("SELECT skipped FROM import_files");
  ASSERT_TRUE(s.step());
  EXPECT_NE(s.get_text(0).find("\"line\":12001"), std::string::npos) << s.get_text(0);
  auto rows = list_records(db);
  EXPECT_EQ(rows.back().title, "Last");
  auto ev = db::read_events(db, "import_file");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_NE(ev[0].after_json.find("\"n_records\":2401"), std::string::npos) << ev[0].after_json;
}

}  // namespace
}  // namespace prismaflow::fetch
