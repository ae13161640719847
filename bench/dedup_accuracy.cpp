// dedup_accuracy [SHARED_DIR [MERGE_THRESHOLD]] [--fp SET] [--fn SET]: scores `prismaflow dedup`'s pure core (default
// settings) on every labelled set in SHARED_DIR/benchmarks/dedup (default
// ../shared) with the metrics its README defines: pairwise precision/recall/
// F1 on transitive clusters, bib-dedupe's record-removal sensitivity,
// specificity and FP, exact-cluster precision/recall (clusters of size >= 2)
// and B-cubed. Each set is run with and without DOIs. The EndNote XML sets
// that carry only a per-record "Duplicate" flag (Respiratory.xml, copper,
// tafenoquine) are scored as README section 4 says: record-level precision,
// recall and specificity of "in a predicted cluster of size >= 2". Reads the
// data at run time; nothing from ../shared is copied into the project.
// --fp SET prints every automatic merge that joins two different true clusters
// of SET (both records and the score components), --fn SET every true pair of
// SET left apart, with its score (and a sample, every 40th, of the distinct
// pairs sent to review without a named reason); SET may be "all". Both also
// print the review band per reason held, with how many are true duplicates.
// Only automatic merges are scored: review-band pairs count as not merged.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/csv.hpp"
#include "common/file.hpp"
#include "fetch/import_parse.hpp"
#include "fetch/text_encoding.hpp"
#include "pugixml.hpp"
#include "screen/dedup_clusters.hpp"
#include "screen/dedup_scoring.hpp"

namespace fs = std::filesystem;
using namespace prismaflow;

namespace {

struct Set {
  std::string name, records, truth, key;
  double asysd_sens, asysd_spec, bib_sens, bib_spec;  // 2024-12-01 bib-dedupe run
};

std::string field(const csv::Table& t, const csv::Row& r, std::string_view name) {
  auto c = t.column(name);
  return c && *c < r.fields.size() ? r.fields[*c] : std::string();
}

// "id_0000012" -> "12" so the ASySD numeric record_id and the cluster file agree
std::string strip_id(std::string s) {
  if (s.rfind("id_", 0) == 0) s.erase(0, 3);
  while (s.size() > 1 && s[0] == '0') s.erase(0, 1);
  return s;
}

struct Metrics {
  double pp, pr, pf, sens, spec, cp, cr, bp, br;
  long fp, fn, tp;
};

Metrics score(const std::vector<int>& truth, const std::vector<int>& pred) {
  std::size_t n = truth.size();
  std::map<int, std::vector<std::size_t>> tc, pc;
  for (std::size_t i = 0; i < n; ++i) tc[truth[i]].push_back(i), pc[pred[i]].push_back(i);
  std::map<std::pair<int, int>, long> both;
  for (std::size_t i = 0; i < n; ++i) ++both[{truth[i], pred[i]}];
  auto pairs = [](long k) { return k * (k - 1) / 2; };
  long tp_pairs = 0, t_pairs = 0, p_pairs = 0;
  for (auto& [k, v] : both) tp_pairs += pairs(v);
  for (auto& [k, v] : tc) t_pairs += pairs(static_cast<long>(v.size()));
  for (auto& [k, v] : pc) p_pairs += pairs(static_cast<long>(v.size()));
  Metrics m{};
  m.pp = p_pairs ? double(tp_pairs) / p_pairs : 1.0;
  m.pr = t_pairs ? double(tp_pairs) / t_pairs : 1.0;
  m.pf = m.pp + m.pr > 0 ? 2 * m.pp * m.pr / (m.pp + m.pr) : 0;
  // Record removal (bib-dedupe): a record is "present" when it is its
  // predicted cluster's kept member (lowest index stands in for it here).
  std::vector<bool> present(n, false);
  for (auto& [k, v] : pc) present[v.front()] = true;
  long tp = 0, fp = 0, fn = 0, tn = 0;
  for (auto& [k, v] : tc) {
    long m_present = 0;
    for (auto i : v) m_present += present[i];
    long size = static_cast<long>(v.size());
    if (m_present == 0) fp += 1, tp += size - 1;
    else tn += 1, fn += m_present - 1, tp += size - m_present;
  }
  m.sens = tp + fn ? double(tp) / (tp + fn) : 1.0;
  m.spec = double(tn) / (tn + fp);
  m.fp = fp, m.fn = fn, m.tp = tp;
  // Exact clusters of size >= 2.
  std::set<std::vector<std::size_t>> tset, pset;
  for (auto& [k, v] : tc) if (v.size() > 1) tset.insert(v);
  for (auto& [k, v] : pc) if (v.size() > 1) pset.insert(v);
  long common = 0;
  for (auto& c : pset) common += tset.count(c);
  m.cp = pset.empty() ? 1.0 : double(common) / pset.size();
  m.cr = tset.empty() ? 1.0 : double(common) / tset.size();
  double bp = 0, br = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double inter = static_cast<double>(both[{truth[i], pred[i]}]);
    bp += inter / pc[pred[i]].size();
    br += inter / tc[truth[i]].size();
  }
  m.bp = bp / n, m.br = br / n;
  return m;
}

