// check_reparse against a real review database: the archived efetch body and
// the records are stored through the fetch stage's own writers, then the
// stored records are altered behind its back and the check must name them.
#include "report/reparse_check.hpp"

#include <gtest/gtest.h>

#include "common/file.hpp"
#include "db/database.hpp"
#include "fetch/eutils_transport.hpp"
#include "fetch/pubmed_xml.hpp"
#include "fetch/record_json.hpp"
#include "fetch/record_store.hpp"
#include "fetch/search_run_store.hpp"
#include "report/report_data_store.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/shared_data.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::report {
namespace {

std::string fixture() { return read_file(test::source_dir() / "tests/data/report/efetch-two-records.xml"); }

// A fetch run as the runner leaves it: raw response archived, records stored.
void store_run(db::Database& db, const std::string& body) {
  db::Transaction tx(db);
  auto source = fetch::ensure_source(db, "PubMed", "database");
  auto search = fetch::ensure_search(db, source, {"main", "blinatumomab", "", "", ""});
  fetch::RunStart start;
  start.search_id = search;
  start.kind = "initial";
  start.query_sent = "blinatumomab";
  auto run = fetch::create_run(db, start);
  fetch::EutilsRequest req{"efetch.fcgi", {{"db", "pubmed"}, {"id", "2000001,2000002,2000003"}}, false};
  fetch::add_raw_response(db, run, req, {200, body, "", -1});
  fetch::RecordWriter writer(db);
  for (const auto& r : fetch::parse_pubmed_xml(body, "fixture").records) writer.insert(r, {source, run, {}, 1});
  tx.commit();
}

TEST(ReparseCheck, StoredRecordsMatchTheirResponse) {
  test::TempDir tmp;
  auto db = db::Database::open(tmp / "review.db", true);
  store_run(db, fixture());
  // The writer does not apply DeleteCitation (the runner does); mark it here.
  db.exec("INSERT INTO records(source_id, run_id, pmid, title, added_at, deleted) "
          "SELECT source_id, run_id, '2000003', 'Deleted one', 'x', 1 FROM records LIMIT 1");
  auto check = check_reparse(db);
  EXPECT_EQ(check.responses, 1);
  EXPECT_EQ(check.records, 3);
  EXPECT_TRUE(check.differences.empty()) << check.differences.front().what;
}

TEST(ReparseCheck, RowsStoredInFullByEarlierVersionsStillMatch) {
  test::TempDir tmp;
  auto db = db::Database::open(tmp / "review.db", true);
  store_run(db, fixture());
  // Earlier versions stored every key, empty ones included.
  auto upd = db.prepare("UPDATE records SET record_json = ? WHERE pmid = ?");
  for (const auto& r : fetch::parse_pubmed_xml(fixture(), "fixture").records) {
    upd.bind(1, fetch::record_to_json_full(r)).bind(2, r.pmid);
    upd.run();
  }
  auto check = check_reparse(db);
  EXPECT_EQ(check.records, 2);
  EXPECT_TRUE(check.differences.empty()) << check.differences.front().what;
  // An edit in such a row is still found.
  db.exec("UPDATE records SET record_json = json_set(record_json, '$.title', 'Edited') WHERE pmid = '2000001'");
  check = check_reparse(db);
  ASSERT_EQ(check.differences.size(), 1u);
  EXPECT_EQ(check.differences[0].pmid, "2000001");
  EXPECT_EQ(check.differences[0].what, "stored record differs in: title");
}

TEST(ReparseCheck, NamesEveryDifferenceAndWritesNothing) {
  test::TempDir tmp;
  auto db = db::Database::open(tmp / "review.db", true);
  store_run(db, fixture());
  // An edited title, a record gone, and a deleted PMID still live.
  db.exec("UPDATE records SET record_json = json_set(record_json, '$.title', 'Edited') WHERE pmid = '2000001'");
  db.exec("DELETE FROM records WHERE pmid = '2000002'");
  db.exec("INSERT INTO records(source_id, run_id, pmid, title, added_at) "
          "SELECT source_id, run_id, '2000003', 'Still here', 'x' FROM records LIMIT 1");
  const auto before = database_content_sha256(db);
  auto check = check_reparse(db);
  ASSERT_EQ(check.differences.size(), 3u);
  EXPECT_EQ(check.differences[0].pmid, "2000001");
  EXPECT_EQ(check.differences[0].where, "run 1 response 1");
  EXPECT_EQ(check.differences[0].what, "stored record differs in: title");
  EXPECT_EQ(check.differences[1].pmid, "2000002");
  EXPECT_NE(check.differences[1].what.find("records table does not"), std::string::npos);
  EXPECT_EQ(check.differences[2].pmid, "2000003");
  EXPECT_NE(check.differences[2].what.find("not marked deleted"), std::string::npos);
  EXPECT_EQ(database_content_sha256(db), before);
}

TEST(ReparseCheck, EditedTitleAndAbstractColumnsAreDifferences) {
  test::TempDir tmp;
  auto db = db::Database::open(tmp / "review.db", true);
  store_run(db, fixture());
  // The stored JSON leaves these texts to the columns, so the check reads them there.
  // 2000001's abstract column no longer ends where its section does;
  // 2000002 had no abstract and gains one.
  db.exec("UPDATE records SET abstract = abstract || ' and more' WHERE pmid = '2000001'");
  db.exec("UPDATE records SET title = 'Edited', abstract = 'Added' WHERE pmid = '2000002'");
  auto check = check_reparse(db);
  ASSERT_EQ(check.differences.size(), 2u);
  EXPECT_EQ(check.differences[0].pmid, "2000001");
  EXPECT_NE(check.differences[0].what.find("stored record cannot be read"), std::string::npos)
      << check.differences[0].what;
  EXPECT_EQ(check.differences[1].pmid, "2000002");
  EXPECT_EQ(check.differences[1].what, "stored record differs in: title, abstract");
}

TEST(ReparseCheck, AnUnparsableResponseIsADifference) {
  test::TempDir tmp;
  auto db = db::Database::open(tmp / "review.db", true);
  store_run(db, fixture());
  fetch::EutilsRequest req{"efetch.fcgi", {{"db", "pubmed"}}, false};
  fetch::add_raw_response(db, 1, req, {200, "<PubmedArticleSet><broken", "", -1});
  auto check = check_reparse(db);
  ASSERT_EQ(check.differences.size(), 1u);
  EXPECT_EQ(check.differences[0].pmid, "");
  EXPECT_EQ(check.differences[0].where, "run 1 response 2");
  EXPECT_NE(check.differences[0].what.find("no longer parses"), std::string::npos);
}

TEST(VerifyCommand, ReportsRecordsThatDifferFromTheArchive) {
  test::TempDir tmp;
  const std::string rev = (tmp / "rev").string();
  ASSERT_EQ(test::run_prismaflow({"init", rev}).exit_code, 0);
  {
    auto db = db::Database::open(tmp / "rev" / "review.db");
    store_run(db, fixture());
  }
  ASSERT_EQ(test::run_prismaflow({"report", "--review", rev}).exit_code, 0);
  auto ok = test::run_prismaflow({"verify", "--review", rev});
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  EXPECT_NE(ok.err.find("all 2 PubMed records match the 1 archived responses"), std::string::npos) << ok.err;
  {
    auto db = db::Database::open(tmp / "rev" / "review.db");
    db.exec("UPDATE records SET record_json = json_set(record_json, '$.year', 1999) WHERE pmid = '2000002'");
  }
  // The report is rebuilt first, so only the records can differ.
  ASSERT_EQ(test::run_prismaflow({"report", "--review", rev}).exit_code, 0);
  auto bad = test::run_prismaflow({"verify", "--review", rev});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(bad.out, "differs  PMID 2000002 (run 1 response 1): stored record differs in: year\n");
  EXPECT_NE(bad.err.find("run 'prismaflow fetch --reparse'"), std::string::npos) << bad.err;
}

TEST(ReparseCheck, NoPubMedSourceMeansNothingToCheck) {
  auto db = db::Database::open_memory();
  auto check = check_reparse(db);
  EXPECT_EQ(check.responses, 0);
  EXPECT_TRUE(check.differences.empty());
}

}  // namespace
}  // namespace prismaflow::report
