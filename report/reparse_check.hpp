// `verify`'s check of the PubMed records against the archived raw
// E-utilities responses: every stored efetch body is parsed again with the
// current parser and the result compared with records.record_json, the way
// `fetch --reparse` would rewrite it, but read-only: nothing is written.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace prismaflow::db {
class Database;
}

namespace prismaflow::report {

/// One record (or response) whose stored form differs from a re-parse.
struct ReparseDifference {
  std::string pmid;   ///< empty when a whole response no longer parses
  std::string where;  ///< "run 3 response 2"
  std::string what;   ///< e.g. "stored record differs in: title, year"
};

struct ReparseCheck {
  std::int64_t responses = 0;  ///< efetch bodies parsed
  std::int64_t records = 0;    ///< PubMed records compared
  std::vector<ReparseDifference> differences;
};

/// Parses every archived efetch response of every run (runs in order, then
/// responses in order; a PMID's last parse wins, as with `fetch --reparse`)
/// and compares each PubMed record with its stored record_json and deleted
/// flag. A body that no longer parses is a difference, not an exception.
/// Reads only. Throws DbError only on database failure.
ReparseCheck check_reparse(db::Database& db);

}  // namespace prismaflow::report
