#include "fetch/fetch_runner.hpp"

#include <cctype>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_set>
#include <utility>

#include "common/error.hpp"
#include "common/hash.hpp"
#include "db/bulk_write_journal.hpp"
#include "db/database.hpp"
#include "db/event_log.hpp"
#include "fetch/batch_pipeline.hpp"
#include "fetch/efetch_batches.hpp"
#include "fetch/esearch_xml.hpp"
#include "fetch/pubmed_xml.hpp"
#include "fetch/record_store.hpp"

namespace prismaflow::fetch {

std::string with_date_range(const std::string& query, const std::string& datetype,
                            const std::string& mindate, const std::string& maxdate) {
  std::string tag;
  for (char c : datetype) tag += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return "(" + query + ") AND (" + mindate + ":" + maxdate + "[" + tag + "])";
}

std::string eutils_date_minus(const std::string& iso, int days) {
  using namespace std::chrono;
  if (iso.size() < 10) return {};
  year_month_day ymd{year{std::stoi(iso.substr(0, 4))},
                     month{static_cast<unsigned>(std::stoi(iso.substr(5, 2)))},
                     day{static_cast<unsigned>(std::stoi(iso.substr(8, 2)))}};
  year_month_day d{sys_days{ymd} - std::chrono::days{days}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d/%02u/%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

namespace {

using Exchange = std::pair<EutilsRequest, EutilsResponse>;

// Parsed batches that may wait for the storing thread. More than one lets
// each thread run ahead while the other is descheduled on a busy machine
// (bench: pipelined wall median 7.1 s with 1, 6.7 s with 4, per 100,000
// records, load ~4.7 on 2 cores); each costs about 4 MB.
constexpr std::size_t kBatchesWaiting = 3;

std::string join(const std::vector<std::string>& v, const char* sep = "; ") {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

}  // namespace

struct FetchRunner::Impl {
  db::Database& db;
  EutilsSession& session;
  FetchSettings settings;
  Progress& progress;
  RecordWriter writer;
  std::int64_t source_id = 0;
  // What this process's batches found, so that a run fetched in one go
  // needs no second pass over its PMIDs to close (complete()).
  std::int64_t added = 0;
  std::unordered_set<std::string> stored_earlier;  ///< run PMIDs an earlier run stored

  Impl(db::Database& d, EutilsSession& s, FetchSettings fs, Progress& p)
      : db(d), session(s), settings(std::move(fs)), progress(p), writer(d) {}

  void add_etiquette(EutilsRequest& r) const { fetch::add_etiquette(r, settings); }

  // One esearch, retried until it parses and carries no top-level ERROR.
  EsearchResult esearch(const EutilsRequest& req, std::vector<Exchange>& log) {
    EsearchResult parsed;
    auto check = [&](const EutilsResponse& r) -> std::string {
      try {
        parsed = parse_esearch_xml(r.body, "esearch reply");
      } catch (const InputError& e) {
        return e.what();
      }
      if (!parsed.errors.empty()) return "PubMed answered ERROR: " + join(parsed.errors);
      if (!parsed.has_count) return "esearch reply has no Count";
      return {};
    };
    EutilsResponse resp = session.call(req, check);
    log.emplace_back(req, std::move(resp));
    return parsed;
  }

  EutilsRequest esearch_request(const std::string& term, std::int64_t retstart,
                                std::int64_t retmax,
                                const std::vector<std::pair<std::string, std::string>>& dates) {
    EutilsRequest r{"esearch.fcgi", {{"db", "pubmed"}, {"term", term}}, term.size() > 1000};
    r.params.emplace_back("retstart", std::to_string(retstart));
    r.params.emplace_back("retmax", std::to_string(retmax));
    for (const auto& d : dates) r.params.push_back(d);
    return r;
  }

  // Stores one efetch reply with its records, inside the caller's
  // transaction: the batch is either wholly in the database (and its PMIDs
  // marked fetched) or not.
  std::int64_t store_batch(std::int64_t run_id, int version, const EfetchBatch& b,
                           RunSummary& sum) {
    const std::int64_t response_id = add_raw_response(db, run_id, b.req, b.resp, b.packed);
    // The run's PMIDs of the batch some fetch already stored (an update's
    // overlap, a resumed batch): one query per batch rather than one per
    // record. Rows are built only for PMIDs the run asked for, all in `done`.
    std::unordered_set<std::string> present;
    {
      auto st = db.prepare(
          "SELECT pmid, run_id <> ? FROM records WHERE source_id = ? AND run_id IS NOT NULL"
          " AND pmid IN (SELECT value FROM json_each(?))");
      st.bind(1, run_id).bind(2, source_id).bind(3, b.done_json);
      while (st.step()) {
        std::string p = st.get_text(0);
        if (st.get_int(1)) stored_earlier.insert(p);
        present.insert(std::move(p));
      }
    }
    RecordOrigin origin{source_id, run_id, std::nullopt, version};
    std::vector<const RecordRow*> rows;
    std::vector<std::optional<RawRef>> refs;
    for (std::size_t i = 0; i < b.parsed.records.size(); ++i) {
      const auto& r = b.parsed.records[i];
      if (!b.rows[i]) continue;  // not asked for by this run (prepare_batch)
      // A PMID twice in one reply is stored once, as the unique index demands.
      if (present.insert(r.pmid).second) {
        rows.push_back(&*b.rows[i]);
        refs.emplace_back();
        if (b.raw_in_body[i]) {
          const auto& span = b.parsed.raw_spans[i];
          refs.back() = RawRef{response_id, static_cast<std::int64_t>(span.offset),
                               static_cast<std::int64_t>(span.length)};
        }
      }
    }
    writer.insert_batch(rows, origin, refs);
    const auto n_added = static_cast<std::int64_t>(rows.size());
    for (const auto& d : b.parsed.deleted) {
      db.run("UPDATE records SET deleted = 1 WHERE source_id = ? AND pmid = ?", source_id, d.pmid);
      ++sum.n_deleted;
    }
    const std::int64_t newly = mark_fetched_json(db, run_id, b.done_json);
    nlohmann::json after = {{"request", nlohmann::json::parse(b.req.params_json())},
                            {"records_added", n_added}, {"pmids_done", b.done.size()}};
    db::log_event(db, {db::current_actor(), "fetch", "fetch_batch", "search_run",
                       std::to_string(run_id), "", after.dump()});
    added += n_added;
    return newly;
  }

  // Fetches the run's unfetched PMIDs. A new run passes its whole PMID list
  // (`fresh`, sorted, none fetched yet), which spares two reads of it back.
  void fetch_records(std::int64_t run_id, int version, const std::string& label,
                     const EsearchResult* history, RunSummary& sum,
                     std::vector<std::string>* fresh = nullptr) {
    added = 0;
    stored_earlier.clear();
    // Every page of the records is new: written once, not WAL then file.
    db::BulkWriteJournal bulk(db);
    // The PMID lists are the only memory here that grows with the result
    // (about a quarter KB per PMID); records are held a batch at a time.
    std::vector<std::string> todo = fresh ? std::move(*fresh) : unfetched_pmids(db, run_id);
    const PmidSet run_set = fresh ? PmidSet(todo) : PmidSet(run_pmids(db, run_id));
    const std::size_t total = run_set.size();
    progress.start(label, static_cast<std::int64_t>(total),
                   static_cast<std::int64_t>(total - todo.size()));
    // The session is used only by the producer thread and the database and
    // progress only by this one, while a pipeline runs.
    std::size_t marked = 0;  // PMIDs of `todo` this call marked fetched
    // Batches that arrive faster than they are stored share a transaction
    // (up to settings.commit_records records): each commit under the
    // rollback journal waits for three fsyncs, which was a sixth of a
    // 100,000-record fetch. The group is committed as soon as this thread
    // has waited 50 ms for a batch, and before a fetch that fails on the
    // network ends, so a slow or interrupted fetch keeps every batch it
    // stored, as with a transaction per batch.
    std::optional<db::Transaction> group;
    std::int64_t group_records = 0;
    bool storing = false;  // an exception now comes from the store: roll back
    auto commit_group = [&] {
      if (!group) return;
      group->commit();
      group.reset();
      group_records = 0;
    };
    auto store = [&](EfetchBatch& b) {
      storing = true;
      for (const auto& n : b.notes) progress.note(n);
      sum.n_missing += static_cast<std::int64_t>(b.missing.size());
      if (!group) group.emplace(db);
      const std::int64_t newly = store_batch(run_id, version, b, sum);
      group_records += static_cast<std::int64_t>(b.parsed.records.size());
      if (group_records >= settings.commit_records) commit_group();
      storing = false;
      marked += static_cast<std::size_t>(newly);
      progress.advance(newly);
    };
    const IdleFlush idle{commit_group};
    try {
      fetch_passes(history, todo, run_set, total, marked, store, idle, run_id);
      commit_group();
    } catch (...) {
      // A producer's error comes after every batch it made was stored whole.
      if (!storing) commit_group();
      throw;
    }
    progress.finish();
  }

  template <class Store>
  void fetch_passes(const EsearchResult* history, std::vector<std::string>& todo,
                    const PmidSet& run_set, std::size_t total, const std::size_t& marked,
                    Store& store, const IdleFlush& idle, std::int64_t run_id) {
    // First pass by history (query_key + WebEnv), the cheapest way for an
    // unsliced search; whatever it misses is fetched by id below.
    if (history && !history->webenv.empty() && !todo.empty()) {
      EfetchBatches batches(session, settings, run_set, settings.pipeline && settings.share_rows);
      run_pipelined<EfetchBatch>([&] { return batches.next_by_history(*history, total); }, store,
                                 settings.pipeline, kBatchesWaiting, batches.sharer(), &idle);
      // Each PMID is marked once (fetched 0 -> 1), so when as many were
      // marked as were unfetched none is left; a second read of the run's
      // whole list (~0.2 s per 100,000 PMIDs, on no other thread) is needed
      // only when the history pass missed some.
      if (marked == todo.size()) todo.clear();
      else todo = unfetched_pmids(db, run_id);
    }
    EfetchBatches batches(session, settings, run_set, settings.pipeline && settings.share_rows);
    run_pipelined<EfetchBatch>([&] { return batches.next_by_ids(todo); }, store,
                               settings.pipeline, kBatchesWaiting, batches.sharer(), &idle);
  }

  // Closes the run. `fresh_hash` is the hash of the PMID list of a run
  // fetched wholly by this process (its counts are then the batches'); a
  // resumed run reads its list and counts back from the database.
  void complete(std::int64_t run_id, RunSummary& sum, const std::string* fresh_hash = nullptr) {
    db::Transaction tx(db);
    std::string hash;
    if (fresh_hash) {
      hash = *fresh_hash;
      sum.n_new = added;
      sum.n_present = static_cast<std::int64_t>(stored_earlier.size());
    } else {
      auto pmids = run_pmids(db, run_id);
      sum.count = static_cast<std::int64_t>(pmids.size());
      hash = pmid_list_hash(pmids);
      // New (stored by this run) and present (stored by an earlier run) in
      // one pass over run_pmids through the (source_id, pmid) index: at
      // most one fetched record per PMID exists, and a scan of records by
      // run_id would read the whole table.
      auto st = db.prepare(
          "SELECT coalesce(sum(r.run_id = ?1), 0), coalesce(sum(r.run_id <> ?1), 0) FROM run_pmids rp"
          " JOIN records r ON r.source_id = ?2 AND r.pmid = rp.pmid AND r.run_id IS NOT NULL"
          " WHERE rp.run_id = ?1");
      st.bind(1, run_id).bind(2, source_id);
      st.step();
      sum.n_new = st.get_int(0);
      sum.n_present = st.get_int(1);
    }
    RunEnd end{"complete", "", sum.n_missing ? std::to_string(sum.n_missing) +
                                                  " PMIDs had no record in efetch" : "",
               hash, sum.n_new, sum.n_present, sum.n_gone};
    finish_run(db, run_id, end);
    db::log_event(db, {db::current_actor(), "fetch", "complete", "search_run",
                       std::to_string(run_id), "",
                       nlohmann::json{{"count", sum.count}, {"new", sum.n_new},
                                      {"present", sum.n_present}}.dump()});
    tx.commit();
  }

  void fail(std::int64_t run_id, const std::string& why) {
    db::Transaction tx(db);
    finish_run(db, run_id, RunEnd{"failed", why, "", "", std::nullopt, std::nullopt, std::nullopt});
    tx.commit();
  }
};

FetchRunner::FetchRunner(db::Database& db, EutilsSession& session, FetchSettings settings,
                         Progress& progress)
    : impl_(std::make_unique<Impl>(db, session, std::move(settings), progress)) {}
FetchRunner::~FetchRunner() = default;

RunSummary FetchRunner::run(const SearchSpec& spec, const std::string& kind_in, int version,
                            const std::string& since) {
  Impl& m = *impl_;
  std::string kind = m.session.transport().is_replay() ? "replay" : kind_in;
  RunSummary sum;
  sum.search = spec.name;
  sum.kind = kind;
  sum.review_version = version;
  std::vector<std::pair<std::string, std::string>> dates, own_dates;
  if (!spec.mindate.empty() || !spec.maxdate.empty()) {
    // ESearch needs both ends (eutils-notes 5); fill an open end.
    own_dates = {{"datetype", spec.datetype.empty() ? "pdat" : spec.datetype},
                 {"mindate", spec.mindate.empty() ? "1800" : spec.mindate},
                 {"maxdate", spec.maxdate.empty() ? "3000" : spec.maxdate}};
  }
  dates = own_dates;
  std::string term = spec.query;
  if (kind_in == "update") {
    // New since the last run by Entrez date, with an overlap window because
    // EDAT is back-dated for some late-added records (eutils-notes 5). One
    // request has one datetype, so the search's own window moves into the
    // term ("2020:2022[PDAT]", eutils-notes 5): an update never widens it.
    dates = {{"datetype", "edat"}, {"mindate", eutils_date_minus(since, m.settings.overlap_days)},
             {"maxdate", "3000"}};
    if (!own_dates.empty())
      term = with_date_range(spec.query, own_dates[0].second, own_dates[1].second,
                             own_dates[2].second);
  }
  std::vector<Exchange> log;
  // esearch as the slice planner asks for it, with `params` dates; the
  // history server only for `history` (the run's own result).
  auto make_search = [&](const std::vector<std::pair<std::string, std::string>>& params,
                         bool history, std::string& webenv) -> EsearchFn {
    return [&m, &log, &params, history, &webenv](const EsearchCall& c) {
      EutilsRequest req = m.esearch_request(c.term, c.retstart, c.retmax, params);
      if (history && c.whole_query) {
        req.params.emplace_back("usehistory", "y");
        if (!webenv.empty()) req.params.emplace_back("WebEnv", webenv);
      }
      m.add_etiquette(req);
      EsearchResult r = m.esearch(req, log);
      if (history && c.whole_query && webenv.empty()) webenv = r.webenv;
      return r;
    };
  };
  std::string webenv, no_webenv;
  CollectedPmids got = collect_pmids(term, make_search(dates, true, webenv), m.settings.slices);
  sum.sliced = got.sliced;
  sum.slices = got.slices;
  std::vector<std::string> gone;
  if (kind_in == "update") {
    // "No longer returned": PMIDs an earlier run of this search returned
    // that the search's whole result today (its own dates, no EDAT window)
    // does not hold. Every PMID of that result is collected, paged and
    // sliced like any run, so this is a set difference, not a count.
    CollectedPmids full =
        collect_pmids(spec.query, make_search(own_dates, false, no_webenv), m.settings.slices);
    std::unordered_set<std::string> now(full.pmids.begin(), full.pmids.end());
    auto st = m.db.prepare("SELECT DISTINCT rp.pmid FROM run_pmids rp JOIN search_runs r USING (run_id)"
                           " JOIN searches s USING (search_id) WHERE s.name = ?");
    st.bind(1, spec.name);
    while (st.step()) {
      std::string p = st.get_text(0);
      if (!now.count(p)) gone.push_back(std::move(p));
    }
    sort_pmids(gone);
    sum.n_gone = static_cast<std::int64_t>(gone.size());
  }
  std::int64_t run_id = 0;
  {
    db::Transaction tx(m.db);
    m.source_id = ensure_source(m.db, "PubMed", "database");
    RunStart rs{ensure_search(m.db, m.source_id, spec), kind, term,
                got.first.query_translation, join(got.first.warnings), join(got.first.error_list),
                got.count, "", "", "", "", version};
    for (const auto& [k, v] : dates) {
      if (k == "mindate") rs.mindate = v;
      if (k == "maxdate") rs.maxdate = v;
      if (k == "datetype") rs.datetype = v;
    }
    rs.params_json = nlohmann::json{{"esearch", nlohmann::json::parse(log.front().first.params_json())},
                                    {"batch_size", m.settings.batch_size},
                                    {"sliced", got.sliced}, {"slices", got.slices}}.dump();
    run_id = create_run(m.db, rs);
    for (const auto& [req, resp] : log) add_raw_response(m.db, run_id, req, resp);
    add_run_pmids(m.db, run_id, got.pmids);
    if (sum.n_gone) m.db.run("UPDATE search_runs SET n_gone = ? WHERE run_id = ?", *sum.n_gone, run_id);
    db::log_event(m.db, {db::current_actor(), "fetch", "insert", "search_run", std::to_string(run_id),
                         "", nlohmann::json{{"search", spec.name}, {"kind", kind},
                                            {"count", got.count}, {"gone", gone}}.dump()});
    tx.commit();
  }
  sum.run_id = run_id;
  sum.count = static_cast<std::int64_t>(got.pmids.size());
  const std::string hash = pmid_list_hash(got.pmids);
  try {
    // Stored now: the lists need not stay in memory for the whole fetch.
    log = {};
    got.first.ids = {};
    m.fetch_records(run_id, version, spec.name, got.sliced ? nullptr : &got.first, sum, &got.pmids);
    m.complete(run_id, sum, &hash);
  } catch (const Error& e) {
    m.progress.finish();
    m.fail(run_id, e.what());
    throw NetworkError(std::string(e.what()) + "; run " + std::to_string(run_id) +
                       " keeps what was fetched: run 'prismaflow fetch --resume' to finish it");
  }
  return sum;
}

RunSummary FetchRunner::resume(const RunRow& run) {
  Impl& m = *impl_;
  m.source_id = ensure_source(m.db, "PubMed", "database");
  RunSummary sum;
  sum.run_id = run.run_id;
  sum.search = run.search_name;
  sum.kind = run.kind;
  sum.review_version = run.review_version;
  sum.n_gone = m.db.query_int("SELECT n_gone FROM search_runs WHERE run_id = ?", run.run_id);
  try {
    m.fetch_records(run.run_id, run.review_version, run.search_name, nullptr, sum);
    m.complete(run.run_id, sum);
  } catch (const Error& e) {
    m.progress.finish();
    m.fail(run.run_id, e.what());
    throw;
  }
  return sum;
}

}  // namespace prismaflow::fetch
