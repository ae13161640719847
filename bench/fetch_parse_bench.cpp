// Parse-and-store speed of PubMed XML (issue 3, "Speed"). Builds an
// efetch-format file of N records (default 100,000) from the project's own
// fixture articles (tests/data/fetch/) with distinct PMIDs, then measures,
// in one run: (1) records/s parsed and stored into a fresh review.db the way
// `fetch` stores them (batches of 500 as efetch replies, full record model,
// raw response kept and each record's raw element as a reference into it,
// one transaction per batch) and the
// peak RSS; (2) a bare pugixml parse of the whole file (the floor).
//   fetch_parse_bench [N] [WORKDIR]   prints figures; writes WORKDIR/bench.xml
// The file is kept so `xtract` can be timed on the same bytes (see
// bench/fetch_xtract.sh).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "common/file.hpp"
#include "db/database.hpp"
#include "fetch/pubmed_xml.hpp"
#include "fetch/record_store.hpp"
#include "fetch/search_run_store.hpp"

using namespace prismaflow;

namespace {

double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

long peak_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

// Every PubmedArticle element of the project's own fixtures, PMID replaced
// by a placeholder.
std::vector<std::string> templates(const std::filesystem::path& src) {
  std::vector<std::string> out;
  for (const char* name : {"tests/data/fetch/medline_date_book_delete.xml"}) {
    auto parsed = fetch::parse_pubmed_xml(read_file(src / name), name);
    for (const auto& r : parsed.records) {
      if (r.is_book) continue;
      std::string t = r.raw;
      for (auto at = t.find(r.pmid); at != std::string::npos; at = t.find(r.pmid, at))
        t.replace(at, r.pmid.size(), "@PMID@");
      out.push_back(t);
    }
  }
  // The loopback test article, too (its markup and entities).
  return out;
}

std::string with_pmid(const std::string& t, long pmid) {
  std::string s = t, p = std::to_string(pmid);
  for (auto at = s.find("@PMID@"); at != std::string::npos; at = s.find("@PMID@", at))
    s.replace(at, 6, p);
  return s;
}

constexpr const char* kHead =
    "<?xml version=\"1.0\" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC \"-//NLM//DTD PubMedArticle, "
    "1st January 2025//EN\" \"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd\">\n"
    "<PubmedArticleSet>\n";

}  // namespace

int main(int argc, char** argv) {
  long n = argc > 1 ? std::stol(argv[1]) : 100000;
  std::filesystem::path work = argc > 2 ? argv[2] : std::filesystem::temp_directory_path() / "prismaflow-fetch-bench";
  std::filesystem::create_directories(work);
  auto tpl = templates(PRISMAFLOW_SOURCE_DIR);
  auto file = work / "bench.xml";
  {
    std::ofstream out(file, std::ios::binary);
    out << kHead;
    for (long i = 0; i < n; ++i) out << with_pmid(tpl[static_cast<std::size_t>(i) % tpl.size()], 10000000 + i) << "\n";
    out << "</PubmedArticleSet>\n";
  }
  auto bytes = std::filesystem::file_size(file);
  std::printf("file: %s, %ld records, %.1f MB\n", file.c_str(), n, static_cast<double>(bytes) / 1e6);

  // (1) parse + store, batch by batch as efetch replies arrive.
  auto dbfile = work / "bench.db";
  std::filesystem::remove(dbfile);
  std::filesystem::remove(work / "bench.db-wal");
  auto db = db::Database::open(dbfile, true);
  std::int64_t source = 0, run = 0;
  {
    db::Transaction tx(db);
    source = fetch::ensure_source(db, "PubMed", "database");
    auto search = fetch::ensure_search(db, source, SearchSpec{"bench", "bench", "", "", ""});
    fetch::RunStart rs;
    rs.search_id = search;
    rs.kind = "initial";
    rs.query_sent = "bench";
    run = fetch::create_run(db, rs);
    tx.commit();
  }
  fetch::RecordWriter writer(db);
  double t0 = now_s();
  std::ifstream in(file, std::ios::binary);
  std::string line, batch;
  long stored = 0, in_batch = 0, batches = 0;
  auto flush = [&] {
    if (in_batch == 0) return;
    std::string body = kHead + batch + "</PubmedArticleSet>\n";
    auto parsed = fetch::parse_pubmed_xml(body, "batch");
    db::Transaction tx(db);
    auto response = fetch::add_raw_response(db, run, fetch::EutilsRequest{"efetch.fcgi", {{"db", "pubmed"}}},
                                            fetch::EutilsResponse{200, body, "", -1});
    fetch::RecordOrigin origin{source, run, std::nullopt, 1};
    // As fetch stores them: each record points into the stored reply.
    for (std::size_t i = 0; i < parsed.records.size(); ++i) {
      const auto& span = parsed.raw_spans[i];
      writer.insert(parsed.records[i], origin,
                    fetch::RawRef{response, static_cast<std::int64_t>(span.offset),
                                  static_cast<std::int64_t>(span.length)});
    }
    tx.commit();
    stored += static_cast<long>(parsed.records.size());
    batch.clear();
    in_batch = 0;
    ++batches;
  };
  while (std::getline(in, line)) {
    if (line.rfind("<PubmedArticle>", 0) != 0) continue;
    batch += line + "\n";
    if (++in_batch == 500) flush();
  }
  flush();
  double t_store = now_s() - t0;
  long rss_store = peak_rss_kb();

  // (2) the floor: pugixml alone over the whole file.
  t0 = now_s();
  pugi::xml_document doc;
  auto ok = doc.load_file(file.c_str());
  long count = 0;
  for (auto a : doc.child("PubmedArticleSet").children("PubmedArticle")) count += a ? 1 : 0;
  double t_pugi = now_s() - t0;

  std::printf("parse+store: %ld records in %.2f s = %.0f records/s (%.1f MB/s), %ld batches, peak RSS %.1f MB\n",
              stored, t_store, stored / t_store, static_cast<double>(bytes) / 1e6 / t_store, batches,
              rss_store / 1024.0);
  std::printf("bare pugixml: %ld records in %.2f s = %.0f records/s (%.1f MB/s)%s\n", count, t_pugi,
              count / t_pugi, static_cast<double>(bytes) / 1e6 / t_pugi, ok ? "" : " PARSE FAILED");
  std::printf("ratio parse+store / bare pugixml: %.2f\n", (stored / t_store) / (count / t_pugi));
  std::printf("database: %.1f MB\n", static_cast<double>(std::filesystem::file_size(dbfile)) / 1e6);
  return stored == n ? 0 : 1;
}
