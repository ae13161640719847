// RecordWriter on a real temporary review database: a fetched record keeps
// its raw XML as a reference into its stored efetch reply (no second copy),
// an imported record keeps its own compressed copy, and load_raw_payload
// gives back the exact bytes either way.
#include "fetch/record_store.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "common/file.hpp"
#include "db/database.hpp"
#include "fetch/pubmed_xml.hpp"
#include "fetch/record_json.hpp"
#include "fetch/search_run_store.hpp"
#include "tests/support/expect_throw_msg.hpp"
#include "tests/support/shared_data.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::fetch {
namespace {

struct Fixture {
  test::TempDir dir;
  db::Database db = db::Database::open(dir / "review.db", true);
  std::int64_t source = 0, run = 0;
  Fixture() {
    db::Transaction tx(db);
    source = ensure_source(db, "PubMed", "database");
    RunStart rs;
    rs.search_id = ensure_search(db, source, SearchSpec{"s", "q", "", "", ""});
    rs.kind = "initial";
    rs.query_sent = "q";
    run = create_run(db, rs);
    tx.commit();
  }
};

TEST(RecordStore, FetchedRecordsPointIntoTheirStoredReply) {
  Fixture f;
  auto path = test::source_dir() / "tests/data/fetch/medline_date_book_delete.xml";
  std::string body = read_file(path);
  auto parsed = parse_pubmed_xml(body, path.string());
  ASSERT_EQ(parsed.raw_spans.size(), parsed.records.size());
  RecordWriter writer(f.db);
  std::vector<std::int64_t> ids;
  {
    db::Transaction tx(f.db);
    auto response = add_raw_response(f.db, f.run, EutilsRequest{"efetch.fcgi", {{"db", "pubmed"}}},
                                      EutilsResponse{200, body, "", -1});
    for (std::size_t i = 0; i < parsed.records.size(); ++i) {
      const auto& s = parsed.raw_spans[i];
      ids.push_back(writer.insert(parsed.records[i], RecordOrigin{f.source, f.run, std::nullopt, 1},
                                  RawRef{response, static_cast<std::int64_t>(s.offset),
                                         static_cast<std::int64_t>(s.length)}));
    }
    tx.commit();
  }
  EXPECT_EQ(f.db.query_int("SELECT count(*) FROM records WHERE raw_zstd IS NOT NULL"), 0);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const auto& r = parsed.records[i];
    EXPECT_EQ(load_raw_payload(f.db, ids[i]), r.raw) << r.pmid;
    auto back = load_record(f.db, ids[i]);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(record_to_json(*back), record_to_json(r));
  }
  // A reference past the end of the stored body is damage, said plainly.
  f.db.run("UPDATE records SET raw_offset = raw_offset + 100000000 WHERE record_id = ?", ids[0]);
  EXPECT_THROW_MSG(load_raw_payload(f.db, ids[0]), DbError, "falls outside the stored response");
}

TEST(RecordStore, RecordsWithoutReferenceKeepTheirOwnCopy) {
  Fixture f;
  Record r;
  r.title = "Imported";
  r.source_record_id = "a1";
  r.raw = "TY  - JOUR\nTI  - Imported\nER  - \n";
  r.raw_format = "ris";
  RecordWriter writer(f.db);
  db::Transaction tx(f.db);
  auto id = writer.insert(r, RecordOrigin{f.source, std::nullopt, std::nullopt, 1});
  tx.commit();
  EXPECT_EQ(load_raw_payload(f.db, id), r.raw);
  EXPECT_EQ(f.db.query_int("SELECT count(*) FROM records WHERE raw_response_id IS NULL AND raw_zstd IS NOT NULL"), 1);
}

// The bulk path (row built off the database thread, then inserted) writes
// exactly the row the one-call path writes, column by column.
TEST(RecordStore, RowBuiltAheadStoresTheSameColumns) {
  Fixture f;
  auto path = test::source_dir() / "tests/data/fetch/medline_date_book_delete.xml";
  auto parsed = parse_pubmed_xml(read_file(path), path.string());
  ASSERT_FALSE(parsed.records.empty());
  RecordWriter writer(f.db);
  std::vector<std::pair<std::int64_t, std::int64_t>> pairs;
  {
    db::Transaction tx(f.db);
    for (const auto& r : parsed.records) {
      // Two sources, so the same PMID may be stored twice.
      auto a = writer.insert(r, RecordOrigin{f.source, std::nullopt, std::nullopt, 1});
      auto b = writer.insert(make_record_row(r), RecordOrigin{f.source, std::nullopt, std::nullopt, 1});
      pairs.emplace_back(a, b);
    }
    tx.commit();
  }
  auto row = [&](std::int64_t id) {
    auto st = f.db.prepare("SELECT * FROM records WHERE record_id = ?");
    st.bind(1, id);
    EXPECT_TRUE(st.step());
    std::string all;
    for (int c = 1; c < 30; ++c) all += st.get_text(c) + "|";  // all but record_id
    return all;
  };
  for (const auto& [a, b] : pairs) EXPECT_EQ(row(a), row(b));
  // Without a reference the raw XML is kept compressed in the row itself.
  EXPECT_EQ(load_raw_payload(f.db, pairs[0].second), parsed.records[0].raw);
  EXPECT_TRUE(make_record_row(parsed.records[0], false).raw_zstd.empty());
}

// insert_batch writes the rows insert() writes, identifiers included.
TEST(RecordStore, BatchInsertStoresWhatOneByOneStores) {
  Fixture f;
  auto path = test::source_dir() / "tests/data/fetch/medline_date_book_delete.xml";
  auto parsed = parse_pubmed_xml(read_file(path), path.string());
  std::vector<RecordRow> rows;
  for (const auto& r : parsed.records) rows.push_back(make_record_row(r));
  RecordRow odd;
  odd.title = "Odd identifiers";
  odd.doi = "10.1000/a\"b\\c\x01" "d\xc3\xa9";  // quote, backslash, control byte, UTF-8
  odd.pmcid = "PMC1";                            // no pmid
  rows.push_back(odd);
  RecordWriter writer(f.db);
  std::vector<std::int64_t> one, batch;
  {
    db::Transaction tx(f.db);
    for (const auto& r : rows) one.push_back(writer.insert(r, RecordOrigin{f.source, std::nullopt, std::nullopt, 1}));
    std::vector<const RecordRow*> ptrs;
    for (const auto& r : rows) ptrs.push_back(&r);
    batch = writer.insert_batch(ptrs, RecordOrigin{f.source, std::nullopt, std::nullopt, 1}, {});
    tx.commit();
  }
  ASSERT_EQ(batch.size(), rows.size());
  // Every column from `first` on, of every row `sql` selects for `id`.
  auto text = [&](const char* sql, std::int64_t id, int first = 0) {
    auto st = f.db.prepare(sql);
    st.bind(1, id);
    std::string all;
    while (st.step())
      for (int c = first; c < 30; ++c) all += st.get_text(c) + "|";
    return all;
  };
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const char* record = "SELECT * FROM records WHERE record_id = ?";  // column 0 is record_id
    EXPECT_EQ(text(record, one[i], 1), text(record, batch[i], 1)) << i;
  }
  EXPECT_EQ(f.db.query_int("SELECT count(*) FROM records WHERE doi = ? AND pmcid = 'PMC1' AND pmid IS NULL",
                           odd.doi),
            2);
}

}  // namespace
}  // namespace prismaflow::fetch
