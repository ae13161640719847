#include "tests/support/run_command.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace prismaflow::test {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::string prismaflow_binary() { return PRISMAFLOW_BINARY; }

CommandResult run_command(const std::vector<std::string>& args, const std::string& stdin_text,
                          const std::map<std::string, std::string>& env) {
  // Temporary files rather than pipes: no deadlock on large outputs.
  char out_tmpl[] = "/tmp/prismaflow-out-XXXXXX";
  char err_tmpl[] = "/tmp/prismaflow-err-XXXXXX";
  char in_tmpl[] = "/tmp/prismaflow-in-XXXXXX";
  int out_fd = mkstemp(out_tmpl);
  int err_fd = mkstemp(err_tmpl);
  int in_fd = mkstemp(in_tmpl);
  if (out_fd < 0 || err_fd < 0 || in_fd < 0) throw std::runtime_error("mkstemp failed");
  if (!stdin_text.empty() &&
      write(in_fd, stdin_text.data(), stdin_text.size()) != static_cast<ssize_t>(stdin_text.size())) {
    throw std::runtime_error("cannot write stdin file");
  }
  lseek(in_fd, 0, SEEK_SET);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in_fd, 0);
    dup2(out_fd, 1);
    dup2(err_fd, 2);
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  close(out_fd);
  close(err_fd);
  close(in_fd);
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = slurp(out_tmpl);
  r.err = slurp(err_tmpl);
  std::remove(out_tmpl);
  std::remove(err_tmpl);
  std::remove(in_tmpl);
  return r;
}

CommandResult run_prismaflow(const std::vector<std::string>& args, const std::string& stdin_text,
                             const std::map<std::string, std::string>& env) {
  std::vector<std::string> full{prismaflow_binary()};
  full.insert(full.end(), args.begin(), args.end());
  return run_command(full, stdin_text, env);
}

}  // namespace prismaflow::test
