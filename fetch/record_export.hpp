// Writing records out so that nothing is locked in: CSV with the column names
// other tools read, RIS for reference managers, JSON with the whole model.
#pragma once

#include <string>
#include <vector>

#include "fetch/record.hpp"
#include "fetch/record_store.hpp"

namespace prismaflow::fetch {

/// The CSV header of `export records`. The first eight names and source_id
/// are a contract: record_id,pmid,doi,title,year,journal,source,duplicate_of.
const std::vector<std::string>& export_csv_columns();

/// One CSV line (with "\n") for `row` in export_csv_columns() order.
std::string export_csv_row(const RecordSummary& row);

/// One RIS record ending in "ER  - \n". `record_id` goes in the ID tag.
std::string export_ris_record(const Record& record, std::int64_t record_id,
                              const RecordSummary& summary);

}  // namespace prismaflow::fetch