void print_record(const char* tag, const screen::DedupInput& in) {
  std::printf("  %s ti=%s\n     au=%.120s\n     yr=%d jo=%s vol=%s iss=%s pg=%s doi=%s\n", tag, in.title.c_str(),
              in.authors.c_str(), in.year, in.journal.c_str(), in.volume.c_str(), in.issue.c_str(),
              in.pages.c_str(), in.doi.c_str());
}

void print_pair(const char* what, const std::string& set, bool with_doi, std::size_t a, std::size_t b,
                const std::vector<screen::DedupInput>& inputs, const std::vector<screen::DedupKey>& keys,
                const std::string& method) {
  auto e = screen::score_pair(keys[a], keys[b]);
  std::printf("%s %s doi=%s method=%s score=%.3f [title %.3f authors %.2f year %.2f journal %.2f volume %.2f pages %.2f issue %.0f] held=%s\n",
              what, set.c_str(), with_doi ? "yes" : "no", method.c_str(), e.score, e.title, e.authors, e.year,
              e.journal, e.volume, e.pages, e.issue, e.held ? e.held : "-");
  auto in_a = inputs[a], in_b = inputs[b];
  if (!with_doi) in_a.doi.clear(), in_b.doi.clear();
  print_record("A", in_a);
  print_record("B", in_b);
}

// The --fp / --fn listings of one run.
void dump_pairs(const std::string& set, bool with_doi, bool fp, bool fn,
                const std::vector<screen::DedupInput>& inputs, const std::vector<screen::DedupKey>& keys,
                const std::vector<int>& truth, const screen::DedupPlan& plan) {
  if (fp) {
    for (const auto& m : plan.merges) {
      if (truth[m.a] != truth[m.b]) print_pair("FP", set, with_doi, m.a, m.b, inputs, keys, m.method);
    }
  }
  long review_true = 0;
  std::map<std::string, std::pair<long, long>> why;  // held reason -> (pairs, true duplicates)
  for (const auto& r : plan.review) {
    bool dup = truth[r.a] == truth[r.b];
    review_true += dup;
    bool held = r.reason != screen::kScoreBandReason;
    auto& w = why[r.reason ? r.reason : "-"];
    if (fn && !held && !dup && w.first % 40 == 1) print_pair("BAND", set, with_doi, r.a, r.b, inputs, keys, r.method);
    ++w.first;
    w.second += dup;
  }
  if (fp || fn) {
    std::printf("REVIEW %s doi=%s: %zu pairs, %ld of them true duplicates\n", set.c_str(), with_doi ? "yes" : "no",
                plan.review.size(), review_true);
    for (const auto& [reason, n] : why) std::printf("  %-50s %5ld pairs, %5ld true\n", reason.c_str(), n.first, n.second);
  }
  if (!fn) return;
  std::map<int, std::vector<std::size_t>> tc;
  for (std::size_t i = 0; i < truth.size(); ++i) tc[truth[i]].push_back(i);
  for (const auto& [c, v] : tc) {
    for (std::size_t x = 0; x < v.size(); ++x) {
      for (std::size_t y = x + 1; y < v.size(); ++y) {
        if (plan.kept[v[x]] != plan.kept[v[y]]) print_pair("FN", set, with_doi, v[x], v[y], inputs, keys, "-");
      }
    }
  }
}

// Rathbone's respiratory set (CSV and XML) carries EndNote's record number in
// its "number" field, not the issue: every value differs. Issue numbers repeat
// in any real set, so a column of all-distinct values is dropped.
void drop_record_numbers(const std::string& name, std::vector<screen::DedupInput>& inputs) {
  std::set<std::string> seen;
  std::size_t filled = 0;
  for (const auto& in : inputs) {
    if (in.issue.empty()) continue;
    ++filled;
    seen.insert(in.issue);
  }
  if (filled < 100 || seen.size() != filled) return;
  for (auto& in : inputs) in.issue.clear();
  std::printf("(%s: \"number\" holds a distinct value per record, a record number: not used as the issue)\n",
              name.c_str());
}

// All text under `node` (EndNote wraps every value in <style> elements).
std::string text_of(const pugi::xml_node& node) {
  std::string out;
  for (auto d : node.select_nodes(".//text()")) out += d.node().value();
  return out;
}

