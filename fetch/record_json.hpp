// The record model as JSON: how a record is kept whole in records.record_json
// and written by `export records --format json`.
#pragma once

#include <string>

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

}  // namespace prismaflow::fetch
