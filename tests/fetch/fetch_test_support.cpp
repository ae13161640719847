#include "tests/fetch/fetch_test_support.hpp"

#include <gtest/gtest.h>

#include "common/hash.hpp"
#include "db/database.hpp"

namespace prismaflow::test {

std::vector<std::string> pmid_range(long first, long n, long step) {
  std::vector<std::string> out;
  for (long i = 0; i < n; ++i) out.push_back(std::to_string(first + i * step));
  return out;
}

FetchReview::FetchReview() : dir((tmp / "rev").string()) {
  auto r = run_prismaflow({"init", dir, "--title", "Fetch test"});
  if (r.exit_code != 0) ADD_FAILURE() << r.err;
}

CommandResult FetchReview::fetch(const std::string& url, std::vector<std::string> args,
                                 std::map<std::string, std::string> env) const {
  std::vector<std::string> full{"fetch", "--review", dir, "--eutils-url", url, "--email",
                                "tests@example.org"};
  full.insert(full.end(), args.begin(), args.end());
  env.emplace("PRISMAFLOW_EUTILS_RATE", "0");
  env.emplace("PRISMAFLOW_RETRY_BASE_MS", "20");
  env.emplace("PRISMAFLOW_NOW", "2025-03-31T12:00:00Z");
  return run_prismaflow(full, "", env);
}

std::vector<std::string> FetchReview::stored_pmids() const {
  auto db = db::Database::open(dir + "/review.db");
  auto st = db.prepare("SELECT pmid FROM records WHERE run_id IS NOT NULL ORDER BY CAST(pmid AS INTEGER)");
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.get_text(0));
  return out;
}

long long FetchReview::scalar(const std::string& sql) const {
  auto db = db::Database::open(dir + "/review.db");
  return db.query_int(sql).value_or(-1);
}

std::string FetchReview::content_digest() const {
  auto db = db::Database::open(dir + "/review.db");
  std::string all;
  for (const char* t : {"sources", "searches", "search_runs", "run_pmids", "raw_responses",
                        "records", "events"}) {
    auto st = db.prepare(std::string("SELECT * FROM ") + t);
    while (st.step()) {
      // Past the last column SQLite answers NULL, read as "".
      for (int c = 0; c < 30; ++c) all += st.get_text(c) + "|";
      all += "\n";
    }
  }
  return sha256_hex(all);
}

}  // namespace prismaflow::test
