// The command table: one entry per subcommand, dispatched by cli/main.cpp.
// Each command lives in cli/cmd_<name>.cpp with a plain options struct, a
// parse function that opens nothing, and a run function that wires stage
// libraries together.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace prismaflow::cli {

/// Arguments after the command name, e.g. {"--stage", "ta"}.
using Args = std::vector<std::string>;

/// Runs a command; returns the process exit code. Throws prismaflow::Error.
using RunFn = int (*)(const Args& args);

struct Command {
  std::string_view name;
  std::string_view summary;  ///< one line for `prismaflow --help`
  RunFn run;
};

/// Every command, in the order `--help` lists them.
const std::vector<Command>& commands();

/// The command named `name`, or nullptr.
const Command* find_command(std::string_view name);

/// The known command closest to `name` by edit distance, or "" if none is close.
std::string suggest_command(std::string_view name);

// One declaration per cli/cmd_<name>.cpp.
int cmd_init(const Args& args);
int cmd_status(const Args& args);
int cmd_fetch(const Args& args);
int cmd_export(const Args& args);
int cmd_import(const Args& args);
int cmd_dedup(const Args& args);
int cmd_help(const Args& args);
int cmd_screen(const Args& args);
int cmd_prisma(const Args& args);
int cmd_study(const Args& args);
int cmd_meta(const Args& args);
int cmd_extract(const Args& args);
int cmd_analyze(const Args& args);
int cmd_report(const Args& args);
int cmd_verify(const Args& args);

// screen subcommands
/// `prismaflow screen simulate`: replays a labelled data set (cli/cmd_screen_simulate.cpp).
int screen_simulate(const Args& args);

}  // namespace prismaflow::cli
