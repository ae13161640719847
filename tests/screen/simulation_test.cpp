#include "screen/simulation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/command.hpp"
#include "common/error.hpp"
#include "common/file.hpp"
#include "screen/labelled_dataset.hpp"
#include "screen/ranking_config.hpp"
#include "screen/simulation_metrics.hpp"
#include "screen/tfidf.hpp"
#include "tests/support/expect_throw_msg.hpp"
#include "tests/support/shared_data.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::screen {
namespace {

// A synthetic labelled set: 6 relevant statin records hidden among 54 others.
std::string synthetic_csv() {
  std::string s = "id,title,abstract,included\n";
  const char* topics[] = {"bird song in spring", "river sediment chemistry", "medieval poetry",
                          "solar panel efficiency", "football injuries", "bee colony collapse"};
  for (int i = 0; i < 60; ++i) {
    const bool relevant = i % 10 == 7;
    s += std::to_string(i) + ",";
    s += relevant ? "Statin therapy in heart failure " : std::string(topics[i % 6]) + " ";
    s += std::to_string(i) + ",";
    s += relevant ? "randomised trial of statins lowering cholesterol,1\n"
                  : std::string("a study of ") + topics[(i / 6) % 6] + ",0\n";
  }
  return s;
}

TEST(Simulation, EveryRecordIsScreenedOnceAndPriorsAreLeftOut) {
  const LabelledDataset ds = parse_labelled_csv(synthetic_csv(), "syn.csv");
  std::vector<DocumentText> docs;
  std::vector<bool> labels;
  for (const auto& r : ds.records) {
    docs.push_back(r.document());
    labels.push_back(r.included);
  }
  const TfidfFeatures f = document_features(docs, {});
  SimulationOptions o;
  o.seed = 3;
  const SimulationRun run = simulate(f.matrix, labels, o);
  EXPECT_EQ(run.priors.size(), 2u);
  EXPECT_EQ(run.order.size(), 58u);
  std::vector<std::size_t> all = run.order;
  all.insert(all.end(), run.priors.begin(), run.priors.end());
  std::sort(all.begin(), all.end());
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i], i);
  // The five statin records left are the first five screened.
  const ScreeningMetrics m = compute_metrics(run.relevant);
  EXPECT_EQ(m.n_included, 5u);
  EXPECT_EQ(m.screened_for_100, 5u);
  EXPECT_EQ(simulate(f.matrix, labels, o).order, run.order);  // same seed, same order

  o.prior_included = 6;  // no inclusion would be left to find
  EXPECT_THROW_MSG(simulate(f.matrix, labels, o), InputError, "too few");
}

TEST(Simulation, CommandPrintsOneJsonObjectPerSeedAndWritesCurves) {
  test::TempDir dir;
  test::write_text(dir / "syn.csv", synthetic_csv());
  testing::internal::CaptureStdout();
  const int rc = cli::screen_simulate({(dir / "syn.csv").string(), "--seed", "1", "2", "--json",
                                       "--curve-csv", (dir / "c.csv").string(), "--curve-svg",
                                       (dir / "c.svg").string()});
  const std::string out = testing::internal::GetCapturedStdout();
  EXPECT_EQ(rc, 0);
  std::istringstream lines(out);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    const auto j = nlohmann::json::parse(line);
    for (const char* key : {"seed", "n_records", "n_included", "wss95", "wss100", "rrf10",
                            "screened_for_95", "screened_for_100", "seconds"})
      EXPECT_TRUE(j.contains(key)) << key;
    EXPECT_EQ(j["seed"], n + 1);
    EXPECT_EQ(j["n_records"], 58);
    EXPECT_EQ(j["n_included"], 5);
    EXPECT_EQ(j["screened_for_100"], 5);
    EXPECT_NEAR(j["wss100"].get<double>(), 100.0 * 53 / 58, 1e-9);
    // All 6 inclusions within the first 7 decisions (priors too), then only
    // exclusions: under the null a 7th would hide among the 53 records left
    // after them, and n exclusions miss it with chance (53 - n) / 53, below
    // 5% from n = 51, i.e. 58 decisions, 56 after the priors.
    EXPECT_EQ(j["stopped_at"], 56);
    EXPECT_EQ(j["recall_at_stop"], 100.0);
    ++n;
  }
  EXPECT_EQ(n, 2);
  const std::string curve = read_file(dir / "c.csv");
  EXPECT_EQ(curve.rfind("seed,screened,share_screened,found,recall\n1,0,", 0), 0u);
  EXPECT_NE(read_file(dir / "c.svg").find("seed 2"), std::string::npos);
  EXPECT_THROW_MSG(cli::screen_simulate({(dir / "syn.csv").string(), "--model", "forest"}),
                   UsageError, "unknown model");
}

