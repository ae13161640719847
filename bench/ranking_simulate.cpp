// Benchmark: active-learning simulation on every labelled set in
// ../shared/benchmarks/screening/ (issue 6 goals). Prints, per data set, the
// mean and range over seeds of WSS@95, WSS@100, RRF@10, ATD, n95, n100 and the
// seconds per simulation (features built once per set, not counted), next to
// ASReview's published WSS@95 (Ferdinands et al. 2023, NB+TF-IDF+max+double).
//
// usage: ranking_simulate [SHARED_DIR] [--model nb|logistic|ensemble|svm|auto] [--seeds N]
//                         [--alpha A] [--ngram N] [--min-df K] [--tokens words+stop-words|words|words+numbers|all]
//                         [--plain-tf|--sublinear] [--no-balance] [--c C]
//                         [--balance double|resample|balanced|none] [--ratio R]
//                         [--only NAME] [--to-end] [--sklearn] [--resample]
//                         [--split-ta] [--asreview-settings] [--margin M]
// --model auto also takes auto_features() (every token, raw tf, min_df 1),
// unless later flags change them; --margin is its switching margin.
// --asreview-settings reproduces Ferdinands 2023's set-up per data set: the
// NB alpha, n-grams, split_ta and balance parameters are read from the
// published settings (anchor_results_NB_TFIDF_max_double/<set>_all.json),
// scikit-learn's default tokens, plain tf, min_df 1, resampled "double"
// balance. "WSS@95 of mean curve" is the published aggregate: WSS@95 read
// off the recall curve averaged over the runs (mean is the mean of per-run values).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "screen/labelled_dataset.hpp"
#include "screen/ranking_config.hpp"
#include "screen/simulation.hpp"
#include "screen/simulation_metrics.hpp"
#include "screen/tfidf.hpp"

namespace ps = prismaflow::screen;

