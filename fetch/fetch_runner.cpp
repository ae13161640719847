#include "fetch/fetch_runner.hpp"

#include <chrono>
#include <nlohmann/json.hpp>
#include <unordered_set>
#include <utility>

#include "common/error.hpp"
#include "common/hash.hpp"
#include "db/database.hpp"
#include "db/event_log.hpp"
#include "fetch/esearch_xml.hpp"
#include "fetch/pubmed_xml.hpp"
#include "fetch/record_store.hpp"

namespace prismaflow::fetch {

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

  Impl(db::Database& d, EutilsSession& s, FetchSettings fs, Progress& p)
      : db(d), session(s), settings(std::move(fs)), progress(p), writer(d) {}

  void add_etiquette(EutilsRequest& r) const {
    r.params.emplace_back("tool", settings.tool);
    if (!settings.email.empty()) r.params.emplace_back("email", settings.email);
  }

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

  // The record's place in the stored reply, when the parse recorded one that
  // really holds its bytes; otherwise the writer keeps its own copy.
  static std::optional<RawRef> raw_ref(std::int64_t response_id, const std::string& body,
                                       const PubmedParseResult& parsed, std::size_t i) {
    if (i >= parsed.raw_spans.size()) return std::nullopt;
    const auto& span = parsed.raw_spans[i];
    const auto& raw = parsed.records[i].raw;
    if (span.length == 0 || span.length != raw.size() || span.offset > body.size() ||
        body.compare(span.offset, span.length, raw) != 0)
      return std::nullopt;
    return RawRef{response_id, static_cast<std::int64_t>(span.offset),
                  static_cast<std::int64_t>(span.length)};
  }

  // Stores one efetch reply with its records in one transaction: the batch
  // is either wholly in the database (and its PMIDs marked fetched) or not.
  std::int64_t store_batch(std::int64_t run_id, int version, const EutilsRequest& req,
                           const EutilsResponse& resp, const PubmedParseResult& parsed,
                           const std::unordered_set<std::string>& run_set,
                           const std::vector<std::string>& missing, RunSummary& sum) {
    db::Transaction tx(db);
    const std::int64_t response_id = add_raw_response(db, run_id, req, resp);
    auto exists = db.prepare(
        "SELECT 1 FROM records WHERE source_id = ? AND pmid = ? AND run_id IS NOT NULL");
    std::vector<std::string> done;
    RecordOrigin origin{source_id, run_id, std::nullopt, version};
    std::int64_t added = 0;
    for (std::size_t i = 0; i < parsed.records.size(); ++i) {
      const auto& r = parsed.records[i];
      if (!run_set.count(r.pmid)) continue;
      exists.bind(1, source_id).bind(2, r.pmid);
      bool present = exists.step();
      exists.reset();
      if (!present) {
        writer.insert(r, origin, raw_ref(response_id, resp.body, parsed, i));
        ++added;
      }
      done.push_back(r.pmid);
    }
    for (const auto& d : parsed.deleted) {
      db.run("UPDATE records SET deleted = 1 WHERE source_id = ? AND pmid = ?", source_id, d.pmid);
      ++sum.n_deleted;
      if (run_set.count(d.pmid)) done.push_back(d.pmid);
    }
    done.insert(done.end(), missing.begin(), missing.end());
    sort_pmids(done);
    auto unmark = db.prepare("SELECT fetched FROM run_pmids WHERE run_id = ? AND pmid = ?");
    std::int64_t newly = 0;
    for (const auto& p : done) {
      unmark.bind(1, run_id).bind(2, p);
      if (unmark.step() && unmark.get_int(0) == 0) ++newly;
      unmark.reset();
    }
    mark_fetched(db, run_id, done);
    nlohmann::json after = {{"request", nlohmann::json::parse(req.params_json())},
                            {"records_added", added}, {"pmids_done", done.size()}};
    db::log_event(db, {db::current_actor(), "fetch", "fetch_batch", "search_run",
                       std::to_string(run_id), "", after.dump()});
    tx.commit();
    return newly;
  }

  PubmedParseResult efetch(const EutilsRequest& req, EutilsResponse& out) {
    PubmedParseResult parsed;
    auto check = [&](const EutilsResponse& r) -> std::string {
      try {
        parsed = parse_pubmed_xml(r.body, "efetch reply");
      } catch (const InputError& e) {
        return e.what();
      }
      return {};
    };
    out = session.call(req, check);
    return parsed;
  }

