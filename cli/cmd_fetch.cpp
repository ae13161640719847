// `prismaflow fetch`: run the review's PubMed searches through E-utilities
// (or replay an archive of responses), --update them, --resume an
// interrupted run, --reparse stored bodies, --export-archive a run.
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cli/command.hpp"
#include "cli/options.hpp"
#include "cli/review_context.hpp"
#include "common/error.hpp"
#include "common/file.hpp"
#include "fetch/eutils_archive.hpp"
#include "fetch/eutils_client.hpp"
#include "fetch/fetch_runner.hpp"
#include "fetch/reparse_store.hpp"

namespace prismaflow::cli {
namespace {

struct FetchOptions {
  std::string review, name, query, email, eutils_url, api_key, replay, export_archive;
  bool update = false, resume = false, reparse = false;
  std::optional<std::int64_t> run;
  int batch_size = 500;
  double stall_timeout = 15;
  int max_attempts = 6;
};

std::optional<FetchOptions> parse_fetch(const Args& args) {
  CommandSpec spec{
      "fetch",
      "prismaflow fetch [--name N [--query Q]] [--update | --resume | --reparse | --replay DIR]",
      "Runs the review's PubMed searches (review.toml [[search]]) through NCBI E-utilities and "
      "stores every record, the run and its raw responses. --name/--query defines and saves a "
      "new search. The API key (NCBI_API_KEY or --api-key) is never stored."};
  spec.options.add_options()
      ("name", po::value<std::string>(), "run only the saved search NAME (or save it with --query)")
      ("query", po::value<std::string>(), "PubMed query for a new search named by --name")
      ("email", po::value<std::string>(), "contact e-mail sent to NCBI (default: [ncbi] email)")
      ("update", "re-run every saved search for what is new since its last run")
      ("resume", "finish runs that were interrupted")
      ("reparse", "re-parse stored efetch bodies with no network")
      ("replay", po::value<std::string>(), "answer requests from an archive DIR, not the network")
      ("export-archive", po::value<std::string>(), "write stored responses as an archive DIR")
      ("run", po::value<std::int64_t>(), "with --reparse or --export-archive: only run ID")
      ("eutils-url", po::value<std::string>()->default_value(
           "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"), "E-utilities base URL")
      ("api-key", po::value<std::string>(), "NCBI API key (default: $NCBI_API_KEY)")
      ("batch-size", po::value<int>()->default_value(500), "records per efetch request")
      ("stall-timeout", po::value<double>()->default_value(15),
       "seconds without a byte before a request is retried")
      ("max-attempts", po::value<int>()->default_value(6), "tries per request");
  add_common_options(spec);
  auto vm = parse_command(spec, args);
  if (!vm) return std::nullopt;
  auto str = [&](const char* k) { return vm->count(k) ? (*vm)[k].as<std::string>() : ""; };
  FetchOptions o;
  o.review = str("review");
  o.name = str("name");
  o.query = str("query");
  o.email = str("email");
  o.eutils_url = str("eutils-url");
  o.api_key = str("api-key");
  o.replay = str("replay");
  o.export_archive = str("export-archive");
  o.update = vm->count("update") > 0;
  o.resume = vm->count("resume") > 0;
  o.reparse = vm->count("reparse") > 0;
  if (vm->count("run")) o.run = (*vm)["run"].as<std::int64_t>();
  o.batch_size = (*vm)["batch-size"].as<int>();
  o.stall_timeout = (*vm)["stall-timeout"].as<double>();
  o.max_attempts = (*vm)["max-attempts"].as<int>();
  int modes = o.update + o.resume + o.reparse + !o.export_archive.empty();
  if (modes > 1)
    throw UsageError("prismaflow fetch: use one of --update, --resume, --reparse, --export-archive");
  if (!o.query.empty() && o.name.empty())
    throw UsageError("prismaflow fetch: --query needs --name to save the search under");
  if (o.run && !o.reparse && o.export_archive.empty())
    throw UsageError("prismaflow fetch: --run goes with --reparse or --export-archive");
  if (o.batch_size < 1 || o.batch_size > 10000)
    throw UsageError("prismaflow fetch: --batch-size must be 1..10000 (efetch's limit)");
  if (o.max_attempts < 1) throw UsageError("prismaflow fetch: --max-attempts must be at least 1");
  if (o.api_key.empty()) {
    if (const char* k = std::getenv("NCBI_API_KEY")) o.api_key = k;
  }
  return o;
}

// Test and benchmark knobs, kept out of --help: they change only timing and
// the cap, never what is stored.
double env_double(const char* name, double fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::strtod(v, nullptr) : fallback;
}

void print_summary(const fetch::RunSummary& s) {
  std::cout << s.search << ": run " << s.run_id << " (" << s.kind << ", review version "
            << s.review_version << "): " << s.count << " PMIDs, " << s.n_new << " new, "
            << s.n_present << " already present";
  if (s.n_gone) std::cout << ", " << *s.n_gone << " no longer returned";
  if (s.n_deleted) std::cout << ", " << s.n_deleted << " deleted by PubMed";
  if (s.n_missing) std::cout << ", " << s.n_missing << " without a record";
  if (s.sliced) std::cout << " (" << s.slices << " PMID-range slices)";
  std::cout << "\n";
}

void save_search(Review& review, const SearchSpec& spec) {
  if (review.protocol.find_search(spec.name)) return;
  write_file_atomic(review.protocol_path, append_search(read_file(review.protocol_path), spec));
  review.protocol.searches.push_back(spec);
  std::cerr << "saved search '" << spec.name << "' in " << review.protocol_path.string() << "\n";
}

std::vector<SearchSpec> chosen_searches(const FetchOptions& o, const Protocol& p) {
  if (!o.name.empty()) {
    const SearchSpec* found = p.find_search(o.name);
    if (!o.query.empty()) {
      if (found && found->query != o.query) {
        throw UsageError("prismaflow fetch: search '" + o.name +
                         "' is already saved with another query; choose a new --name");
      }
      // The saved search keeps its date window (an --update must honour it).
      if (found) return {*found};
      return {SearchSpec{o.name, o.query, "", "", ""}};
    }
    if (!found) {
      std::string names;
      for (const auto& s : p.searches) names += (names.empty() ? "" : ", ") + s.name;
      throw InputError("review.toml", 0,
                       "no search named '" + o.name + "' (saved: " +
                           (names.empty() ? "none" : names) +
                           "); add --query to define it");
    }
    return {*found};
  }
  if (p.searches.empty()) {
    throw ConfigError("review.toml has no [[search]]; add one or run "
                      "'prismaflow fetch --name NAME --query QUERY'");
  }
  return p.searches;
}

int run_fetch(const FetchOptions& o) {
  Review review = open_review(o.review);
  if (!o.export_archive.empty()) {
    std::vector<std::int64_t> runs;
    if (o.run) {
      if (!fetch::find_run(review.db, *o.run))
        throw InputError("--run " + std::to_string(*o.run) + ": no such search run");
      runs.push_back(*o.run);
    } else {
      for (const auto& r : fetch::all_runs(review.db))
        if (r.status == "complete") runs.push_back(r.run_id);
    }
    auto n = fetch::write_archive(review.db, runs, o.export_archive);
    std::cout << "wrote " << n << " responses of " << runs.size() << " run(s) to "
              << o.export_archive << "\n";
    return 0;
  }
  if (o.reparse) {
    auto s = fetch::reparse_runs(review.db, o.run);
    std::cout << "re-parsed " << s.responses << " efetch responses: " << s.updated
              << " records rewritten, " << s.deleted << " deletions\n";
    return 0;
  }
  std::unique_ptr<fetch::EutilsTransport> transport;
  double rate = 0;
  if (!o.replay.empty()) {
    transport = std::make_unique<fetch::ArchiveTransport>(o.replay);
  } else {
    transport = std::make_unique<fetch::EutilsClient>(
        fetch::EutilsClientOptions{o.eutils_url, o.api_key, o.stall_timeout, 15});
    // NCBI's limits: 3 requests/s per IP, 10/s with an API key.
    rate = env_double("PRISMAFLOW_EUTILS_RATE", o.api_key.empty() ? 3 : 10);
  }
  fetch::FetchSettings settings;
  settings.email = o.email.empty() ? review.protocol.email : o.email;
  settings.tool = review.protocol.tool.empty() ? "prismaflow" : review.protocol.tool;
  settings.batch_size = o.batch_size;
  settings.slices.cap = static_cast<std::int64_t>(env_double("PRISMAFLOW_ESEARCH_CAP", 9999));
  settings.slices.page = static_cast<std::int64_t>(
      env_double("PRISMAFLOW_ESEARCH_PAGE", static_cast<double>(settings.slices.cap)));
  if (o.replay.empty() && settings.email.empty()) {
    std::cerr << "note: NCBI asks for a contact e-mail; set [ncbi] email in review.toml or "
                 "pass --email\n";
  }
  fetch::RateLimiter limiter(rate);
  fetch::RetrySettings retry{o.max_attempts, env_double("PRISMAFLOW_RETRY_BASE_MS", 1000) / 1000,
                             60};
  fetch::Progress progress(std::cerr, isatty(2) != 0);
  fetch::EutilsSession session(*transport, limiter, retry,
                               [&](const std::string& line) { progress.note(line); });
  fetch::FetchRunner runner(review.db, session, settings, progress);

  if (o.resume) {
    auto runs = fetch::interrupted_runs(review.db);
    if (runs.empty()) std::cout << "no interrupted run: nothing to resume\n";
    for (const auto& r : runs) {
      // A run killed before its search reached review.toml saves it now.
      save_search(review, SearchSpec{r.search_name, r.query, "", "", ""});
      print_summary(runner.resume(r));
    }
    return 0;
  }
  for (const auto& r : fetch::interrupted_runs(review.db)) {
    throw InputError("run " + std::to_string(r.run_id) + " of search '" + r.search_name +
                     "' was interrupted; run 'prismaflow fetch --resume' first");
  }
  auto searches = chosen_searches(o, review.protocol);
  int version = fetch::max_review_version(review.db);
  if (o.update) ++version;  // an update opens a new version of the review
  for (const auto& spec : searches) {
    auto last = fetch::last_complete_run(review.db, spec.name);
    if (last && !o.update) {
      std::cout << spec.name << ": already fetched (run " << last->run_id
                << "); use --update for what is new\n";
      continue;
    }
    try {
      auto sum = runner.run(spec, last ? "update" : "initial", version,
                            last ? last->started_at : std::string());
      save_search(review, spec);
      print_summary(sum);
    } catch (const Error&) {
      // The search is saved once its run is recorded, so --resume and
      // --update can find it; a search PubMed rejected is not saved.
      if (review.db.query_int("SELECT 1 FROM searches WHERE name = ?", spec.name))
        save_search(review, spec);
      throw;
    }
  }
  return 0;
}

}  // namespace

int cmd_fetch(const Args& args) {
  auto o = parse_fetch(args);
  if (!o) return 0;
  return run_fetch(*o);
}

}  // namespace prismaflow::cli
