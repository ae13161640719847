// `prismaflow init DIR`: a new review folder with a commented protocol
// template and an empty, migrated database.
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/options.hpp"
#include "common/error.hpp"
#include "common/file.hpp"
#include "common/protocol.hpp"
#include "db/database.hpp"
#include "db/event_log.hpp"

namespace prismaflow::cli {
namespace {

struct InitOptions {
  std::filesystem::path dir;
  std::string title;
};

std::optional<InitOptions> parse_init(const Args& args) {
  CommandSpec spec{"init", "prismaflow init DIR [--title TEXT]",
                   "Creates DIR/review.toml (the protocol, a commented template to fill in) and "
                   "DIR/review.db (the review database). DIR may exist but must not hold a "
                   "review yet."};
  spec.options.add_options()
      ("dir", po::value<std::string>(), "folder of the new review")
      ("title", po::value<std::string>()->default_value("Untitled systematic review"), "review title")
      ("help,h", "show this help");
  spec.positional.add("dir", 1);
  auto vm = parse_command(spec, args);
  if (!vm) return std::nullopt;
  if (!vm->count("dir")) throw UsageError("prismaflow init: give the folder, e.g. 'prismaflow init my-review'");
  return InitOptions{(*vm)["dir"].as<std::string>(), (*vm)["title"].as<std::string>()};
}

void run_init(const InitOptions& o) {
  namespace fs = std::filesystem;
  auto toml = o.dir / "review.toml";
  auto dbfile = o.dir / "review.db";
  std::error_code ec;
  if (fs::exists(toml, ec) || fs::exists(dbfile, ec)) {
    throw Error(o.dir.string() +
                ": already holds a review (review.toml or review.db exists); choose another "
                "folder, or work in this one with --review " + o.dir.string());
  }
  fs::create_directories(o.dir, ec);
  if (ec) {
    throw Error(o.dir.string() + ": cannot create the folder: " + ec.message() +
                "; choose a writable place");
  }
  write_file_atomic(toml, protocol_template(o.title));
  try {
    auto database = db::Database::open(dbfile, /*create=*/true);
    db::Transaction tx(database);
    database.run("INSERT INTO review_info(key, value) VALUES ('title', ?)", o.title);
    db::log_event(database, {db::current_actor(), "init", "create", "review", o.dir.string(), "",
                             nlohmann::json{{"title", o.title}}.dump()});
    tx.commit();
  } catch (...) {
    fs::remove(toml, ec);
    fs::remove(dbfile, ec);
    throw;
  }
  std::cout << "Created review in " << o.dir.string() << "\n"
            << "  " << toml.string() << "  the protocol: fill in searches, screening and outcomes\n"
            << "  " << dbfile.string() << "    the review database\n"
            << "Next: edit review.toml, then 'prismaflow fetch --review " << o.dir.string()
            << "'.\n";
}

}  // namespace

int cmd_init(const Args& args) {
  auto options = parse_init(args);
  if (!options) return 0;
  run_init(*options);
  return 0;
}

}  // namespace prismaflow::cli