namespace {

struct Stat {
  std::vector<double> v;
  double mean() const {
    double s = 0;
    for (double x : v) s += x;
    return v.empty() ? 0 : s / static_cast<double>(v.size());
  }
  double lo() const { return *std::min_element(v.begin(), v.end()); }
  double hi() const { return *std::max_element(v.begin(), v.end()); }
};

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path shared = "../shared";
  // Start from the product's defaults (what `screen simulate` and
  // `screen --order relevance` use); the flags below change them.
  const ps::RankingConfig defaults = ps::default_ranking_config();
  ps::SimulationOptions sim;
  sim.learner = defaults.learner;
  ps::TfidfOptions tf = defaults.features;
  int seeds = 5;
  std::string only;
  sim.stop_when_all_found = true;
  bool asreview = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() { return std::string(argv[++i]); };
    if (a == "--model") {
      sim.learner.model = ps::parse_model(next());
      // auto brings its features (flags after it still change them).
      if (sim.learner.model == ps::ModelKind::kAuto) tf = ps::auto_features();
    } else if (a == "--margin") sim.learner.portfolio.margin = std::stod(next());
    else if (a == "--seeds") seeds = std::stoi(next());
    else if (a == "--alpha") sim.learner.naive_bayes.alpha = std::stod(next());
    else if (a == "--c") sim.learner.logistic.c = sim.learner.svm.c = std::stod(next());
    else if (a == "--balance") ps::parse_balance(next(), sim.learner.balance);
    else if (a == "--ratio") sim.learner.balance.ratio = std::stod(next());
    else if (a == "--ngram") tf.ngram_max = std::stoi(next());
    else if (a == "--min-df") tf.min_df = std::stoi(next());
    else if (a == "--tokens") tf.tokens = ps::parse_tokens(next());
    else if (a == "--keep-stop-words") tf.tokens.drop_stop_words = false;
    else if (a == "--keep-numbers") tf.tokens.drop_numbers = false;
    else if (a == "--plain-tf") tf.sublinear_tf = false;
    else if (a == "--sublinear") tf.sublinear_tf = true;
    else if (a == "--bal") {
      sim.learner.balance.a = std::stod(next());
      sim.learner.balance.alpha = std::stod(next());
      sim.learner.balance.b = std::stod(next());
    } else if (a == "--no-balance") sim.learner.balance.enabled = false;
    else if (a == "--uncertain") sim.learner.uncertain_share = std::stod(next());
    else if (a == "--batch") sim.batch = static_cast<std::size_t>(std::stoul(next()));
    else if (a == "--only") only = next();
    else if (a == "--sklearn") {
      tf.tokens = {false, false};
      tf.min_df = 1;
      tf.sublinear_tf = false;
    } else if (a == "--resample") sim.learner.balance.resample = true;
    else if (a == "--split-ta") tf.split_title_abstract = true;
    else if (a == "--asreview-settings") asreview = true;
    else if (a == "--to-end") sim.stop_when_all_found = false;
    else shared = a;
  }
  const std::filesystem::path base = shared / "benchmarks" / "screening";
  const std::vector<std::pair<std::string, double>> sets = {
      {"ferdinands2023_asreview/ace.csv", 82.90},
      {"ferdinands2023_asreview/nudging.csv", 71.66},
      {"ferdinands2023_asreview/virus.csv", 71.15},
      {"ferdinands2023_asreview/wilson.csv", 83.40},
      {"asreview_srd_legacy/Cohen_2006_Opiods.csv", -1},
      {"asreview_srd_legacy/Kitchenham_2010.csv", -1},
      {"synergy_v1/Chou_2004", -1},
      {"synergy_v1/Oud_2018", -1}};
  std::printf("model=%s C=%.3g ngram=%d alpha=%.3f balance=%s seeds=%d priors=1+1 retrain=every %zu "
              "decision(s) %s\n",
              std::string(ps::model_name(sim.learner.model)).c_str(),
              sim.learner.model == ps::ModelKind::kSvm ? sim.learner.svm.c : sim.learner.logistic.c,
              tf.ngram_max, sim.learner.naive_bayes.alpha,
              std::string(ps::balance_name(sim.learner.balance)).c_str(), seeds, sim.batch,
              sim.stop_when_all_found ? "(retraining stops once all inclusions are found)"
                                      : "(full replay to the last record)");
  std::printf("%-18s %5s %4s | %-20s %-20s %-20s %-18s %-15s %-15s | %s | %s\n", "dataset", "N",
              "R", "WSS@95 mean [min,max]", "WSS@100", "RRF@10", "ATD", "n95", "n100",
              "CPU s/run [max]", "ASReview WSS@95");
  for (const auto& [rel, published] : sets) {
    if (!only.empty() && rel.find(only) == std::string::npos) continue;
    const auto path = base / rel;
    if (!std::filesystem::exists(path)) {
      std::printf("%s: missing, skipped\n", rel.c_str());
      continue;
    }
    const auto t0 = std::chrono::steady_clock::now();
    ps::LabelledDataset ds = ps::load_labelled_dataset(path);
    ps::SimulationOptions set_sim = sim;
    ps::TfidfOptions set_tf = tf;
    const auto settings_path = base / "ferdinands2023_asreview" /
                               "anchor_results_NB_TFIDF_max_double" / (ds.name + "_all.json");
    if (asreview && std::filesystem::exists(settings_path)) {
      std::ifstream in(settings_path);
      const auto st = nlohmann::json::parse(in).at("settings");
      set_sim.learner.naive_bayes.alpha = st.at("model_param").at("alpha").get<double>();
      set_tf.ngram_max = st.at("feature_param").at("ngram_max").get<int>();
      set_tf.split_title_abstract = st.at("feature_param").at("split_ta").get<int>() != 0;
      const auto& bp = st.at("balance_param");
      set_sim.learner.balance = {true, bp.at("a").get<double>(), bp.at("alpha").get<double>(),
                                 bp.at("b").get<double>(), bp.at("beta").get<double>(), true};
      set_tf.tokens = {false, false};
      set_tf.min_df = 1;
      set_tf.sublinear_tf = false;
    } else if (asreview) {
      set_sim.learner.balance.resample = true;
      set_tf.tokens = {false, false};
      set_tf.min_df = 1;
      set_tf.sublinear_tf = false;
    }
    std::vector<ps::DocumentText> docs;
    std::vector<bool> labels;
    for (const auto& r : ds.records) {
      docs.push_back(r.document());
      labels.push_back(r.included);
    }
    const ps::TfidfFeatures f = ps::document_features(docs, set_tf);
    const double prep =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::map<std::string, Stat> st;
    std::vector<double> mean_recall;  // recall after i screened, averaged over runs
    for (int s = 1; s <= seeds; ++s) {
      set_sim.seed = static_cast<std::uint64_t>(s);
      set_sim.learner.seed = set_sim.seed;
      set_sim.learner.logistic.seed = set_sim.seed;
      set_sim.learner.svm.seed = set_sim.seed;
      const std::clock_t c0 = std::clock();
      ps::SimulationRun run = ps::simulate(f.matrix, labels, set_sim);
      st["cpu"].v.push_back(double(std::clock() - c0) / CLOCKS_PER_SEC);
      ps::ScreeningMetrics m = ps::compute_metrics(run.relevant);
      st["wss95"].v.push_back(m.wss95);
      st["wss100"].v.push_back(m.wss100);
      st["rrf10"].v.push_back(m.rrf10);
      st["atd"].v.push_back(m.atd);
      st["n95"].v.push_back(static_cast<double>(m.screened_for_95));
      st["n100"].v.push_back(static_cast<double>(m.screened_for_100));
      st["sec"].v.push_back(run.seconds);
      mean_recall.resize(m.found.size(), 0.0);
      for (std::size_t i = 0; i < m.found.size(); ++i)
        mean_recall[i] += static_cast<double>(m.found[i]) /
                          static_cast<double>(m.n_included) / static_cast<double>(seeds);
    }
    // Published aggregate: the first i where the mean recall reaches 95%.
    std::size_t n95_mean = mean_recall.size() - 1;
    for (std::size_t i = 0; i < mean_recall.size(); ++i)
      if (mean_recall[i] >= 0.95 - 1e-12) {
        n95_mean = i;
        break;
      }
    const double n_eval = static_cast<double>(mean_recall.size() - 1);
    const double wss95_mean_curve = 100.0 * ((n_eval - static_cast<double>(n95_mean)) / n_eval - 0.05);
    auto cell = [&](const char* k, const char* fmt) {
      char buf[64];
      std::snprintf(buf, sizeof buf, fmt, st[k].mean(), st[k].lo(), st[k].hi());
      return std::string(buf);
    };
    std::printf("%-18s %5zu %4zu | %-20s %-20s %-20s %-18s %-15s %-15s | %.3f [%.3f] | %s  "
                "(load+tfidf %.2fs, %zu terms) WSS@95 of mean curve %.1f\n",
                ds.name.c_str(), ds.records.size(), ds.n_included(),
                cell("wss95", "%.1f [%.1f,%.1f]").c_str(), cell("wss100", "%.1f [%.1f,%.1f]").c_str(),
                cell("rrf10", "%.1f [%.1f,%.1f]").c_str(), cell("atd", "%.1f [%.1f,%.1f]").c_str(),
                cell("n95", "%.0f [%.0f,%.0f]").c_str(), cell("n100", "%.0f [%.0f,%.0f]").c_str(),
                st["cpu"].mean(), st["cpu"].hi(),
                published > 0 ? std::to_string(published).substr(0, 5).c_str() : "-", prep,
                f.vocabulary.size(), wss95_mean_curve);
  }
  return 0;
}
