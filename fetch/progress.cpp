#include "fetch/progress.hpp"

#include <cstdio>

namespace prismaflow::fetch {
namespace {

double rate_of(const ProgressState& s) {
  return s.seconds > 0 ? static_cast<double>(s.fetched) / s.seconds : 0;
}

}  // namespace

std::string format_progress_bar(const ProgressState& s) {
  constexpr int kWidth = 30;
  double rate = rate_of(s);
  double eta = rate > 0 ? static_cast<double>(s.total - s.done) / rate : 0;
  int filled = s.total > 0 ? static_cast<int>(kWidth * s.done / s.total) : kWidth;
  if (filled > kWidth) filled = kWidth;
  if (filled < 0) filled = 0;
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(static_cast<std::size_t>(kWidth), '.');
  char buf[64];
  std::snprintf(buf, sizeof buf, "] %lld/%lld  %.0f rec/s  ETA %.0f s ",
                static_cast<long long>(s.done), static_cast<long long>(s.total), rate, eta);
  return "\r" + s.label + " [" + bar + buf;
}

std::string format_progress_line(const ProgressState& s) {
  char buf[96];
  std::snprintf(buf, sizeof buf, ": %lld/%lld records (%.0f/s)\n", static_cast<long long>(s.done),
                static_cast<long long>(s.total), rate_of(s));
  return s.label + buf;
}

Progress::Progress(std::ostream& out, bool tty) : out_(out), tty_(tty) {}

void Progress::start(const std::string& label, std::int64_t total, std::int64_t done) {
  std::lock_guard<std::mutex> lock(mutex_);
  label_ = label;
  total_ = total;
  done_ = start_done_ = done;
  t0_ = std::chrono::steady_clock::now();
  open_ = true;
  if (!tty_) out_ << label_ << ": fetching " << (total_ - done_) << " of " << total_ << " records\n";
  else draw();
}

void Progress::advance(std::int64_t n) {
  std::lock_guard<std::mutex> lock(mutex_);
  done_ += n;
  draw();
}

void Progress::draw() {
  ProgressState s{label_, total_, done_, done_ - start_done_,
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count()};
  if (tty_) out_ << format_progress_bar(s) << std::flush;
  else out_ << format_progress_line(s);
}

void Progress::finish() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (tty_ && open_) out_ << "\n";
  open_ = false;
}

void Progress::note(const std::string& line) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (tty_ && open_) out_ << "\r\033[K";
  out_ << line << "\n";
  if (tty_ && open_) draw();
}

}  // namespace prismaflow::fetch
