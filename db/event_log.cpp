#include "db/event_log.hpp"

#include <cstdlib>

#include "common/clock.hpp"
#include "db/database.hpp"

namespace prismaflow::db {

void log_event(Database& db, const Event& e) {
  auto s = db.prepare(
      "INSERT INTO events(at, actor, command, action, entity, entity_id, before_json, after_json)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, now_utc_iso()).bind(2, e.actor).bind(3, e.command).bind(4, e.action);
  s.bind(5, e.entity).bind(6, e.entity_id);
  if (e.before_json.empty()) s.bind(7, nullptr); else s.bind(7, e.before_json);
  if (e.after_json.empty()) s.bind(8, nullptr); else s.bind(8, e.after_json);
  s.run();
}

std::vector<Event> read_events(Database& db, std::string_view entity) {
  auto s = db.prepare(
      "SELECT actor, command, action, entity, coalesce(entity_id,''), coalesce(before_json,''),"
      " coalesce(after_json,'') FROM events WHERE ?1 = '' OR entity = ?1 ORDER BY event_id");
  s.bind(1, entity);
  std::vector<Event> out;
  while (s.step()) {
    out.push_back({s.get_text(0), s.get_text(1), s.get_text(2), s.get_text(3), s.get_text(4),
                   s.get_text(5), s.get_text(6)});
  }
  return out;
}

std::string current_actor() {
  for (const char* var : {"PRISMAFLOW_USER", "USER", "LOGNAME"}) {
    if (const char* v = std::getenv(var); v && *v) return v;
  }
  return "unknown";
}

}  // namespace prismaflow::db
