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
                   "review.db yet; an existing DIR/review.toml is kept and used."};
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
  if (fs::exists(dbfile, ec)) {
    throw Error(o.dir.string() +
                ": already holds a review (review.db exists); choose another folder, or work in "
                "this one with --review " + o.dir.string());
  }
  fs::create_directories(o.dir, ec);
  if (ec) {
    throw Error(o.dir.string() + ": cannot create the folder: " + ec.message() +
                "; choose a writable place");
  }
  // A protocol written before the database (a shared template, the bundled
  // example) is adopted as it is, once it parses.
  bool adopted = fs::exists(toml, ec);
  std::string title = o.title;
  if (adopted) {
    Protocol p = parse_protocol(read_file(toml), toml.string());
    if (!p.title.empty()) title = p.title;
  } else {
    write_file_atomic(toml, protocol_template(o.title));
  }
  try {
    auto database = db::Database::open(dbfile, /*create=*/true);
    db::Transaction tx(database);
    database.run("INSERT INTO review_info(key, value) VALUES ('title', ?)", title);
    db::log_event(database, {db::current_actor(), "init", "create", "review", o.dir.string(), "",
                             nlohmann::json{{"title", title}}.dump()});
    tx.commit();
  } catch (...) {
    if (!adopted) fs::remove(toml, ec);
    fs::remove(dbfile, ec);
    throw;
  }
  if (adopted) std::cout << "Using the existing protocol " << toml.string() << "\n";
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