  void fetch_records(std::int64_t run_id, int version, const std::string& label,
                     const EsearchResult* history, RunSummary& sum) {
    std::vector<std::string> all = run_pmids(db, run_id);
    std::unordered_set<std::string> run_set(all.begin(), all.end());
    std::vector<std::string> todo = unfetched_pmids(db, run_id);
    const auto batch = static_cast<std::size_t>(settings.batch_size);
    progress.start(label, static_cast<std::int64_t>(all.size()),
                   static_cast<std::int64_t>(all.size() - todo.size()));
    // First pass by history (query_key + WebEnv), the cheapest way for an
    // unsliced search; whatever it misses is fetched by id below.
    if (history && !history->webenv.empty() && !todo.empty()) {
      for (std::size_t start = 0; start < all.size(); start += batch) {
        EutilsRequest req{"efetch.fcgi",
                          {{"db", "pubmed"}, {"query_key", history->query_key},
                           {"WebEnv", history->webenv}, {"retstart", std::to_string(start)},
                           {"retmax", std::to_string(batch)}, {"retmode", "xml"}}};
        add_etiquette(req);
        EutilsResponse resp;
        auto parsed = efetch(req, resp);
        progress.advance(store_batch(run_id, version, req, resp, parsed, run_set, {}, sum));
      }
      todo = unfetched_pmids(db, run_id);
    }
    for (std::size_t i = 0; i < todo.size(); i += batch) {
      std::vector<std::string> ids(todo.begin() + static_cast<std::ptrdiff_t>(i),
                                   todo.begin() + static_cast<std::ptrdiff_t>(std::min(todo.size(), i + batch)));
      // POST: an id list of hundreds of PMIDs is too long for a URL.
      EutilsRequest req{"efetch.fcgi", {{"db", "pubmed"}, {"id", join(ids, ",")}, {"retmode", "xml"}}, true};
      add_etiquette(req);
      for (int attempt = 0;; ++attempt) {
        EutilsResponse resp;
        auto parsed = efetch(req, resp);
        std::unordered_set<std::string> got;
        for (const auto& r : parsed.records) got.insert(r.pmid);
        for (const auto& d : parsed.deleted) got.insert(d.pmid);
        std::vector<std::string> missing;
        for (const auto& id : ids)
          if (!got.count(id)) missing.push_back(id);
        if (!missing.empty() && attempt < settings.short_retries && !session.transport().is_replay()) {
          progress.note("efetch returned " + std::to_string(ids.size() - missing.size()) + " of " +
                        std::to_string(ids.size()) + " records; asking again");
          continue;  // a short body is never stored
        }
        if (!missing.empty()) {
          // PubMed has no record for these PMIDs (see the empty-articleset
          // fixture): noted on the run, not fetched forever.
          progress.note("PubMed returned no record for " + std::to_string(missing.size()) +
                        " PMID(s): " + join(missing, ",").substr(0, 200));
          sum.n_missing += static_cast<std::int64_t>(missing.size());
        }
        progress.advance(store_batch(run_id, version, req, resp, parsed, run_set, missing, sum));
        break;
      }
    }
    progress.finish();
  }

  void complete(std::int64_t run_id, RunSummary& sum) {
    db::Transaction tx(db);
    auto pmids = run_pmids(db, run_id);
    sum.count = static_cast<std::int64_t>(pmids.size());
    sum.n_new = db.query_int("SELECT count(*) FROM records WHERE run_id = ?", run_id).value_or(0);
    sum.n_present = db.query_int(
        "SELECT count(*) FROM run_pmids rp WHERE rp.run_id = ?1 AND EXISTS (SELECT 1 FROM records r"
        " WHERE r.source_id = ?2 AND r.pmid = rp.pmid AND r.run_id IS NOT NULL AND r.run_id <> ?1)",
        run_id, source_id).value_or(0);
    RunEnd end{"complete", "", sum.n_missing ? std::to_string(sum.n_missing) +
                                                  " PMIDs had no record in efetch" : "",
               sha256_hex(join(pmids, "\n")), sum.n_new, sum.n_present, sum.n_gone};
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
  if (kind_in == "update") {
    // New since the last run by Entrez date, with an overlap window because
    // EDAT is back-dated for some late-added records (eutils-notes 5).
    dates = {{"datetype", "edat"}, {"mindate", eutils_date_minus(since, m.settings.overlap_days)},
             {"maxdate", "3000"}};
  }
  std::vector<Exchange> log;
  std::string webenv;
  EsearchFn search = [&](const EsearchCall& c) {
    EutilsRequest req = m.esearch_request(c.term, c.retstart, c.retmax, dates);
    if (c.whole_query) {
      req.params.emplace_back("usehistory", "y");
      if (!webenv.empty()) req.params.emplace_back("WebEnv", webenv);
    }
    m.add_etiquette(req);
    EsearchResult r = m.esearch(req, log);
    if (c.whole_query && webenv.empty()) webenv = r.webenv;
    return r;
  };
  CollectedPmids got = collect_pmids(spec.query, search, m.settings.slices);
  sum.sliced = got.sliced;
  sum.slices = got.slices;
  std::vector<std::string> gone_note;
  if (kind_in == "update") {
    // "No longer returned": the whole query's count now versus every PMID
    // this search returned before plus the new ones (one count request).
    EutilsRequest req = m.esearch_request(spec.query, 0, 0, own_dates);
    m.add_etiquette(req);
    std::int64_t full = m.esearch(req, log).count;
    std::unordered_set<std::string> before;
    auto st = m.db.prepare("SELECT DISTINCT rp.pmid FROM run_pmids rp JOIN search_runs r USING (run_id)"
                           " JOIN searches s USING (search_id) WHERE s.name = ?");
    st.bind(1, spec.name);
    while (st.step()) before.insert(st.get_text(0));
    std::int64_t added = 0;
    for (const auto& p : got.pmids) added += before.count(p) ? 0 : 1;
    sum.n_gone = std::max<std::int64_t>(0, static_cast<std::int64_t>(before.size()) + added - full);
  }
  std::int64_t run_id = 0;
  {
    db::Transaction tx(m.db);
    m.source_id = ensure_source(m.db, "PubMed", "database");
    RunStart rs{ensure_search(m.db, m.source_id, spec), kind, spec.query,
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
                                            {"count", got.count}}.dump()});
    tx.commit();
  }
  sum.run_id = run_id;
  try {
    m.fetch_records(run_id, version, spec.name, got.sliced ? nullptr : &got.first, sum);
    m.complete(run_id, sum);
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
