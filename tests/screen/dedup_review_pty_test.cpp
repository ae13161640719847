// `prismaflow dedup review` on a real pseudo-terminal: an article and the
// erratum printed under its title are held for review (not merged), the
// reviewer answers at the prompt, and the answer is in the review database.
#include <gtest/gtest.h>

#include "db/database.hpp"
#include "tests/support/pty_session.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::test {
namespace {

// Hum Mol Genet 14(5):703-712 and an erratum 14(8):1107 with the same title
// and authors (as in the haematology benchmark), and an unrelated record.
constexpr const char* kRis =
    "TY  - JOUR\nID  - a1\nTI  - Complement factor H mutations in atypical haemolytic uraemic syndrome\n"
    "AU  - Esparza-Gordillo, J.\nAU  - Buil, A.\nPY  - 2005\nJF  - Human Molecular Genetics\n"
    "VL  - 14\nIS  - 5\nSP  - 703\nEP  - 712\nER  - \n\n"
    "TY  - JOUR\nID  - a2\nTI  - Complement factor H mutations in atypical haemolytic uraemic syndrome\n"
    "AU  - Esparza-Gordillo, J.\nAU  - Buil, A.\nPY  - 2005\nJF  - Human Molecular Genetics\n"
    "VL  - 14\nIS  - 8\nSP  - 1107\nEP  - 1107\nER  - \n\n"
    "TY  - JOUR\nID  - a3\nTI  - Statins in older adults: a cohort study\nAU  - Jones, M.\n"
    "PY  - 2020\nJF  - BMJ\nVL  - 368\nSP  - m100\nER  - \n";

class DedupReviewPtyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run_prismaflow({"init", dir_.path().string()}).exit_code, 0);
    write_text(dir_ / "refs.ris", kRis);
    ASSERT_EQ(run({"import", (dir_ / "refs.ris").string(), "--source", "Embase"}).exit_code, 0);
    auto r = run({"dedup"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // Held for a reviewer, not merged.
    ASSERT_NE(r.out.find("0 new duplicates merged"), std::string::npos) << r.out;
    ASSERT_NE(r.out.find("1 uncertain pairs"), std::string::npos) << r.out;
  }
  CommandResult run(std::vector<std::string> args) {
    args.push_back("--review");
    args.push_back(dir_.path().string());
    return run_prismaflow(args);
  }
  // Runs `dedup review` on a pty, answers the one pair with `answer`.
  void review(const std::string& answer) {
    PtySession pty({prismaflow_binary(), "dedup", "review", "--review", dir_.path().string()});
    ASSERT_TRUE(pty.ok());
    ASSERT_TRUE(pty.expect("Same record?")) << pty.seen();
    EXPECT_NE(pty.seen().find("Complement factor H mutations"), std::string::npos) << pty.seen();
    EXPECT_NE(pty.seen().find("held: issue differs and pages do not match"), std::string::npos) << pty.seen();
    ASSERT_TRUE(pty.send(answer + "\n"));
    EXPECT_TRUE(pty.expect("await 'prismaflow dedup review'")) << pty.seen();
    EXPECT_EQ(pty.wait_exit(), 0) << pty.seen();
  }
  std::int64_t count(std::string_view sql) {
    auto db = db::Database::open(dir_ / "review.db");
    return db.query_int(sql).value_or(-1);
  }
  TempDir dir_;
};

TEST_F(DedupReviewPtyTest, YesMergesThePair) {
  review("y");
  EXPECT_EQ(count("SELECT count(*) FROM dedup_candidates WHERE status = 'duplicate' AND decided_by IS NOT NULL"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM duplicate_links WHERE undone_at IS NULL"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM dedup_candidates WHERE status = 'pending'"), 0);
}

TEST_F(DedupReviewPtyTest, NoKeepsThemApartForGood) {
  review("n");
  EXPECT_EQ(count("SELECT count(*) FROM dedup_candidates WHERE status = 'distinct'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM duplicate_links"), 0);
  // A later run neither merges nor asks again.
  auto again = run({"dedup"});
  EXPECT_NE(again.out.find("0 new duplicates merged"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("0 uncertain pairs"), std::string::npos) << again.out;
}

TEST_F(DedupReviewPtyTest, QuitLeavesThePairPending) {
  review("q");
  EXPECT_EQ(count("SELECT count(*) FROM dedup_candidates WHERE status = 'pending'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM duplicate_links"), 0);
}

}  // namespace
}  // namespace prismaflow::test
