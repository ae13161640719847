// Searches and their runs in the review database (PRISMA-S): the saved
// search, each run's query as sent, translation, warnings, count, date
// window, parameters, the PMIDs it returned (with a fetched flag that
// --resume continues from) and every raw response body, zstd-compressed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/protocol.hpp"
#include "fetch/eutils_transport.hpp"

namespace prismaflow::db {
class Database;
}

namespace prismaflow::fetch {

/// The search_id of `spec`, inserting it (or updating its query and dates
/// when review.toml changed them). Call inside a Transaction.
std::int64_t ensure_search(db::Database& db, std::int64_t source_id, const SearchSpec& spec);

/// What a run row holds when it starts.
struct RunStart {
  std::int64_t search_id = 0;
  std::string kind;  ///< initial | update | replay
  std::string query_sent;
  std::string query_translation;
  std::string warnings, errors;  ///< "; "-joined
  std::int64_t count = 0;
  std::string mindate, maxdate, datetype;
  std::string params_json;
  int review_version = 1;
};

/// Inserts a run with status 'running'; returns its run_id.
std::int64_t create_run(db::Database& db, const RunStart& run);

/// Appends one raw response to `run_id` with the next sequence number;
/// returns its response_id (records point into it, see RecordWriter).
std::int64_t add_raw_response(db::Database& db, std::int64_t run_id, const EutilsRequest& request,
                      const EutilsResponse& response);

/// A response body as raw_responses keeps it: zstd-compressed, with its
/// SHA-256 and size. Pure and thread-safe, so a bulk load packs the next
/// reply while the current one is written.
struct PackedBody {
  std::string zstd;
  std::string sha256;
  std::int64_t bytes = 0;
};
PackedBody pack_body(std::string_view body);

/// add_raw_response with the body already packed (`packed` must be
/// pack_body(response.body)).
std::int64_t add_raw_response(db::Database& db, std::int64_t run_id, const EutilsRequest& request,
                              const EutilsResponse& response, const PackedBody& packed);

/// Records the run's PMIDs (all unfetched).
void add_run_pmids(db::Database& db, std::int64_t run_id, const std::vector<std::string>& pmids);

/// The run's pmid_list_sha256: SHA-256 of the PMIDs in numeric order, one
/// per line with no final newline.
std::string pmid_list_hash(const std::vector<std::string>& sorted_pmids);

/// PMIDs of `run_id` not yet fetched, in numeric order.
std::vector<std::string> unfetched_pmids(db::Database& db, std::int64_t run_id);

/// Every PMID of `run_id`, in numeric order.
std::vector<std::string> run_pmids(db::Database& db, std::int64_t run_id);

/// Marks the PMIDs in `pmids_json` (a JSON array of strings) of `run_id`
/// fetched; returns how many were not fetched before (PMIDs of other runs or
/// already marked do not count).
std::int64_t mark_fetched_json(db::Database& db, std::int64_t run_id,
                               const std::string& pmids_json);

/// Closes a run: status, finish time, errors and the update counts.
struct RunEnd {
  std::string status;  ///< complete | failed
  std::string errors;
  std::string warnings;  ///< appended to the run's warnings
  std::string pmid_list_sha256;
  std::optional<std::int64_t> n_new, n_present, n_gone;
};
void finish_run(db::Database& db, std::int64_t run_id, const RunEnd& end);

/// A run as listed for --resume, --update and --export-archive.
struct RunRow {
  std::int64_t run_id = 0;
  std::int64_t search_id = 0;
  std::string search_name, query, kind, status, started_at;
  std::int64_t count = 0;
  int review_version = 1;
};

/// Runs that did not complete (killed, failed), oldest first.
std::vector<RunRow> interrupted_runs(db::Database& db);
/// The latest complete run of the search named `name`.
std::optional<RunRow> last_complete_run(db::Database& db, const std::string& name);
/// The run `run_id`, if any.
std::optional<RunRow> find_run(db::Database& db, std::int64_t run_id);
/// Every run, oldest first.
std::vector<RunRow> all_runs(db::Database& db);
/// The highest review_version of any run or record (1 when none).
int max_review_version(db::Database& db);

/// One stored response, decompressed.
struct StoredResponse {
  std::int64_t response_id = 0;
  int seq = 0;
  std::string endpoint, params_json;
  int http_status = 0;
  std::string body;
};
/// The raw responses of `run_id` in the order they were received.
std::vector<StoredResponse> stored_responses(db::Database& db, std::int64_t run_id);

}  // namespace prismaflow::fetch
