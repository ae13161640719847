#include "screen/automation_rules.hpp"

#include <cctype>
#include <map>

#include "db/database.hpp"
#include "db/event_log.hpp"
#include "screen/decision.hpp"
#include "screen/screening_store.hpp"

namespace prismaflow::screen {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> split_types(const std::string& text) {
  std::vector<std::string> out;
  std::size_t b = 0;
  while (b <= text.size()) {
    std::size_t e = text.find(';', b);
    std::string part = text.substr(b, e == std::string::npos ? std::string::npos : e - b);
    std::size_t s = part.find_first_not_of(' ');
    std::size_t t = part.find_last_not_of(' ');
    if (s != std::string::npos) out.push_back(part.substr(s, t - s + 1));
    if (e == std::string::npos) break;
    b = e + 1;
  }
  return out;
}

}  // namespace

std::optional<std::pair<std::string, std::string>> matching_rule(
    const std::vector<AutomationRule>& rules, const std::string& publication_types) {
  auto types = split_types(publication_types);
  for (const auto& rule : rules) {
    for (const auto& excluded : rule.exclude_publication_types) {
      for (const auto& t : types) {
        if (lower(t) == lower(excluded)) return std::make_pair(rule.name, t);
      }
    }
  }
  return std::nullopt;
}

AutomationSummary apply_automation_rules(db::Database& db, const Protocol& protocol) {
  AutomationSummary summary;
  db::Transaction tx(db);
  // Current rule decisions: record -> (decision_id, reviewer, reason).
  struct Current {
    std::int64_t decision_id;
    std::string reviewer, reason;
  };
  std::map<std::int64_t, Current> current;
  {
    auto s = db.prepare(
        "SELECT record_id, decision_id, reviewer, coalesce(reason,'') FROM screening_decisions"
        " WHERE role = 'automation' AND stage = 'ta' AND superseded = 0 AND reviewer LIKE 'rule:%'");
    while (s.step()) current[s.get_int(0)] = {s.get_int(1), s.get_text(2), s.get_text(3)};
  }
  auto s = db.prepare("SELECT record_id, publication_types FROM records ORDER BY record_id");
  while (s.step()) {
    std::int64_t id = s.get_int(0);
    auto match = matching_rule(protocol.screening.automation, s.get_text(1));
    auto it = current.find(id);
    if (match) {
      std::string reviewer = std::string(kRulePrefix) + match->first;
      std::string reason = "publication type: " + match->second;
      if (it != current.end() && it->second.reviewer == reviewer && it->second.reason == reason) {
        ++summary.kept;
        continue;
      }
      if (it != current.end()) {
        db.run("UPDATE screening_decisions SET superseded = 1 WHERE decision_id = ?",
               it->second.decision_id);
      }
      write_decision(db, protocol,
                     {id, Stage::kTitleAbstract, reviewer, Role::kAutomation, Decision::kExclude,
                      reason, "", ""},
                     "screen automate");
      ++summary.marked;
    } else if (it != current.end()) {
      db.run("UPDATE screening_decisions SET superseded = 1 WHERE decision_id = ?",
             it->second.decision_id);
      db::log_event(db, {db::current_actor(), "screen automate", "release", "screening_decision",
                         std::to_string(it->second.decision_id), "", ""});
      ++summary.released;
    }
  }
  tx.commit();
  return summary;
}

}  // namespace prismaflow::screen
