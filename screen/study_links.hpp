// Reports and studies: PRISMA 2020 counts studies included and the reports of
// them apart, since one study can have several reports (records). A report
// belongs to at most one study; linking creates the study by name.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace prismaflow::db {
class Database;
}

namespace prismaflow::screen {

/// Links each of `record_ids` to study `study_name` (created when new), in
/// one transaction; a record linked elsewhere is moved. Throws InputError when
/// a record does not exist or the name is empty (nothing is then written).
/// Returns the study id.
std::int64_t link_reports(db::Database& db, const std::vector<std::int64_t>& record_ids,
                          const std::string& study_name);

/// Unlinks `record_ids` from their studies in one transaction; studies left
/// without reports are kept only if they have outcome data. Returns how many
/// links were removed.
std::int64_t unlink_reports(db::Database& db, const std::vector<std::int64_t>& record_ids);

struct StudyListing {
  std::int64_t study_id = 0;
  std::string name;
  std::vector<std::int64_t> record_ids;
};

/// Every study with its reports, by name.
std::vector<StudyListing> list_studies(db::Database& db);

}  // namespace prismaflow::screen
