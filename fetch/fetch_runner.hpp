// One PubMed search run end to end: esearch (history server, paging, PMID
// slicing above the cap), the run recorded with every raw response, then
// efetch in batches, each batch committed with its records so that an
// interrupted run resumes with no duplicate and no gap. The runner talks to
// an EutilsTransport only, so live fetches and archive replays share it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "common/protocol.hpp"
#include "fetch/eutils_session.hpp"
#include "fetch/progress.hpp"
#include "fetch/search_run_store.hpp"
#include "fetch/slice_planner.hpp"

namespace prismaflow::db {
class Database;
}

namespace prismaflow::fetch {

struct FetchSettings {
  std::string tool = "prismaflow";
  std::string email;
  int batch_size = 500;   ///< records per efetch ("several hundred", eutils-notes 2)
  int short_retries = 3;  ///< extra asks when efetch returns fewer records
  int overlap_days = 30;  ///< --update re-reads this many days before the last run
  /// Fetch and parse the next batch on a second thread while this one stores
  /// the current batch (batch_pipeline.hpp); false runs both in turn.
  bool pipeline = true;
  /// With `pipeline`, the storing thread helps build the next batch's rows
  /// and packed reply while it has nothing to store (TaskSharer), so the
  /// parsing thread no longer outweighs it on two cores.
  bool share_rows = true;
  /// Batches stored back to back share a transaction of up to this many
  /// records; one waiting on the network is committed at once.
  int commit_records = 5000;
  SliceSettings slices;
};

struct RunSummary {
  std::int64_t run_id = 0;
  std::string search, kind;
  std::int64_t count = 0;    ///< PMIDs the search returned
  std::int64_t n_new = 0;    ///< records this run added
  std::int64_t n_present = 0;  ///< PMIDs already stored by an earlier run
  std::int64_t n_deleted = 0;  ///< DeleteCitation PMIDs marked deleted
  std::int64_t n_missing = 0;  ///< PMIDs efetch never returned a record for
  std::optional<std::int64_t> n_gone;  ///< update only: no longer returned
  int review_version = 1;
  bool sliced = false;
  int slices = 0;
};

class FetchRunner {
 public:
  /// Keeps references to every argument; they must outlive the runner.
  FetchRunner(db::Database& db, EutilsSession& session, FetchSettings settings,
              Progress& progress);
  ~FetchRunner();

  /// Runs `search` as a new run of `kind` ("initial" or "update"; a replay
  /// transport makes it "replay"). For an update, `since` is the ISO time of
  /// the last complete run: the search is limited to EDAT from `since` minus
  /// the overlap window; the search's own mindate/maxdate still apply (in the
  /// term), and n_gone counts the PMIDs earlier runs returned that the
  /// search's whole result no longer holds. Throws (InputError, NetworkError) with nothing of
  /// the run stored when esearch fails; after the run is recorded, a failure
  /// marks it failed, keeps its committed batches, and says to --resume.
  RunSummary run(const SearchSpec& search, const std::string& kind, int review_version,
                 const std::string& since = {});

  /// Fetches what an interrupted run still lacks and completes it.
  RunSummary resume(const RunRow& run);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// `query` limited to a date window in the term itself, as PubMed's search
/// syntax allows: "(query) AND (2020:2022[PDAT])". An update search uses it
/// to keep the search's own window while its parameters carry the EDAT one.
std::string with_date_range(const std::string& query, const std::string& datetype,
                            const std::string& mindate, const std::string& maxdate);

/// `iso` ("YYYY-MM-DD…") minus `days`, as E-utilities wants it: "YYYY/MM/DD".
std::string eutils_date_minus(const std::string& iso, int days);

}  // namespace prismaflow::fetch
