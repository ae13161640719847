#include "screen/decision.hpp"

#include <string>

#include "common/error.hpp"

namespace prismaflow::screen {
namespace {
bool lookup(std::string_view t, Decision& out) {
  if (t == "include" || t == "included") out = Decision::kInclude;
  else if (t == "exclude" || t == "excluded") out = Decision::kExclude;
  else if (t == "maybe" || t == "unsure") out = Decision::kMaybe;
  else if (t == "not_retrieved" || t == "not-retrieved") out = Decision::kNotRetrieved;
  else return false;
  return true;
}
}  // namespace

Decision parse_decision(std::string_view text) {
  Decision d{};
  if (!lookup(text, d)) {
    throw UsageError("unknown decision '" + std::string(text) +
                     "'; use include, exclude, maybe or (full text) not_retrieved");
  }
  return d;
}

bool is_decision(std::string_view text) {
  Decision d{};
  return lookup(text, d);
}

std::string_view decision_code(Decision d) {
  switch (d) {
    case Decision::kInclude: return "include";
    case Decision::kExclude: return "exclude";
    case Decision::kMaybe: return "maybe";
    case Decision::kNotRetrieved: return "not_retrieved";
  }
  return "maybe";
}

Role parse_role(std::string_view t) {
  if (t == "reviewer") return Role::kReviewer;
  if (t == "resolution") return Role::kResolution;
  if (t == "automation") return Role::kAutomation;
  throw DbError("unknown screening role '" + std::string(t) + "' in the database");
}

std::string_view role_code(Role r) {
  switch (r) {
    case Role::kReviewer: return "reviewer";
    case Role::kResolution: return "resolution";
    case Role::kAutomation: return "automation";
  }
  return "reviewer";
}

}  // namespace prismaflow::screen
