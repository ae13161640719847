// `prismaflow help [COMMAND]`: the same text as `prismaflow COMMAND --help`.
#include <iostream>

#include "cli/command.hpp"
#include "common/error.hpp"

namespace prismaflow::cli {

int cmd_help(const Args& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::cout << "Usage: prismaflow help COMMAND\n\nCommands:\n";
    for (const auto& c : commands()) std::cout << "  " << c.name << "  " << c.summary << "\n";
    return 0;
  }
  const Command* c = find_command(args[0]);
  if (!c) {
    std::string hint = suggest_command(args[0]);
    throw UsageError("unknown command '" + args[0] + "'" +
                     (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
  }
  Args sub(args.begin() + 1, args.end());
  sub.push_back("--help");
  return c->run(sub);
}

}  // namespace prismaflow::cli
