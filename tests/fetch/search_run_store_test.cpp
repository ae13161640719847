// The run bookkeeping a fetch batch writes: mark_fetched counts only PMIDs it
// newly marks (the progress bar and --resume rely on it), and a body packed
// ahead of time is stored exactly as add_raw_response packs it itself.
#include "fetch/search_run_store.hpp"

#include <gtest/gtest.h>

#include "db/database.hpp"
#include "fetch/record_store.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::fetch {
namespace {

struct Fixture {
  test::TempDir dir;
  db::Database db = db::Database::open(dir / "review.db", true);
  std::int64_t run = 0;
  Fixture() {
    db::Transaction tx(db);
    auto source = ensure_source(db, "PubMed", "database");
    RunStart rs;
    rs.search_id = ensure_search(db, source, SearchSpec{"s", "q", "", "", ""});
    rs.kind = "initial";
    rs.query_sent = "q";
    run = create_run(db, rs);
    add_run_pmids(db, run, {"1", "2", "3", "4"});
    tx.commit();
  }
};

TEST(SearchRunStore, MarkFetchedCountsOnlyNewlyMarkedPmids) {
  Fixture f;
  EXPECT_EQ(mark_fetched_json(f.db, f.run, R"(["1","2"])"), 2);
  // "2" again, "9" is not a PMID of the run.
  EXPECT_EQ(mark_fetched_json(f.db, f.run, R"(["2","3","9"])"), 1);
  EXPECT_EQ(unfetched_pmids(f.db, f.run), std::vector<std::string>{"4"});
}

TEST(SearchRunStore, PackedBodyIsStoredAsAddRawResponsePacksIt) {
  Fixture f;
  std::string body = "<PubmedArticleSet><PubmedArticle>x</PubmedArticle></PubmedArticleSet>";
  EutilsRequest req{"efetch.fcgi", {{"db", "pubmed"}}};
  auto packed = pack_body(body);
  EXPECT_EQ(packed.bytes, static_cast<std::int64_t>(body.size()));
  add_raw_response(f.db, f.run, req, {200, body, "", -1}, packed);
  add_raw_response(f.db, f.run, req, {200, body, "", -1});
  auto stored = stored_responses(f.db, f.run);
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].body, body);
  EXPECT_EQ(stored[1].body, body);
  EXPECT_EQ(stored[0].seq + 1, stored[1].seq);
  EXPECT_EQ(f.db.query_int("SELECT count(DISTINCT body_sha256) FROM raw_responses"), 1);
  EXPECT_EQ(f.db.query_int("SELECT count(*) FROM raw_responses WHERE body_bytes = ?",
                           static_cast<std::int64_t>(body.size())),
            2);
}

}  // namespace
}  // namespace prismaflow::fetch
