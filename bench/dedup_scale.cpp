// dedup_scale [SHARED_DIR] [N...] [--max-block B] [--window W]: times the
// de-duplication core (keys + blocking + scoring + clustering, one thread) on
// 10^4, 10^5 and 10^6 generated records, in wall and CPU seconds (the CPU
// figure is the one to trust on a shared machine), with the candidate pairs
// per record that blocking produced (flat when blocking is linear). Records are made from the real titles, authors and
// journals of SHARED_DIR/benchmarks/dedup/wagner2021_digital_work (read at run
// time) recombined into distinct records; about 25% get a perturbed duplicate
// (typos, case, missing DOI, abbreviated journal, page range shortened).
// Prints seconds per stage and the pairwise precision/recall on the
// generated truth.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "common/csv.hpp"
#include "common/file.hpp"
#include "fetch/import_parse.hpp"
#include "fetch/text_encoding.hpp"
#include "screen/dedup_clusters.hpp"

namespace fs = std::filesystem;
using namespace prismaflow;

namespace {

struct Seeds {
  std::vector<std::string> titles, authors, journals, words;
};

Seeds load_seeds(const fs::path& shared) {
  auto path = shared / "benchmarks/dedup/wagner2021_digital_work/records_pre_merged.csv";
  auto t = csv::parse(fetch::decode_to_utf8(read_file(path), path.string()).text, path.string());
  Seeds s;
  auto ct = *t.column("title"), ca = *t.column("author"), cj = *t.column("journal");
  for (const auto& r : t.rows) {
    s.titles.push_back(r.fields[ct]);
    s.authors.push_back(r.fields[ca]);
    if (!r.fields[cj].empty()) s.journals.push_back(r.fields[cj]);
    std::size_t b = 0;
    const std::string& title = r.fields[ct];
    while (b < title.size()) {
      auto e = title.find(' ', b);
      if (e == std::string::npos) e = title.size();
      if (e - b > 4) s.words.push_back(title.substr(b, e - b));
      b = e + 1;
    }
  }
  // Distinct words, so a random pick is not dominated by "information".
  std::sort(s.words.begin(), s.words.end());
  s.words.erase(std::unique(s.words.begin(), s.words.end()), s.words.end());
  return s;
}

// CPU seconds of this process: on a shared 2-core machine the wall time
// mostly measures the other processes.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

std::string abbreviate(const std::string& journal) {
  std::string out;
  std::size_t b = 0;
  while (b < journal.size()) {
    auto e = journal.find(' ', b);
    if (e == std::string::npos) e = journal.size();
    std::string w = journal.substr(b, e - b);
    if (w != "of" && w != "the" && w != "and" && !w.empty()) {
      if (!out.empty()) out += ' ';
      out += w.size() > 4 ? w.substr(0, 4) + "." : w;
    }
    b = e + 1;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path shared = argc > 1 ? fs::path(argv[1]) : fs::path("../shared");
  std::vector<std::size_t> sizes;
  screen::DedupSettings settings;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--max-block" && i + 1 < argc) settings.max_block = std::stoul(argv[++i]);
    else if (a == "--window" && i + 1 < argc) settings.window = std::stoul(argv[++i]);
    else sizes.push_back(std::stoul(a));
  }
  if (sizes.empty()) sizes = {10000, 100000, 1000000};
  Seeds seeds = load_seeds(shared);
  std::printf("%9s %9s %9s | %8s %8s %8s | %8s %8s | %7s %7s | %9s %9s\n", "records", "true_dup",
              "merged", "keys_s", "plan_s", "total_s", "keys_cpu", "plan_cpu", "pairs/r",
              "max_blk", "pair_P", "pair_R");
  for (std::size_t n : sizes) {
    std::mt19937_64 rng(42);
    auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
    std::vector<screen::DedupInput> inputs;
    std::vector<std::size_t> truth;
    inputs.reserve(n);
    while (inputs.size() < n) {
      screen::DedupInput in;
      in.id = static_cast<std::int64_t>(inputs.size());
      // Two random words lead, so distinct records do not share a title start
      // more often than real ones do.
      in.title = pick(seeds.words) + " " + pick(seeds.words) + " " + pick(seeds.titles) + " " +
                 pick(seeds.words);
      in.authors = pick(seeds.authors);
      in.journal = pick(seeds.journals);
      in.year = 1990 + static_cast<int>(rng() % 35);
      in.volume = std::to_string(1 + rng() % 80);
      std::size_t page = 1 + rng() % 2000;
      in.pages = std::to_string(page) + "-" + std::to_string(page + 5 + rng() % 20);
      in.doi = "10.1000/gen." + std::to_string(inputs.size());
      std::size_t original = inputs.size();
      truth.push_back(original);
      inputs.push_back(in);
      if (rng() % 4 == 0 && inputs.size() < n) {
        screen::DedupInput d = in;
        d.id = static_cast<std::int64_t>(inputs.size());
        if (rng() % 2) d.doi.clear();
        if (rng() % 2) d.journal = abbreviate(d.journal);
        if (rng() % 3 == 0) for (auto& c : d.title) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (rng() % 2 && d.title.size() > 10) {
          std::size_t p = 1 + rng() % (d.title.size() - 2);
          std::swap(d.title[p], d.title[p + 1]);  // a typo
        }
        if (rng() % 3 == 0) d.pages = std::to_string(page);
        truth.push_back(original);
        inputs.push_back(std::move(d));
      }
    }
    auto t0 = std::chrono::steady_clock::now();
    double c0 = cpu_seconds();
    std::vector<screen::DedupKey> keys;
    keys.reserve(n);
    for (const auto& in : inputs) keys.push_back(screen::make_dedup_key(in));
    auto t1 = std::chrono::steady_clock::now();
    double c1 = cpu_seconds();
    auto plan = screen::plan_dedup(keys, settings);
    auto t2 = std::chrono::steady_clock::now();
    double c2 = cpu_seconds();
    // pairwise scores: clusters here have at most 2 true members
    std::size_t true_pairs = 0, pred_pairs = 0, tp = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (truth[i] != i) ++true_pairs;
      if (plan.kept[i] != i) ++pred_pairs;  // each non-kept record = one link
    }
    for (const auto& m : plan.merges) tp += truth[m.a] == truth[m.b];
    double s_keys = std::chrono::duration<double>(t1 - t0).count();
    double s_plan = std::chrono::duration<double>(t2 - t1).count();
    std::printf("%9zu %9zu %9zu | %8.2f %8.2f %8.2f | %8.2f %8.2f | %7.2f %7zu | %9.4f %9.4f\n", n,
                true_pairs, pred_pairs, s_keys, s_plan, s_keys + s_plan, c1 - c0, c2 - c1,
                double(plan.blocking.pairs) / double(n), plan.blocking.largest_block,
                pred_pairs ? double(tp) / pred_pairs : 1.0, true_pairs ? double(tp) / true_pairs : 1.0);
    std::fflush(stdout);
  }
  return 0;
}
