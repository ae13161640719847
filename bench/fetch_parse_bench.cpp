// Parse-and-store speed of PubMed XML (issue 3, "Speed"). Builds an
// efetch-format file of N records (default 100,000) from the project's own
// hand-written templates (bench/data/pubmed_templates.xml: trials, reviews,
// letters, records with inline markup), each filled from its PMID so that
// no two records are alike (bench_pubmed_file), then measures, in one run
// and on the same bytes:
//  (1) `fetch` itself: FetchRunner (esearch with history, efetch batches of
//      500, parse, full record model, raw reply kept, one transaction per
//      batch, run_pmids marked) into a fresh review.db, over an in-process
//      transport that answers efetch with slices of the file instead of the
//      network. Pipelined as fetch runs (parse on a second thread; the
//      storing thread helps build rows while it has nothing to store),
//      pipelined without that help (share_rows off), and on one thread.
//      Wall, CPU (user+sys) and peak RSS.
//  (2) a bare pugixml parse of the same 500-record replies, one thread,
//      with fetch's options (the floor);
//  (3) EDirect's xtract to TSV (PMID, title, abstract, authors, journal,
//      year, DOI, publication types, MeSH), when `xtract` is on PATH.
// With ROUNDS > 1 every path runs that many times, in turn, and the fastest
// of each is reported (a fairer figure on a machine others share). With
// ONLY = "pipelined" just that path runs, each round printed: for profiling,
// and for comparing two builds run by turns on a machine whose speed drifts.
//   fetch_parse_bench [N] [WORKDIR] [ROUNDS] [ONLY]   writes WORKDIR/bench.xml, bench.db
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <pugixml.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "bench/bench_pubmed_file.hpp"
#include "db/database.hpp"
#include "fetch/eutils_session.hpp"
#include "fetch/fetch_runner.hpp"

using namespace prismaflow;

