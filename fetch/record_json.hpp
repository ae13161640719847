// The record model as JSON: how a record is kept in records.record_json
// (beside its title and abstract columns) and written by `export records
// --format json`.
#pragma once

#include <string>
#include <string_view>

#include "fetch/record.hpp"

namespace prismaflow::fetch {

/// Every field except `raw` as a compact JSON object with sorted keys,
/// leaving out members whose value is empty, zero or false (as stored in
/// records.record_json).
std::string record_to_json(const Record& record);

/// The same text built through nlohmann::json; record_to_json must equal it
/// byte for byte. For tests and the bench.
std::string record_to_json_reference(const Record& record);

/// Every field, empty ones included (sorted keys, through nlohmann): the
/// form `export records --format json` writes and earlier versions stored.
std::string record_to_json_full(const Record& record);

/// Inverse of record_to_json and record_to_json_full: a missing member is
/// empty, zero or false. Throws InputError on malformed JSON.
Record record_from_json(const std::string& json);

/// What records.record_json holds: record_to_json without the text the row
/// already has in its title and abstract columns (they were a quarter of
/// the database, stored twice). The title is left out and each abstract
/// section keeps its label and category with "text_length", the byte
/// length of its text in the abstract column (Record::abstract_text()).
std::string record_to_stored_json(const Record& record);

/// Inverse of record_to_stored_json given the row's title and abstract
/// columns. Also reads rows that earlier versions stored whole (with the
/// title and section texts in the JSON, which then win). Throws InputError
/// on malformed JSON, or when the abstract column does not hold the
/// sections the JSON describes.
Record record_from_stored_json(const std::string& json, std::string_view title_column,
                               std::string_view abstract_column);

}  // namespace prismaflow::fetch
