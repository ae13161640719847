// Boost.Program_options glue shared by every command: parsing into a
// variables_map without side effects, --help handling and the --review
// option. Parse errors become UsageError (exit 2) naming the command.
#pragma once

#include <boost/program_options.hpp>
#include <optional>
#include <string>

#include "cli/command.hpp"

namespace prismaflow::cli {

namespace po = boost::program_options;

/// What a command declares: its name, usage line, options and positionals.
struct CommandSpec {
  CommandSpec(std::string name_, std::string usage_, std::string description_ = {})
      : name(std::move(name_)), usage(std::move(usage_)), description(std::move(description_)) {}
  std::string name;   ///< e.g. "screen import"
  std::string usage;  ///< e.g. "prismaflow screen import FILE.csv [options]"
  std::string description;
  po::options_description options{"Options"};
  po::positional_options_description positional;
};

/// Adds --review DIR (default ".") and --help to `spec`.
void add_common_options(CommandSpec& spec);

/// Parses `args` against `spec`. Returns nullopt after printing the help text
/// when --help/-h is present. Throws UsageError on any parse error.
std::optional<po::variables_map> parse_command(CommandSpec& spec, const Args& args);

/// The full help text of `spec`.
std::string help_text(const CommandSpec& spec);

}  // namespace prismaflow::cli