TEST(Simulation, CommandRecordsItsRankingSettingsAndRefusesBadOnes) {
  test::TempDir dir;
  test::write_text(dir / "syn.csv", synthetic_csv());
  const std::string csv = (dir / "syn.csv").string();
  testing::internal::CaptureStdout();
  const int rc = cli::screen_simulate({csv, "--json", "--model", "ensemble", "--balance", "resample",
                                       "--tokens", "all", "--ngram", "1", "--min-df", "1", "--tf",
                                       "raw", "--alpha", "0.5", "--c", "2"});
  const auto j = nlohmann::json::parse(testing::internal::GetCapturedStdout());
  EXPECT_EQ(rc, 0);
  const auto& st = j["settings"];
  EXPECT_EQ(st["model"], "ensemble");
  EXPECT_EQ(st["balance"]["kind"], "resample");
  EXPECT_EQ(st["features"]["tokens"], "all");
  EXPECT_EQ(st["features"]["ngram_max"], 1);
  EXPECT_EQ(st["features"]["min_df"], 1);
  EXPECT_EQ(st["features"]["sublinear_tf"], false);
  EXPECT_EQ(st["nb_alpha"], 0.5);
  EXPECT_EQ(st["logistic_c"], 2.0);
  EXPECT_EQ(j["screened_for_100"], 5);  // the synthetic set stays easy for every setting
  // Without options the settings are the prioritiser's defaults.
  testing::internal::CaptureStdout();
  cli::screen_simulate({csv, "--json", "--balance", "none"});
  const auto k = nlohmann::json::parse(testing::internal::GetCapturedStdout());
  EXPECT_EQ(k["settings"]["model"], std::string(model_name(default_ranking_config().learner.model)));
  EXPECT_EQ(k["settings"]["balance"]["kind"], "none");
  // --model auto brings the features its candidates were tuned on, as the
  // prioritiser does, unless a feature option is given.
  testing::internal::CaptureStdout();
  cli::screen_simulate({csv, "--json", "--model", "auto"});
  const auto a = nlohmann::json::parse(testing::internal::GetCapturedStdout());
  const TfidfOptions af = auto_features();
  EXPECT_EQ(a["settings"]["model"], "auto");
  EXPECT_EQ(a["settings"]["features"]["tokens"], std::string(tokens_name(af.tokens)));
  EXPECT_EQ(a["settings"]["features"]["min_df"], af.min_df);
  EXPECT_EQ(a["settings"]["features"]["sublinear_tf"], af.sublinear_tf);
  testing::internal::CaptureStdout();
  cli::screen_simulate({csv, "--json", "--model", "auto", "--min-df", "3"});
  const auto b = nlohmann::json::parse(testing::internal::GetCapturedStdout());
  EXPECT_EQ(b["settings"]["features"]["min_df"], 3);
  EXPECT_EQ(b["settings"]["features"]["tokens"], std::string(tokens_name(af.tokens)));
  // ASReview 0.x's tuned set-ups need the double balance's parameters and
  // separate title and abstract vocabularies.
  testing::internal::CaptureStdout();
  cli::screen_simulate({csv, "--json", "--balance", "resample", "--balance-params", "1.25,1.1,0.9,1",
                        "--split-title-abstract"});
  const auto p = nlohmann::json::parse(testing::internal::GetCapturedStdout());
  EXPECT_EQ(p["settings"]["balance"]["a"], 1.25);
  EXPECT_EQ(p["settings"]["balance"]["alpha"], 1.1);
  EXPECT_EQ(p["settings"]["balance"]["b"], 0.9);
  EXPECT_EQ(p["settings"]["features"]["fields"], "title|abstract+keywords");
  EXPECT_EQ(p["screened_for_100"], 5);
  EXPECT_THROW_MSG(cli::screen_simulate({csv, "--balance-params", "1,1,2,1"}), UsageError,
                   "--balance-params: the double balance needs A > 0, ALPHA >= 0, 0 < B <= 1");
  for (const std::vector<std::string>& bad :
       {std::vector<std::string>{"--balance", "smote"}, {"--tokens", "chars"}, {"--tf", "log"},
        {"--ngram", "4"}, {"--alpha", "0"}, {"--min-df", "0"}, {"--balance-params", "1,1,1"}}) {
    std::vector<std::string> args = {csv};
    args.insert(args.end(), bad.begin(), bad.end());
    EXPECT_THROW(cli::screen_simulate(args), UsageError) << bad[0];
  }
}

TEST(Simulation, RealSharedSetBeatsRandomOrderByFar) {
  PRISMAFLOW_REQUIRE_SHARED(shared);
  const LabelledDataset ds = load_labelled_dataset(shared / "benchmarks/screening/synergy_v1/Oud_2018");
  std::vector<DocumentText> docs;
  std::vector<bool> labels;
  for (const auto& r : ds.records) {
    docs.push_back(r.document());
    labels.push_back(r.included);
  }
  TfidfOptions tf;
  tf.min_df = 2;
  tf.sublinear_tf = true;
  const TfidfFeatures f = document_features(docs, tf);
  SimulationOptions o;
  o.seed = 1;
  o.stop_when_all_found = true;
  const ScreeningMetrics m = compute_metrics(simulate(f.matrix, labels, o).relevant);
  EXPECT_EQ(m.n_records, 950u);
  // A random order gives WSS@95 near 0; prioritisation must save far more.
  EXPECT_GT(m.wss95, 40.0) << "WSS@95 " << m.wss95;
  EXPECT_GT(m.rrf10, 40.0) << "RRF@10 " << m.rrf10;
}

}  // namespace
}  // namespace prismaflow::screen
