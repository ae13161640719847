#include "cli/options.hpp"

#include <iostream>
#include <sstream>

#include "common/error.hpp"

namespace prismaflow::cli {

void add_common_options(CommandSpec& spec) {
  spec.options.add_options()
      ("review", po::value<std::string>()->default_value("."), "review folder (holds review.toml and review.db)")
      ("help,h", "show this help");
}

std::string help_text(const CommandSpec& spec) {
  std::ostringstream out;
  out << "Usage: " << spec.usage << "\n\n";
  if (!spec.description.empty()) out << spec.description << "\n\n";
  out << spec.options;
  return out.str();
}

std::optional<po::variables_map> parse_command(CommandSpec& spec, const Args& args) {
  for (const auto& a : args) {
    if (a == "--help" || a == "-h") {
      std::cout << help_text(spec);
      return std::nullopt;
    }
  }
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args)
                  .options(spec.options)
                  .positional(spec.positional)
                  .style(po::command_line_style::default_style &
                         ~po::command_line_style::allow_guessing)
                  .run(),
              vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError("prismaflow " + spec.name + ": " + e.what() + "; see 'prismaflow " +
                     spec.name + " --help'");
  }
  return vm;
}

}  // namespace prismaflow::cli
