#include "screen/terminal_screener.hpp"

#include <termios.h>
#include <unistd.h>

#include <deque>
#include <set>

#include "common/error.hpp"
#include "db/database.hpp"
#include "screen/consensus.hpp"
#include "screen/screening_store.hpp"
#include "screen/terminal_view.hpp"

namespace prismaflow::screen {
namespace {

// Raw keys without echo; restores the terminal however the session ends.
class RawMode {
 public:
  explicit RawMode(int fd) : fd_(fd) {
    tcgetattr(fd_, &saved_);
    termios raw = saved_;
    raw.c_lflag &= static_cast<tcflag_t>(~(ICANON | ECHO));
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    tcsetattr(fd_, TCSANOW, &raw);
  }
  ~RawMode() { tcsetattr(fd_, TCSANOW, &saved_); }
  RawMode(const RawMode&) = delete;
  RawMode& operator=(const RawMode&) = delete;

 private:
  int fd_;
  termios saved_{};
};

void put(int fd, const std::string& s) {
  std::size_t off = 0;
  while (off < s.size()) {
    ssize_t n = ::write(fd, s.data() + off, s.size() - off);
    if (n <= 0) return;
    off += static_cast<std::size_t>(n);
  }
}

// 0 at end of input (closed terminal): the session ends as if q was pressed.
char get_key(int fd) {
  char c = 0;
  return ::read(fd, &c, 1) == 1 ? c : 0;
}

RecordView load_view(db::Database& db, const Protocol& protocol, std::int64_t id, Stage stage,
                     const std::string& reviewer) {
  RecordView v;
  v.record_id = id;
  auto s = db.prepare(
      "SELECT coalesce(pmid,''), title, journal, authors, abstract, publication_types, mesh,"
      " coalesce(year,0) FROM records WHERE record_id = ?");
  s.bind(1, id);
  if (s.step()) {
    v.pmid = s.get_text(0);
    v.title = s.get_text(1);
    v.journal = s.get_text(2);
    v.authors = s.get_text(3);
    v.abstract_text = s.get_text(4);
    v.publication_types = s.get_text(5);
    v.mesh = s.get_text(6);
    v.year = static_cast<int>(s.get_int(7));
  }
  // Blind screening (Cochrane Handbook 4.6.4): never show others' decisions.
  if (!protocol.screening.blind) {
    auto d = db.prepare(
        "SELECT reviewer, decision, coalesce(reason,'') FROM screening_decisions WHERE record_id = ?"
        " AND stage = ? AND superseded = 0 AND reviewer <> ? ORDER BY decision_id");
    d.bind_all(id, std::string(stage_code(stage)), reviewer);
    while (d.step()) {
      std::string line = d.get_text(0) + ": " + d.get_text(1);
      if (!d.get_text(2).empty()) line += " (" + d.get_text(2) + ")";
      v.others.push_back(line);
    }
  }
  return v;
}

std::vector<std::string> exclusion_reasons(db::Database& db, const Protocol& protocol) {
  std::vector<std::string> out = protocol.screening.exclusion_reasons;
  std::set<std::string> seen(out.begin(), out.end());
  auto s = db.prepare("SELECT reason FROM exclusion_reasons WHERE origin = 'added' ORDER BY created_at, reason");
  while (s.step()) {
    if (seen.insert(s.get_text(0)).second) out.push_back(s.get_text(0));
  }
  return out;
}

const std::vector<std::string> kNotRetrievedReasons = {
    "Full text not available", "Author did not respond", "Not available in time for the review"};

// Picks a reason with one digit key; "" when cancelled.
std::string pick_reason(const ScreenerOptions& o, const std::vector<std::string>& reasons,
                        const std::string& title) {
  put(o.out_fd, render_reason_picker(reasons, title));
  for (;;) {
    char k = get_key(o.in_fd);
    if (k == 0 || k == '0' || k == 27) return "";
    if (k >= '1' && k <= '9') {
      auto i = static_cast<std::size_t>(k - '1');
      if (i < reasons.size()) return reasons[i];
    }
  }
}

}  // namespace

std::int64_t run_terminal_screener(db::Database& db, const Protocol& protocol,
                                   const ScreenerOptions& o) {
  if (!::isatty(o.in_fd) || !::isatty(o.out_fd)) {
    throw UsageError(
        "prismaflow screen: not a terminal; the interactive screener needs one. For batch "
        "screening use 'prismaflow screen next --json' and 'prismaflow screen import FILE.csv'");
  }
  RawMode raw(o.in_fd);
  const bool ft = o.stage == Stage::kFullText;
  std::deque<std::int64_t> queue(o.order.begin(), o.order.end());
  std::int64_t done = 0;
  std::string message;
  while (!queue.empty()) {
    // Another process (a resolution, or this reviewer elsewhere) may have
    // settled the record since the queue was built: skip it then.
    auto awaiting = records_awaiting(db, protocol, o.stage, o.reviewer);
    std::set<std::int64_t> open(awaiting.begin(), awaiting.end());
    while (!queue.empty() && !open.count(queue.front())) queue.pop_front();
    if (queue.empty()) break;
    std::int64_t id = queue.front();
    ProgressView p{std::string(stage_name(o.stage)), o.reviewer, done,
                   static_cast<std::int64_t>(queue.size())};
    put(o.out_fd, render_record(load_view(db, protocol, id, o.stage, o.reviewer), p,
                                protocol.screening.include_keywords,
                                protocol.screening.exclude_keywords, ft) +
                      message);
    message.clear();
    char k = get_key(o.in_fd);
    NewDecision d{id, o.stage, o.reviewer, Role::kReviewer, Decision::kMaybe, "", "", ""};
    switch (k) {
      case 'i': d.decision = Decision::kInclude; break;
      case 'm': d.decision = Decision::kMaybe; break;
      case 'e':
        d.decision = Decision::kExclude;
        d.reason = pick_reason(o, exclusion_reasons(db, protocol), "Reason for exclusion");
        if (d.reason.empty() && ft) continue;  // full-text exclusions need a reason
        break;
      case 'n':
        if (!ft) continue;
        d.decision = Decision::kNotRetrieved;
        d.reason = pick_reason(o, kNotRetrievedReasons, "Why was the report not retrieved");
        if (d.reason.empty()) continue;
        break;
      case 's':
        queue.push_back(id);
        queue.pop_front();
        continue;
      case 'u':
        if (auto undone = undo_last_decision(db, o.stage, o.reviewer, "screen")) {
          queue.push_front(*undone);
          if (done > 0) --done;
          message = "\r\nundone: record " + std::to_string(*undone) + "\r\n";
        } else {
          message = "\r\nnothing to undo\r\n";
        }
        continue;
      case 'q':
      case 0:
        put(o.out_fd, "\r\n" + std::to_string(done) + " decisions saved.\r\n");
        return done;
      default: continue;
    }
    record_decision(db, protocol, d, "screen");
    ++done;
    queue.pop_front();
  }
  put(o.out_fd, "\r\nNothing left to screen at " + std::string(stage_name(o.stage)) + " for " +
                    o.reviewer + ". " + std::to_string(done) + " decisions saved.\r\n");
  return done;
}

}  // namespace prismaflow::screen
