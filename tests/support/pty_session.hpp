// A child process on a real pseudo-terminal (forkpty), for tests of the
// interactive commands: the child sees isatty() true on stdin and stdout, the
// test reads what it prints and types answers. Header-only; link `util`.
#pragma once

#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

namespace prismaflow::test {

class PtySession {
 public:
  /// Starts `args` (args[0] is the program path) on a new pseudo-terminal.
  explicit PtySession(const std::vector<std::string>& args) {
    pid_ = forkpty(&fd_, nullptr, nullptr, nullptr);
    if (pid_ == 0) {
      std::vector<char*> argv;
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
  }
  PtySession(const PtySession&) = delete;
  PtySession& operator=(const PtySession&) = delete;
  ~PtySession() {
    if (pid_ > 0) wait_exit();
    if (fd_ >= 0) close(fd_);
  }

  /// True when the child was started.
  bool ok() const { return pid_ > 0; }

  /// Reads until `text` has appeared since the last call; false after 10 s
  /// or when the child closed the terminal first.
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

  /// Types `keys`; true when all were written.
  bool send(const std::string& keys) {
    return write(fd_, keys.data(), keys.size()) == static_cast<ssize_t>(keys.size());
  }

  /// Waits for the child; its exit code, or -1 if it did not exit normally.
  int wait_exit() {
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  /// Everything read so far, including what is not yet matched.
  std::string seen() const { return seen_ + pending_; }

 private:
  int fd_ = -1;
  pid_t pid_ = -1;
  std::string pending_, seen_;
};

}  // namespace prismaflow::test
