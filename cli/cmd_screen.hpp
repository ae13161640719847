// The `screen` subcommands, one function each, dispatched by cmd_screen().
// Internal to the CLI: cmd_screen.cpp (interactive, next, automate),
// cmd_screen_team.cpp (conflicts, resolve, agreement), cmd_screen_io.cpp
// (import, export), cmd_screen_stopping.cpp (stopping).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "screen/prioritiser.hpp"
#include "screen/stage.hpp"

namespace prismaflow::db {
class Database;
}

namespace prismaflow::cli {

int screen_conflicts(const Args& args);
int screen_resolve(const Args& args);
int screen_agreement(const Args& args);
int screen_import(const Args& args);
int screen_export(const Args& args);
int screen_stopping(const Args& args);

/// `ids` in the order asked for: "id" (as given), "random" (seeded shuffle)
/// or "relevance" (prioritised screening, screen/prioritiser.hpp). Throws
/// UsageError for another order. `ranking` sets the relevance model
/// (empty model: the default of screen/ranking_config.hpp).
std::vector<std::int64_t> order_records(db::Database& db, screen::Stage stage,
                                        std::vector<std::int64_t> ids, const std::string& order,
                                        std::uint64_t seed,
                                        const screen::RankingOptions& ranking = {});

}  // namespace prismaflow::cli
