// The interactive screener driven through a real pseudo-terminal (forkpty):
// keys in, ANSI screens out, decisions committed one by one.
#include <gtest/gtest.h>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>

#include "db/database.hpp"
#include "screen/terminal_view.hpp"
#include "tests/screen/screen_fixture.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::test {
namespace {

class Pty {
 public:
  explicit Pty(const std::vector<std::string>& args) {
    pid_ = forkpty(&fd_, nullptr, nullptr, nullptr);
    if (pid_ == 0) {
      std::vector<char*> argv;
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
  }
  ~Pty() {
    if (pid_ > 0) wait_exit();
    if (fd_ >= 0) close(fd_);
  }
  bool ok() const { return pid_ > 0; }
  // Reads until `text` has appeared since the last call (or 10 s pass).
  bool expect(const std::string& text) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      auto found = pending_.find(text);
      if (found != std::string::npos) {
        seen_ += pending_.substr(0, found + text.size());
        pending_.erase(0, found + text.size());
        return true;
      }
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, 200) > 0) {
        char buf[4096];
        ssize_t n = read(fd_, buf, sizeof buf);
        if (n <= 0) return false;
        pending_.append(buf, static_cast<std::size_t>(n));
      }
    }
    return false;
  }
  void send(const std::string& keys) { ASSERT_EQ(write(fd_, keys.data(), keys.size()), static_cast<ssize_t>(keys.size())); }
  int wait_exit() {
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  const std::string& seen() const { return seen_; }

 private:
  int fd_ = -1;
  pid_t pid_ = -1;
  std::string pending_, seen_;
};

TEST(TerminalScreenerTest, KeysDecideUndoAndQuit) {
  TempDir dir;
  ASSERT_EQ(run_prismaflow({"init", dir.path().string(), "--title", "T"}).exit_code, 0);
  write_text(dir / "review.toml", screening_toml(1));
  {
    auto db = db::Database::open(dir / "review.db");
    seed_records(db);
  }
  Pty pty({prismaflow_binary(), "screen", "--reviewer", "ann", "--review", dir.path().string()});
  ASSERT_TRUE(pty.ok());
  ASSERT_TRUE(pty.expect("[1] ")) << pty.seen();
  ASSERT_TRUE(pty.expect("[q]uit"));
  EXPECT_NE(pty.seen().find("\x1b[1;32mchildren\x1b[0m"), std::string::npos);  // include keyword
  pty.send("i");
  ASSERT_TRUE(pty.expect("[2] "));
  ASSERT_TRUE(pty.expect("[q]uit"));
  EXPECT_NE(pty.seen().find("\x1b[1;31madults\x1b[0m"), std::string::npos);  // exclude keyword
  pty.send("e");
  ASSERT_TRUE(pty.expect("1) Wrong population"));
  pty.send("1");
  ASSERT_TRUE(pty.expect("[3] "));
  pty.send("u");
  ASSERT_TRUE(pty.expect("undone: record 2"));
  pty.send("m");
  ASSERT_TRUE(pty.expect("[3] "));
  pty.send("q");
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
