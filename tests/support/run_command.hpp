// Runs the built prismaflow binary (or any command) as a user would, and
// captures its exit code, stdout and stderr. For CLI tests.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace prismaflow::test {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs `args` (args[0] is the program) with optional stdin text and extra
/// environment variables; waits for it to end.
CommandResult run_command(const std::vector<std::string>& args, const std::string& stdin_text = "",
                          const std::map<std::string, std::string>& env = {});

/// run_command with the built prismaflow binary prepended.
CommandResult run_prismaflow(const std::vector<std::string>& args,
                             const std::string& stdin_text = "",
                             const std::map<std::string, std::string>& env = {});

/// Path of the built binary.
std::string prismaflow_binary();

}  // namespace prismaflow::test
