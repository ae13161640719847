// prismaflow's entry point: finds the command, runs it, and is the one place
// that catches errors and maps them to exit codes (0 ok, 1 failure, 2 usage).
#include <iostream>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "common/error.hpp"

namespace {

void print_overview(std::ostream& out) {
  out << "prismaflow " PRISMAFLOW_VERSION
         " - a systematic review from search to pooled result\n\n"
         "Usage: prismaflow COMMAND [options]\n\nCommands:\n";
  for (const auto& c : prismaflow::cli::commands()) {
    std::string name(c.name);
    name.resize(10, ' ');
    out << "  " << name << " " << c.summary << "\n";
  }
  out << "\nRun 'prismaflow help COMMAND' or 'prismaflow COMMAND --help' for a command's "
         "options.\nExit codes: 0 success, 1 failure, 2 usage error.\n";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace prismaflow;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    print_overview(std::cerr);
    return 2;
  }
  if (args[0] == "--help" || args[0] == "-h") {
    print_overview(std::cout);
    return 0;
  }
  if (args[0] == "--version") {
    std::cout << "prismaflow " PRISMAFLOW_VERSION "\n";
    return 0;
  }
  const cli::Command* command = cli::find_command(args[0]);
  if (!command) {
    std::cerr << "prismaflow: unknown command '" << args[0] << "'";
    std::string hint = cli::suggest_command(args[0]);
    if (!hint.empty()) std::cerr << "; did you mean '" << hint << "'?";
    std::cerr << "\nRun 'prismaflow --help' for the list of commands.\n";
    return 2;
  }
  try {
    return command->run(cli::Args(args.begin() + 1, args.end()));
  } catch (const UsageError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what()
              << "\nPlease report this with the command you ran.\n";
    return 1;
  }
}