namespace {

double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double cpu_s(int who) {
  rusage u{};
  getrusage(who, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

long peak_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

// PubMed answered from the bench file: esearch returns every PMID with a
// history handle; efetch by history reads records [retstart, retstart+retmax)
// from the file (one line each) on demand, so only a batch is in memory.
class FileTransport : public fetch::EutilsTransport {
 public:
  explicit FileTransport(const std::filesystem::path& file) : in_(file, std::ios::binary) {
    std::string line;
    for (std::streamoff at = in_.tellg(); std::getline(in_, line); at = in_.tellg()) {
      if (line.rfind("<PubmedArticle>", 0) != 0) continue;
      offsets_.push_back({at, static_cast<std::streamoff>(line.size() + 1)});
      auto p = line.find("<PMID");
      p = line.find('>', p) + 1;
      pmids_.push_back(line.substr(p, line.find('<', p) - p));
    }
    in_.clear();
  }

  fetch::EutilsResponse send(const fetch::EutilsRequest& r) override {
    if (r.endpoint == "esearch.fcgi") {
      std::string body = "<eSearchResult><Count>" + std::to_string(pmids_.size()) +
                         "</Count><RetMax>" + std::to_string(pmids_.size()) +
                         "</RetMax><RetStart>0</RetStart><QueryKey>1</QueryKey>"
                         "<WebEnv>bench</WebEnv><IdList>";
      for (const auto& p : pmids_) body += "<Id>" + p + "</Id>";
      body += "</IdList><QueryTranslation>bench</QueryTranslation></eSearchResult>";
      return {200, body, "", -1};
    }
    auto start = static_cast<std::size_t>(std::stol(r.param("retstart")));
    auto end = std::min(offsets_.size(), start + static_cast<std::size_t>(std::stol(r.param("retmax"))));
    // Read straight into the reply, as a socket read fills a buffer: one
    // copy of the records' bytes, as curl's receive makes.
    static constexpr std::string_view kTail = "</PubmedArticleSet>\n";
    const std::size_t head = std::string_view(bench::kEfetchHead).size();
    std::streamoff from = 0, to = 0;
    if (start < end) {
      from = offsets_[start].first;
      to = offsets_[end - 1].first + offsets_[end - 1].second;
    }
    std::string body;
    body.reserve(head + static_cast<std::size_t>(to - from) + kTail.size());
    body = bench::kEfetchHead;
    if (to > from) {
      body.resize(head + static_cast<std::size_t>(to - from));
      in_.seekg(from);
      in_.read(body.data() + head, to - from);
    }
    body += kTail;
    return {200, std::move(body), "", -1};
  }

  std::size_t size() const { return pmids_.size(); }

 private:
  std::ifstream in_;
  std::vector<std::pair<std::streamoff, std::streamoff>> offsets_;
  std::vector<std::string> pmids_;
};

struct Timing {
  double wall = 0, cpu = 0;
  long stored = 0;
};

// One fresh review.db filled by FetchRunner from the file.
Timing run_fetch(const std::filesystem::path& file, const std::filesystem::path& dbfile,
                 bool pipeline, bool share_rows = true) {
  for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(dbfile.string() + ext);
  auto db = db::Database::open(dbfile, true);
  FileTransport transport(file);
  fetch::RateLimiter limiter(0);
  fetch::EutilsSession session(transport, limiter, fetch::RetrySettings{1, 0, 0},
                               [](const std::string&) {});
  std::ostringstream log;
  fetch::Progress progress(log, false);
  fetch::FetchSettings settings;
  settings.pipeline = pipeline;
  settings.share_rows = share_rows;
  settings.slices.cap = settings.slices.page = 100000000;  // one esearch: no slicing to time
  fetch::FetchRunner runner(db, session, settings, progress);
  double t0 = now_s(), c0 = cpu_s(RUSAGE_SELF);
  auto sum = runner.run(SearchSpec{"bench", "bench", "", "", ""}, "initial", 1);
  Timing t{now_s() - t0, cpu_s(RUSAGE_SELF) - c0, static_cast<long>(sum.n_new)};
  return t;
}

void print(const char* what, long n, const Timing& t, double mb) {
  std::printf("%-32s %8ld records in %6.2f s wall = %7.0f records/s (%6.1f MB/s), CPU %.2f s\n",
              what, n, t.wall, n / t.wall, mb / t.wall, t.cpu);
}

}  // namespace

int main(int argc, char** argv) {
  long n = argc > 1 ? std::stol(argv[1]) : 100000;
  const int rounds = argc > 3 ? std::max(1, std::stoi(argv[3])) : 1;
  std::filesystem::path work =
      argc > 2 ? argv[2] : std::filesystem::temp_directory_path() / "prismaflow-fetch-bench";
  std::filesystem::create_directories(work);
  auto file = work / "bench.xml";
  bench::write_bench_file(
      file, bench::read_templates(std::filesystem::path(PRISMAFLOW_SOURCE_DIR) / "bench/data/pubmed_templates.xml"),
      n, 10000000);
  const double mb = static_cast<double>(std::filesystem::file_size(file)) / 1e6;
  std::printf("file: %s, %ld records, %.1f MB\n", file.c_str(), n, mb);

  // (2) the floor: pugixml alone over the whole file.
  long count = 0;
  bool parsed_ok = false;
  // Over the same 500-record replies fetch receives (read from the file as
  // the bench's transport does), one at a time: a whole-file tree of a
  // 650 MB file would time page faults of gigabytes, not the parse.
  auto run_pugixml = [&] {
    double t0 = now_s(), c0 = cpu_s(RUSAGE_SELF);
    count = 0;
    parsed_ok = true;
    FileTransport replies(file);
    for (std::size_t start = 0; start < replies.size(); start += 500) {
      fetch::EutilsRequest req{"efetch.fcgi",
                               {{"retstart", std::to_string(start)}, {"retmax", "500"}}};
      const std::string body = replies.send(req).body;
      pugi::xml_document doc;
      // The options fetch's parser uses (pubmed_xml.cpp).
      parsed_ok = parsed_ok && static_cast<bool>(doc.load_buffer(
                                   body.data(), body.size(),
                                   pugi::parse_default | pugi::parse_embed_pcdata));
      for (auto a : doc.child("PubmedArticleSet").children("PubmedArticle")) count += a ? 1 : 0;
    }
    return Timing{now_s() - t0, cpu_s(RUSAGE_SELF) - c0, count};
  };

  // (3) the anchor: xtract on the same file. With -strict: without it xtract
  // takes a title or abstract with inline markup (<i>, <sup>) for an error,
  // prints one line per tag to stderr (34 MB for the old one-template file,
  // a third of its time) and keeps only the text after the last tag; with
  // it, the tags go and their text stays, as in fetch's records.
  long xt_rows = 0;
  const bool have_xtract = std::system("command -v xtract >/dev/null 2>&1") == 0;
  auto run_xtract = [&] {
    std::string tsv = file.string() + ".tsv";
    std::string cmd =
        "xtract -strict -input '" + file.string() + "' -pattern PubmedArticle"
        " -element MedlineCitation/PMID ArticleTitle AbstractText"
        " -sep '|' -element Author/LastName -element Journal/Title PubDate/Year"
        " -block ArticleId -if @IdType -equals doi -element ArticleId"
        " -block PublicationTypeList -sep '|' -element PublicationType"
        " -block MeshHeadingList -sep '|' -element DescriptorName > '" + tsv + "' 2> '" +
        file.string() + ".xtract.err'";
    double t0 = now_s(), c0 = cpu_s(RUSAGE_CHILDREN);
    int rc = std::system(cmd.c_str());
    Timing t{now_s() - t0, cpu_s(RUSAGE_CHILDREN) - c0, 0};
    std::ifstream rows(tsv);
    std::string line;
    xt_rows = 0;
    while (std::getline(rows, line)) ++xt_rows;
    if (rc != 0) std::printf("xtract exited with %d\n", rc);
    std::ifstream err(file.string() + ".xtract.err");
    long err_lines = 0;
    while (std::getline(err, line)) ++err_lines;
    if (err_lines) std::printf("xtract wrote %ld lines to stderr (%s.xtract.err)\n", err_lines, file.c_str());
    return t;
  };

  // Every path runs once per round, in turn, so that a busy spell of the
  // machine falls on all of them alike; each keeps its fastest round.
  auto dbfile = work / "bench.db";
  if (argc > 4 && std::string(argv[4]) == "pipelined") {
    for (int round = 0; round < rounds; ++round) {
      const Timing t = run_fetch(file, dbfile, true);
      print("fetch, pipelined (2 thr)", t.stored, t, mb);
    }
    return 0;
  } else if (argc > 4 && std::string(argv[4]) != "all") {
    std::fprintf(stderr, "ONLY must be 'pipelined' or 'all', not '%s'\n", argv[4]);
    return 2;
  }
  Timing serial, piped, unshared, pugi_t, xt;
  long rss_serial = 0, rss = 0;
  auto keep_best = [](Timing& best, const Timing& t) {
    if (best.wall == 0 || t.wall < best.wall) best = t;
  };
  std::vector<double> round_ratios;  // pipelined over xtract, records/s, same round
  for (int round = 0; round < rounds; ++round) {
    // (1) fetch into SQLite, one thread and pipelined (as `fetch` runs).
    keep_best(serial, run_fetch(file, dbfile, false));
    if (round == 0) rss_serial = peak_rss_kb();
    const Timing piped_now = run_fetch(file, dbfile, true);
    keep_best(piped, piped_now);
    if (round == 0) rss = peak_rss_kb();
    keep_best(unshared, run_fetch(file, dbfile, true, false));
    keep_best(pugi_t, run_pugixml());
    if (have_xtract) {
      const Timing xt_now = run_xtract();
      keep_best(xt, xt_now);
      round_ratios.push_back(xt_now.wall / piped_now.wall);
      if (rounds > 1)
        std::printf("round %d: pipelined %.2f s, xtract %.2f s, ratio %.2f\n", round + 1,
                    piped_now.wall, xt_now.wall, round_ratios.back());
    }
  }
  double db_mb = static_cast<double>(std::filesystem::file_size(dbfile)) / 1e6;

  if (rounds > 1) std::printf("best of %d rounds\n", rounds);
  print("fetch, pipelined (2 thr)", piped.stored, piped, mb);
  print("fetch, 2 thr, no helper", unshared.stored, unshared, mb);
  print("fetch, one thread", serial.stored, serial, mb);
  print("bare pugixml (floor)", count, pugi_t, mb);
  if (have_xtract) print("xtract to TSV (anchor)", xt_rows, xt, mb);
  else std::printf("xtract: not on PATH (apt-get install ncbi-entrez-direct)\n");
  std::printf("peak RSS %.1f MB one thread, %.1f MB pipelined;"
              " database %.1f MB%s\n", static_cast<double>(rss_serial) / 1024.0,
              static_cast<double>(rss) / 1024.0, db_mb, parsed_ok ? "" : "; PUGIXML PARSE FAILED");
  std::printf("ratios: fetch/pugixml %.2f", (piped.stored / piped.wall) / (count / pugi_t.wall));
  if (have_xtract && xt_rows > 0)
    std::printf(", fetch/xtract %.2f (no helper %.2f, one thread %.2f)",
                (piped.stored / piped.wall) / (xt_rows / xt.wall),
                (unshared.stored / unshared.wall) / (xt_rows / xt.wall),
                (serial.stored / serial.wall) / (xt_rows / xt.wall));
  std::printf("\n");
  if (round_ratios.size() > 1) {
    std::sort(round_ratios.begin(), round_ratios.end());
    const std::size_t m = round_ratios.size();
    std::printf("fetch/xtract within a round: median %.2f (range %.2f-%.2f)\n",
                m % 2 ? round_ratios[m / 2] : (round_ratios[m / 2 - 1] + round_ratios[m / 2]) / 2,
                round_ratios.front(), round_ratios.back());
  }
  return piped.stored == n && unshared.stored == n && serial.stored == n ? 0 : 1;
}
