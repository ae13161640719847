// `prismaflow screen simulate DATASET`: replays a labelled data set through
// prioritised screening and reports how much screening it would have saved
// (issue 6). Reached through `prismaflow screen simulate` (cli/cmd_screen.cpp).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/options.hpp"
#include "common/csv.hpp"
#include "common/error.hpp"
#include "common/file.hpp"
#include "screen/labelled_dataset.hpp"
#include "screen/ranking_config.hpp"
#include "screen/recall_curve_svg.hpp"
#include "screen/simulation.hpp"
#include "screen/simulation_metrics.hpp"
#include "screen/stopping_criterion.hpp"
#include "screen/tfidf.hpp"

namespace prismaflow::cli {
namespace {

struct SimulateOptions {
  std::string dataset;
  std::string label;
  std::vector<std::uint64_t> seeds;
  screen::SimulationOptions sim;
  screen::RankingConfig config;  ///< features and learner; sim.learner is config.learner
  std::string curve_csv, curve_svg;
  bool json = false;
  screen::StoppingCriterionOptions stopping;  ///< where the statistical criterion would stop
};

std::optional<SimulateOptions> parse_screen_simulate(const Args& args) {
  CommandSpec spec{
      "screen simulate",
      "prismaflow screen simulate DATASET [--model nb|logistic|ensemble|svm|auto] [--seed N ...] [--seeds N]\n"
      "       [--prior-included K --prior-excluded K] [--label COLUMN] [--uncertain-share X]\n"
      "       [--balance double|resample|balanced|none] [--tokens words+stop-words|words|words+numbers|all] [--ngram N] [--min-df N]\n"
      "       [--tf sublinear|raw] [--alpha A] [--c C] [--balance-params A,ALPHA,B,BETA] [--split-title-abstract]\n"
      "       [--batch N] [--recall R] [--confidence C] [--curve-csv FILE] [--curve-svg FILE] [--json]",
      "Replays a labelled data set as if it were screened with --order relevance: starts from "
      "K included and K excluded prior records drawn with the seed, then trains, screens the "
      "most relevant record, reveals its label and retrains, until every record is screened. "
      "DATASET is a CSV with title, abstract and a 0/1 label column (label_included, included "
      "or label, or --label COLUMN), or a SYNERGY folder (labels.csv + works_*.zip). "
      "Reports WSS@95 and WSS@100 (% of screening saved at 95%/100% recall, minus what a "
      "random order saves), RRF@10 (% of inclusions found in the first 10%), ATD and the "
      "records screened to find 95% and 100%, and where the statistical stopping criterion "
      "of 'screen stopping' (--recall, --confidence) would have said stop, with the recall "
      "reached there. Prior records are left out of N and of every position, as "
      "ASReview-insights does. Several seeds give the mean and range. The model "
      "options default to what 'screen --order relevance' uses."};
  const screen::RankingConfig def = screen::default_ranking_config();
  spec.options.add_options()
      ("dataset", po::value<std::string>(), "labelled CSV file or SYNERGY folder")
      ("model", po::value<std::string>()->default_value(std::string(screen::model_name(def.learner.model))),
       "nb (naive Bayes), logistic, ensemble (both, standardised scores summed), svm "
       "(linear SVM, squared hinge) or auto (a portfolio of tuned naive Bayes settings, the "
       "leader chosen on the labels so far; unless given, the feature options become the ones "
       "its settings were tuned on, --tokens all --min-df 1 --tf raw, as 'screen --order "
       "relevance --model auto' uses)")
      ("balance", po::value<std::string>()->default_value(std::string(screen::balance_name(def.learner.balance))),
       "double (ASReview's double balance as weights), resample (as a seeded resample), "
       "balanced (inverse class frequency) or none")
      ("tokens", po::value<std::string>()->default_value(std::string(screen::tokens_name(def.features.tokens))),
       "words+stop-words (numbers dropped), words (stop words and numbers dropped), "
       "words+numbers (stop words dropped) or all (both kept, as scikit-learn)")
      ("ngram", po::value<int>()->default_value(def.features.ngram_max), "longest word n-gram (1-3)")
      ("min-df", po::value<int>()->default_value(def.features.min_df), "drop terms in fewer records")
      ("tf", po::value<std::string>()->default_value(def.features.sublinear_tf ? "sublinear" : "raw"),
       "term frequency: sublinear (1 + ln tf) or raw")
      ("alpha", po::value<double>()->default_value(def.learner.naive_bayes.alpha),
       "naive Bayes smoothing (> 0)")
      ("c", po::value<double>()->default_value(def.learner.logistic.c),
       "logistic regression inverse regularisation (> 0); given with --model svm, the SVM's "
       "cost C (which otherwise keeps its own default)")
      ("seed", po::value<std::vector<std::uint64_t>>()->multitoken(), "seed(s) to run (default 1)")
      ("seeds", po::value<unsigned>(), "run seeds 1..N")
      ("prior-included", po::value<unsigned>()->default_value(1), "included prior records")
      ("prior-excluded", po::value<unsigned>()->default_value(1), "excluded prior records")
      ("label", po::value<std::string>(), "name of the label column")
      ("uncertain-share", po::value<double>()->default_value(0.0),
       "share of picks taken from the least certain records, in [0, 1)")
      ("balance-params", po::value<std::string>(),
       "the double balance's A,ALPHA,B,BETA (default 2.155,0.94,0.789,1, ASReview's)")
      ("split-title-abstract",
       "separate vocabularies for titles and for abstracts with keywords (ASReview's split_ta)")
      ("batch", po::value<unsigned>()->default_value(1), "records screened between retrainings")
      ("curve-csv", po::value<std::string>(), "write the recall curve(s) as CSV")
      ("curve-svg", po::value<std::string>(), "write the recall curve(s) as an SVG plot")
      ("recall", po::value<double>()->default_value(screen::StoppingCriterionOptions{}.recall_target),
       "recall target of the stopping criterion, in (0, 1)")
      ("confidence", po::value<double>()->default_value(screen::StoppingCriterionOptions{}.confidence),
       "confidence of the stopping criterion, in (0, 1)")
      ("json", "print one JSON object per seed (one per line)")
      ("help,h", "show this help");
  spec.positional.add("dataset", 1);
  auto vm = parse_command(spec, args);
  if (!vm) return std::nullopt;
  SimulateOptions o;
  if (!vm->count("dataset"))
    throw UsageError("prismaflow screen simulate: give a labelled data set, e.g. "
                     "'prismaflow screen simulate ace.csv'");
  o.dataset = (*vm)["dataset"].as<std::string>();
  if (vm->count("label")) o.label = (*vm)["label"].as<std::string>();
  o.config = def;
  // The same keys as review.toml's [screening.ranking], checked in one place.
  auto given = [&](const char* name) { return vm->count(name) && !(*vm)[name].defaulted(); };
  RankingSpec settings;
  settings.model = (*vm)["model"].as<std::string>();
  if (given("tokens")) settings.tokens = (*vm)["tokens"].as<std::string>();
  if (given("ngram")) settings.ngram = (*vm)["ngram"].as<int>();
  if (given("min-df")) settings.min_df = (*vm)["min-df"].as<int>();
  if (given("tf")) settings.tf = (*vm)["tf"].as<std::string>();
  if (given("alpha")) settings.alpha = (*vm)["alpha"].as<double>();
  if (given("c")) settings.c = (*vm)["c"].as<double>();
  settings.balance = (*vm)["balance"].as<std::string>();
  if (vm->count("split-title-abstract")) settings.split_title_abstract = true;
  settings.uncertain_share = (*vm)["uncertain-share"].as<double>();
  if (vm->count("balance-params")) {
    screen::BalanceOptions b;
    try {
      screen::parse_balance_params((*vm)["balance-params"].as<std::string>(), b);
    } catch (const UsageError& e) {
      throw UsageError(std::string("prismaflow screen simulate: --balance-params: ") + e.what());
    }
    settings.balance_params = std::vector<double>{b.a, b.alpha, b.b, b.beta};
  }
  try {
    screen::apply_ranking_spec(o.config, settings, screen::SettingNames::kOptions);
  } catch (const UsageError& e) {
    throw UsageError(std::string("prismaflow screen simulate: ") + e.what());
  }
  o.sim.learner = o.config.learner;
  o.sim.prior_included = (*vm)["prior-included"].as<unsigned>();
  o.sim.prior_excluded = (*vm)["prior-excluded"].as<unsigned>();
  if (o.sim.prior_included == 0 || o.sim.prior_excluded == 0)
    throw UsageError("prismaflow screen simulate: the model needs at least one included and "
                     "one excluded prior record");
  o.sim.batch = (*vm)["batch"].as<unsigned>();
  if (o.sim.batch == 0) throw UsageError("prismaflow screen simulate: --batch must be at least 1");
  if (vm->count("seed")) o.seeds = (*vm)["seed"].as<std::vector<std::uint64_t>>();
  if (vm->count("seeds")) {
    const unsigned n = (*vm)["seeds"].as<unsigned>();
    if (n == 0) throw UsageError("prismaflow screen simulate: --seeds must be at least 1");
    for (unsigned s = 1; s <= n; ++s) o.seeds.push_back(s);
  }
  if (o.seeds.empty()) o.seeds.push_back(1);
  if (vm->count("curve-csv")) o.curve_csv = (*vm)["curve-csv"].as<std::string>();
  if (vm->count("curve-svg")) o.curve_svg = (*vm)["curve-svg"].as<std::string>();
  o.json = vm->count("json") > 0;
  o.stopping.recall_target = (*vm)["recall"].as<double>();
  o.stopping.confidence = (*vm)["confidence"].as<double>();
  if (!(o.stopping.recall_target > 0 && o.stopping.recall_target < 1) ||
      !(o.stopping.confidence > 0 && o.stopping.confidence < 1))
    throw UsageError("prismaflow screen simulate: --recall and --confidence must be in (0, 1)");
  return o;
}

struct Summary {
  std::vector<double> v;
  double mean() const {
    double s = 0;
    for (double x : v) s += x;
    return s / static_cast<double>(v.size());
  }
  double sd() const {
    if (v.size() < 2) return 0;
    const double m = mean();
    double s = 0;
    for (double x : v) s += (x - m) * (x - m);
    return std::sqrt(s / static_cast<double>(v.size() - 1));
  }
};

std::string fmt(double v, int decimals = 1) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

int run_screen_simulate(const SimulateOptions& o) {
  screen::LabelledDataset ds = screen::load_labelled_dataset(o.dataset, o.label);
  std::vector<screen::DocumentText> docs;
  std::vector<bool> labels;
  for (const auto& r : ds.records) {
    docs.push_back(r.document());
    labels.push_back(r.included);
  }
  const screen::TfidfFeatures f = screen::document_features(docs, o.config.features);

  const std::string settings = screen::ranking_settings_json(o.config);
  std::vector<screen::RecallCurve> curves;
  std::map<std::string, Summary> sum;
  std::size_t never_stopped = 0;
  for (std::uint64_t seed : o.seeds) {
    screen::SimulationOptions sim = o.sim;
    sim.seed = seed;
    sim.learner.logistic.seed = seed;
    sim.learner.svm.seed = seed;
    sim.learner.seed = seed;
    const screen::SimulationRun run = screen::simulate(f.matrix, labels, sim);
    const screen::ScreeningMetrics m = screen::compute_metrics(run.relevant);
    curves.push_back({"seed " + std::to_string(seed), m.found});
    // The criterion reads every decision, priors first, out of every record;
    // the stop is reported, as the other metrics, with the priors left out.
    std::vector<bool> decided;
    for (std::size_t p : run.priors) decided.push_back(labels[p]);
    decided.insert(decided.end(), run.relevant.begin(), run.relevant.end());
    const std::int64_t stop_all =
        screen::first_stop(decided, static_cast<std::int64_t>(labels.size()), o.stopping);
    const auto n_priors = static_cast<std::int64_t>(run.priors.size());
    // -1: the criterion was never met.
    const std::int64_t stopped_at = stop_all == 0 ? -1 : std::max<std::int64_t>(stop_all - n_priors, 0);
    const double recall_at_stop =
        stopped_at >= 0 ? 100.0 * double(m.found[static_cast<std::size_t>(stopped_at)]) / double(m.n_included)
                        : 100.0;
    if (stopped_at >= 0) {
      sum["stop"].v.push_back(double(stopped_at));
      sum["stop_share"].v.push_back(100.0 * double(stopped_at) / double(m.n_records));
      sum["recall_at_stop"].v.push_back(recall_at_stop);
    } else {
      ++never_stopped;
    }
    for (auto [k, v] : {std::pair{"wss95", m.wss95}, {"wss100", m.wss100}, {"rrf10", m.rrf10},
                        {"atd", m.atd}, {"n95", double(m.screened_for_95)},
                        {"n100", double(m.screened_for_100)}, {"seconds", run.seconds}})
      sum[k].v.push_back(v);
    if (o.json) {
      nlohmann::json j = {{"seed", seed},
                          {"n_records", m.n_records},
                          {"n_included", m.n_included},
                          {"wss95", m.wss95},
                          {"wss100", m.wss100},
                          {"rrf10", m.rrf10},
                          {"screened_for_95", m.screened_for_95},
                          {"screened_for_100", m.screened_for_100},
                          {"seconds", run.seconds},
                          {"atd", m.atd},
                          {"dataset", ds.name},
                          {"model", screen::model_name(sim.learner.model)},
                          {"prior_included", sim.prior_included},
                          {"prior_excluded", sim.prior_excluded},
                          {"retrainings", run.retrainings},
                          {"stopped_at", stopped_at >= 0 ? nlohmann::json(stopped_at) : nlohmann::json()},
                          {"recall_at_stop", stopped_at >= 0 ? nlohmann::json(recall_at_stop) : nlohmann::json()},
                          {"settings", nlohmann::json::parse(settings)}};
      std::cout << j.dump() << "\n";
    }
  }

  if (!o.curve_csv.empty()) {
    std::string out = csv::format_row({"seed", "screened", "share_screened", "found", "recall"});
    for (std::size_t c = 0; c < curves.size(); ++c) {
      const auto& found = curves[c].found;
      const double n = static_cast<double>(found.size() - 1), r = double(found.back());
      for (std::size_t i = 0; i < found.size(); ++i)
        out += csv::format_row({std::to_string(o.seeds[c]), std::to_string(i),
                                fmt(double(i) / n, 6), std::to_string(found[i]),
                                fmt(double(found[i]) / r, 6)});
    }
    write_file_atomic(o.curve_csv, out);
  }
  if (!o.curve_svg.empty()) {
    const std::string title = "Recall curve: " + ds.name + " (" +
                              std::string(screen::model_name(o.sim.learner.model)) + ", priors " +
                              std::to_string(o.sim.prior_included) + "+" +
                              std::to_string(o.sim.prior_excluded) + ")";
    write_file_atomic(o.curve_svg, screen::recall_curve_svg(curves, title));
  }
  if (o.json) return 0;

  const std::size_t n = ds.records.size() - o.sim.prior_included - o.sim.prior_excluded;
  std::cout << ds.name << ": " << ds.records.size() << " records, " << ds.n_included()
            << " included (label column " << ds.label_column << ")\n"
            << "model " << screen::model_name(o.sim.learner.model) << ", priors "
            << o.sim.prior_included << " included + " << o.sim.prior_excluded
            << " excluded (left out of N = " << n << "), retrained every " << o.sim.batch
            << " record(s), " << o.seeds.size() << " seed(s)\n"
            << "settings " << settings << "\n";
  auto line = [&](const char* name, const char* key, const char* unit, int dec) {
    const Summary& s = sum[key];
    std::cout << "  " << name << ": " << fmt(s.mean(), dec) << unit;
    if (s.v.size() > 1) {
      const auto [lo, hi] = std::minmax_element(s.v.begin(), s.v.end());
      std::cout << "  (SD " << fmt(s.sd(), dec) << ", range " << fmt(*lo, dec) << " to "
                << fmt(*hi, dec) << ")";
    }
    std::cout << "\n";
  };
  line("WSS@95", "wss95", "%", 1);
  line("WSS@100", "wss100", "%", 1);
  line("RRF@10", "rrf10", "%", 1);
  line("ATD", "atd", "%", 1);
  line("screened to find 95%", "n95", " records", 0);
  line("screened to find 100%", "n100", " records", 0);
  const std::string rule = "stopping criterion (recall " + fmt(100 * o.stopping.recall_target, 0) +
                           "%, confidence " + fmt(100 * o.stopping.confidence, 0) + "%)";
  if (!sum["stop"].v.empty()) {
    line((rule + " stops after").c_str(), "stop", " records", 0);
    line("  that is, of N", "stop_share", "%", 1);
    line("  recall there", "recall_at_stop", "%", 1);
  }
  if (never_stopped > 0)
    std::cout << "  " << rule << ": never met in " << never_stopped << " of " << o.seeds.size()
              << " seed(s)\n";
  line("seconds per simulation", "seconds", " s", 2);
  return 0;
}

}  // namespace

int screen_simulate(const Args& args) {
  auto o = parse_screen_simulate(args);
  if (!o) return 0;
  return run_screen_simulate(*o);
}

}  // namespace prismaflow::cli
