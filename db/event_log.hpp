// The append-only event log. Every command that changes review state writes
// one event per change inside the same transaction as the change itself.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace prismaflow::db {

class Database;

struct Event {
  std::string actor;    ///< reviewer name or $USER
  std::string command;  ///< e.g. "screen import"
  std::string action;   ///< e.g. "insert", "update", "merge"
  std::string entity;   ///< table or concept, e.g. "screening_decision"
  std::string entity_id;
  std::string before_json;  ///< empty for inserts
  std::string after_json;   ///< empty for deletions
};

/// Appends `event` with the current time. Call inside the change's Transaction.
void log_event(Database& db, const Event& event);

/// Events in order, optionally only those of one entity (for tests and `log`).
std::vector<Event> read_events(Database& db, std::string_view entity = {});

/// The login name of whoever runs the command ($USER, else "unknown").
std::string current_actor();

}  // namespace prismaflow::db
