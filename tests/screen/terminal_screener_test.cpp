// The interactive screener driven through a real pseudo-terminal (forkpty):
// keys in, ANSI screens out, decisions committed one by one.
#include <gtest/gtest.h>

#include "db/database.hpp"
#include "screen/terminal_view.hpp"
#include "tests/screen/screen_fixture.hpp"
#include "tests/support/pty_session.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::test {
namespace {

TEST(TerminalScreenerTest, KeysDecideUndoAndQuit) {
  TempDir dir;
  ASSERT_EQ(run_prismaflow({"init", dir.path().string(), "--title", "T"}).exit_code, 0);
  write_text(dir / "review.toml", screening_toml(1));
  {
    auto db = db::Database::open(dir / "review.db");
    seed_records(db);
  }
  PtySession pty({prismaflow_binary(), "screen", "--reviewer", "ann", "--review", dir.path().string()});
  ASSERT_TRUE(pty.ok());
  ASSERT_TRUE(pty.expect("[1] ")) << pty.seen();
  ASSERT_TRUE(pty.expect("[q]uit"));
  EXPECT_NE(pty.seen().find("\x1b[1;32mchildren\x1b[0m"), std::string::npos);  // include keyword
  ASSERT_TRUE(pty.send("i"));
  ASSERT_TRUE(pty.expect("[2] "));
  ASSERT_TRUE(pty.expect("[q]uit"));
  EXPECT_NE(pty.seen().find("\x1b[1;31madults\x1b[0m"), std::string::npos);  // exclude keyword
  ASSERT_TRUE(pty.send("e"));
  ASSERT_TRUE(pty.expect("1) Wrong population"));
  ASSERT_TRUE(pty.send("1"));
  ASSERT_TRUE(pty.expect("[3] "));
  ASSERT_TRUE(pty.send("u"));
  ASSERT_TRUE(pty.expect("undone: record 2"));
  ASSERT_TRUE(pty.send("m"));
  ASSERT_TRUE(pty.expect("[3] "));
  ASSERT_TRUE(pty.send("q"));
  ASSERT_TRUE(pty.expect("2 decisions saved"));
  EXPECT_EQ(pty.wait_exit(), 0);
  auto db = db::Database::open(dir / "review.db");
  EXPECT_EQ(db.query_int("SELECT count(*) FROM screening_decisions"), 3);
  EXPECT_EQ(db.query_int("SELECT decision = 'maybe' FROM screening_decisions WHERE record_id = 2 AND superseded = 0"), 1);
  EXPECT_EQ(db.query_int("SELECT decision = 'include' FROM screening_decisions WHERE record_id = 1 AND superseded = 0"), 1);
}

TEST(TerminalViewTest, HighlightsKeywordsCaseInsensitively) {
  auto out = screen::highlight_keywords("Children and ADULTS", {"children"}, {"adults"});
  EXPECT_EQ(out, "\x1b[1;32mChildren\x1b[0m and \x1b[1;31mADULTS\x1b[0m");
  EXPECT_EQ(screen::highlight_keywords("none here", {"x"}, {}), "none here");
}

TEST(TerminalViewTest, OthersDecisionsOnlyWhenGiven) {
  screen::RecordView v;
  v.record_id = 9;
  v.title = "T";
  auto blind = screen::render_record(v, {"title/abstract", "ann", 0, 1}, {}, {}, false);
  EXPECT_EQ(blind.find("other reviewer"), std::string::npos);
  EXPECT_EQ(blind.find("[n]ot retrieved"), std::string::npos);
  v.others = {"bob: include"};
  auto open = screen::render_record(v, {"full text", "ann", 0, 1}, {}, {}, true);
  EXPECT_NE(open.find("other reviewer: bob: include"), std::string::npos);
  EXPECT_NE(open.find("[n]ot retrieved"), std::string::npos);
}

}  // namespace
}  // namespace prismaflow::test