// One EndNote XML file: keys, and per record whether it carries the
// "Duplicate" caption (set on every member of a duplicate set).
void score_flag_set(const std::string& name, const fs::path& file, const screen::DedupSettings& settings) {
  pugi::xml_document doc;
  if (!doc.load_file(file.c_str())) {
    std::fprintf(stderr, "%s: not readable XML\n", file.c_str());
    return;
  }
  std::vector<screen::DedupInput> inputs;
  std::vector<bool> flagged;
  for (auto rec : doc.child("xml").child("records").children("record")) {
    screen::DedupInput in;
    in.id = static_cast<std::int64_t>(inputs.size());
    in.title = text_of(rec.child("titles").child("title"));
    std::string authors;
    for (auto a : rec.child("contributors").child("authors").children("author")) {
      authors += text_of(a) + "; ";
    }
    in.authors = authors;
    in.journal = text_of(rec.child("periodical").child("full-title"));
    if (in.journal.empty()) in.journal = text_of(rec.child("titles").child("secondary-title"));
    in.year = fetch::parse_year(text_of(rec.child("dates").child("year")));
    in.volume = text_of(rec.child("volume"));
    in.issue = text_of(rec.child("number"));
    in.pages = text_of(rec.child("pages"));
    in.doi = text_of(rec.child("electronic-resource-num"));
    in.has_abstract = !text_of(rec.child("abstract")).empty();
    flagged.push_back(text_of(rec.child("caption")) == "Duplicate");
    inputs.push_back(std::move(in));
  }
  drop_record_numbers(name, inputs);
  for (bool with_doi : {true, false}) {
    std::vector<screen::DedupKey> keys;
    for (auto in : inputs) {
      if (!with_doi) in.doi.clear();
      keys.push_back(screen::make_dedup_key(in));
    }
    auto plan = screen::plan_dedup(keys, settings);
    std::map<std::size_t, int> size;
    for (auto k : plan.kept) ++size[k];
    long tp = 0, fp = 0, fn = 0, tn = 0, n_flag = 0;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      bool pred = size[plan.kept[i]] > 1;
      n_flag += flagged[i];
      if (pred && flagged[i]) ++tp;
      else if (pred) ++fp;
      else if (flagged[i]) ++fn;
      else ++tn;
    }
    std::printf("%-13s %-6s %5zu | flag-only (%ld flagged): precision %.4f recall %.4f specificity %.4f [FP %ld, FN %ld]  review=%zu\n",
                name.c_str(), with_doi ? "yes" : "no", keys.size(), n_flag,
                tp + fp ? double(tp) / (tp + fp) : 1.0, tp + fn ? double(tp) / (tp + fn) : 1.0,
                tn + fp ? double(tn) / (tn + fp) : 1.0, fp, fn, plan.review.size());
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> positional;
  std::string fp_set, fn_set;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if ((arg == "--fp" || arg == "--fn") && i + 1 < argc) (arg == "--fp" ? fp_set : fn_set) = argv[++i];
    else positional.push_back(arg);
  }
  fs::path shared = !positional.empty() ? fs::path(positional[0]) : fs::path("../shared");
  fs::path base = shared / "benchmarks/dedup";
  if (!fs::exists(base)) {
    std::fprintf(stderr, "%s is absent; pass the shared folder as the first argument\n", base.c_str());
    return 1;
  }
  // Optional second argument: the merge threshold, to show its trade-off.
  screen::DedupSettings settings;
  if (positional.size() > 1) settings.merge_threshold = std::stod(positional[1]);
  std::printf("merge threshold %.2f, review threshold %.2f\n", settings.merge_threshold, settings.review_threshold);
  const std::vector<Set> sets = {
      {"diabetes", "asysd_diabetes/labelled_test_set.csv", "asysd_diabetes/diabetes_merged_record_ids.csv", "record_id", 0.9984, 1.000, 1.000, 1.000},
      {"cytology", "rathbone2015_sra/cytology_screening/records_pre_merged.csv", "rathbone2015_sra/cytology_screening/merged_record_ids.csv", "ID", 0.9728, 0.9991, 0.9922, 1.000},
      {"haematology", "rathbone2015_sra/haematology/records_pre_merged.csv", "rathbone2015_sra/haematology/merged_record_ids.csv", "ID", 0.8074, 1.000, 0.8889, 1.000},
      {"respiratory", "rathbone2015_sra/respiratory/records_pre_merged.csv", "rathbone2015_sra/respiratory/merged_record_ids.csv", "ID", 0.9151, 1.000, 0.9358, 1.000},
      {"stroke", "rathbone2015_sra/stroke/records_pre_merged.csv", "rathbone2015_sra/stroke/merged_record_ids.csv", "ID", 0.9618, 1.000, 0.9936, 1.000},
      {"digital_work", "wagner2021_digital_work/records_pre_merged.csv", "wagner2021_digital_work/merged_record_ids.csv", "ID", 0.8320, 0.9971, 0.9973, 1.000},
      {"special_cases", "bibdedupe_special_cases/records_pre_merged.csv", "bibdedupe_special_cases/merged_record_ids.csv", "ID", -1, -1, -1, -1},
  };
  std::printf("%-13s %-6s %5s | %-22s | %-30s | %-13s | %-13s | %-15s | %-15s | %s\n", "set", "doi", "n",
              "pairwise P / R / F1", "removal sens / spec [FP, FN]", "cluster P / R", "B3 P / R",
              "ASySD sens/spec", "bib-dedupe", "ms");
  for (const auto& set : sets) {
    std::string bytes = read_file(base / set.records);
    std::string text = fetch::decode_to_utf8(bytes, set.records).text;
    csv::Table t = csv::parse(text, set.records);
    std::vector<screen::DedupInput> inputs;
    std::map<std::string, std::size_t> index;
    for (const auto& r : t.rows) {
      screen::DedupInput in;
      in.id = static_cast<std::int64_t>(inputs.size());
      in.title = field(t, r, "title");
      in.authors = field(t, r, "author");
      in.journal = field(t, r, "journal");
      if (in.journal.empty()) in.journal = field(t, r, "booktitle");
      in.year = fetch::parse_year(field(t, r, "year"));
      in.volume = field(t, r, "volume");
      in.issue = field(t, r, "number");
      in.pages = field(t, r, "pages");
      in.doi = field(t, r, "doi");
      in.has_abstract = !field(t, r, "abstract").empty();
      index[strip_id(field(t, r, set.key))] = inputs.size();
      inputs.push_back(std::move(in));
    }
    drop_record_numbers(set.name, inputs);
    std::vector<int> truth(inputs.size());
    for (std::size_t i = 0; i < truth.size(); ++i) truth[i] = static_cast<int>(i);
    csv::Table tt = csv::parse(fetch::decode_to_utf8(read_file(base / set.truth), set.truth).text, set.truth);
    int cluster = static_cast<int>(inputs.size());
    for (const auto& r : tt.rows) {
      std::string ids = r.fields.at(0);
      std::size_t b = 0;
      while (b <= ids.size()) {
        std::size_t e = ids.find(';', b);
        if (e == std::string::npos) e = ids.size();
        auto it = index.find(strip_id(ids.substr(b, e - b)));
        if (it != index.end()) truth[it->second] = cluster;
        b = e + 1;
      }
      ++cluster;
    }
    for (bool with_doi : {true, false}) {
      std::vector<screen::DedupKey> keys;
      for (auto in : inputs) {
        if (!with_doi) in.doi.clear();
        keys.push_back(screen::make_dedup_key(in));
      }
      auto t0 = std::chrono::steady_clock::now();
      auto plan = screen::plan_dedup(keys, settings);
      double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      std::vector<int> pred(keys.size());
      for (std::size_t i = 0; i < keys.size(); ++i) pred[i] = static_cast<int>(plan.kept[i]);
      Metrics m = score(truth, pred);
      dump_pairs(set.name, with_doi, fp_set == set.name || fp_set == "all", fn_set == set.name || fn_set == "all",
                 inputs, keys, truth, plan);
      char ref1[32] = "-", ref2[32] = "-";
      if (set.asysd_sens >= 0) {
        std::snprintf(ref1, sizeof ref1, "%.4f/%.4f", set.asysd_sens, set.asysd_spec);
        std::snprintf(ref2, sizeof ref2, "%.4f/%.4f", set.bib_sens, set.bib_spec);
      }
      std::printf("%-13s %-6s %5zu | %.4f %.4f %.4f | %.4f / %.4f [%3ld, %4ld] | %.4f %.4f | %.4f %.4f | %-15s | %-15s | %.0f  review=%zu\n",
                  set.name.c_str(), with_doi ? "yes" : "no", keys.size(), m.pp, m.pr, m.pf, m.sens,
                  m.spec, m.fp, m.fn, m.cp, m.cr, m.bp, m.br, ref1, ref2, ms, plan.review.size());
    }
  }
  for (const auto& [name, file] : std::vector<std::pair<std::string, std::string>>{
           {"respiratory-x", "rathbone2015_sra/respiratory/Respiratory.xml"},
           {"copper", "iebh_dedupe_sweep/copper.xml"},
           {"tafenoquine", "iebh_dedupe_sweep/tafenoquine.xml"}}) {
    score_flag_set(name, base / file, settings);
  }
  return 0;
}
