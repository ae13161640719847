// The efetch half of a fetch run, the part that needs no database: ask
// E-utilities for the next batch (by history or by PMID list, asking again
// while a reply is short), parse it, and build every row the store will
// write (record JSON, joined fields, the packed body). It runs on the fetch
// pipeline's worker thread (batch_pipeline.hpp) while the runner stores the
// previous batch, so nothing here may touch the review database or Progress.
// That thread is the heavier of the two, so each batch's records (from the
// checked XML tree), rows and packed reply are built as tasks (TaskSharer)
// the storing thread helps with while it has nothing to store.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fetch/esearch_xml.hpp"
#include "fetch/eutils_session.hpp"
#include "fetch/fetch_runner.hpp"
#include "fetch/pmid_set.hpp"
#include "fetch/pubmed_xml.hpp"
#include "fetch/record_store.hpp"
#include "fetch/search_run_store.hpp"

namespace prismaflow::fetch {

/// One efetch reply made ready for storing.
struct EfetchBatch {
  EutilsRequest req;
  EutilsResponse resp;
  /// The reply's checked tree, until prepare_batch has built its records
  /// into `parsed` (then freed); null when `parsed` was filled directly.
  std::unique_ptr<PubmedDocument> document;
  PubmedParseResult parsed;
  /// Parallel to parsed.records; empty for records the run did not ask for.
  std::vector<std::optional<RecordRow>> rows;
  /// Parallel to parsed.records: the record's bytes lie at its raw span in
  /// resp.body, so it is stored as a RawRef (its row then has no raw copy).
  std::vector<bool> raw_in_body;
  PackedBody packed;
  std::vector<std::string> missing;  ///< PMIDs asked for that PubMed has no record of
  std::vector<std::string> notes;    ///< progress notes for the storing thread to print
  /// Built here, off the storing thread (the one that sets a fetch's pace):
  /// the run's PMIDs this batch settles (records asked for, deletions asked
  /// for, `missing`), sorted, and the same list as a JSON array for SQL.
  std::vector<std::string> done;
  std::string done_json;
};

/// Adds NCBI's `tool` and `email` parameters (E-utilities etiquette).
void add_etiquette(EutilsRequest& request, const FetchSettings& settings);

class TaskSharer;

/// Fills b.rows, b.raw_in_body, b.packed, b.done and b.done_json from b.resp,
/// b.parsed and b.missing: a row for each record whose PMID is in `run_set`
/// (its raw copy then dropped from the record), and the packed reply. When
/// b.document is set, b.parsed is first built from it (records with spans,
/// no raw copies) and the document freed. With `sharer` the records, rows
/// and the packing are tasks other threads may help with; the result is
/// the same either way.
void prepare_batch(EfetchBatch& b, const PmidSet& run_set,
                   TaskSharer* sharer = nullptr);

/// Produces the batches of one pass, one call at a time. Keeps references to
/// its arguments; `run_set` (the run's PMIDs) is only read.
class EfetchBatches {
 public:
  /// With `share_rows` each batch's rows are built through sharer(), which
  /// another thread may help with (run_pipelined's consumer).
  EfetchBatches(EutilsSession& session, const FetchSettings& settings,
                const PmidSet& run_set, bool share_rows = false);
  ~EfetchBatches();

  /// The batches' shared tasks (prepare_batch); null without `share_rows`.
  TaskSharer* sharer() { return sharer_.get(); }

  /// The next settings.batch_size records of the history set (query_key +
  /// WebEnv of `history`), or none once `total` records were asked for.
  /// Throws NetworkError when efetch keeps failing.
  std::optional<EfetchBatch> next_by_history(const EsearchResult& history, std::size_t total);

  /// The next settings.batch_size PMIDs of `todo` by POSTed id list, asked
  /// again (settings.short_retries times, never on replay) while the reply
  /// holds fewer records than asked; or none past the end of `todo`.
  std::optional<EfetchBatch> next_by_ids(const std::vector<std::string>& todo);

 private:
  std::unique_ptr<PubmedDocument> efetch(const EutilsRequest& req, EutilsResponse& out);
  void prepare(EfetchBatch& b);

  EutilsSession& session_;
  const FetchSettings& settings_;
  const PmidSet& run_set_;
  std::size_t next_ = 0;
  std::unique_ptr<TaskSharer> sharer_;
};

}  // namespace prismaflow::fetch
