#include "fetch/progress.hpp"

#include <cstdio>

namespace prismaflow::fetch {

Progress::Progress(std::ostream& out, bool tty) : out_(out), tty_(tty) {}

void Progress::start(const std::string& label, std::int64_t total, std::int64_t done) {
  label_ = label;
  total_ = total;
  done_ = start_done_ = done;
  t0_ = std::chrono::steady_clock::now();
  open_ = true;
  if (!tty_) out_ << label_ << ": fetching " << (total_ - done_) << " of " << total_ << " records\n";
  else draw();
}

void Progress::advance(std::int64_t n) {
  done_ += n;
  draw();
}

void Progress::draw() {
  double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
  double rate = secs > 0 ? static_cast<double>(done_ - start_done_) / secs : 0;
  double eta = rate > 0 ? static_cast<double>(total_ - done_) / rate : 0;
  char buf[160];
  if (tty_) {
    int width = 30;
    int filled = total_ > 0 ? static_cast<int>(width * done_ / total_) : width;
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(static_cast<std::size_t>(width), '.');
    std::snprintf(buf, sizeof buf, "\r%s [%s] %lld/%lld  %.0f rec/s  ETA %.0f s ", label_.c_str(),
                  bar.c_str(), static_cast<long long>(done_), static_cast<long long>(total_), rate,
                  eta);
    out_ << buf << std::flush;
  } else {
    std::snprintf(buf, sizeof buf, "%s: %lld/%lld records (%.0f/s)\n", label_.c_str(),
                  static_cast<long long>(done_), static_cast<long long>(total_), rate);
    out_ << buf;
  }
}

void Progress::finish() {
  if (tty_ && open_) out_ << "\n";
  open_ = false;
}

void Progress::note(const std::string& line) {
  if (tty_ && open_) out_ << "\r\033[K";
  out_ << line << "\n";
  if (tty_ && open_) draw();
}

}  // namespace prismaflow::fetch
