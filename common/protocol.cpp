// review.toml through toml++. Unknown keys are allowed (a protocol may carry
// notes for humans); wrong types are errors with the line toml++ reports.
#include "common/protocol.hpp"

#include <optional>
#include <sstream>
#include <toml++/toml.h>

#include "common/error.hpp"

namespace prismaflow {
namespace {

std::string where_at(const std::string& where, const toml::source_region& src) {
  return where + ":" + std::to_string(src.begin.line);
}

template <typename T>
std::optional<T> get_optional(const toml::table& t, std::string_view key, const std::string& where,
                              const char* what) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if (auto v = n->value<T>()) return *v;
  throw ConfigError(where_at(where, n->source()) + ": '" + std::string(key) + "' must be " + what);
}

std::string get_string(const toml::table& t, std::string_view key, const std::string& where,
                       std::string fallback = {}) {
  return get_optional<std::string>(t, key, where, "a string; put it in quotes")
      .value_or(std::move(fallback));
}

std::vector<std::string> get_strings(const toml::table& t, std::string_view key,
                                     const std::string& where) {
  std::vector<std::string> out;
  const toml::node* n = t.get(key);
  if (!n) return out;
  const toml::array* arr = n->as_array();
  if (!arr) {
    throw ConfigError(where_at(where, n->source()) + ": '" + std::string(key) +
                      "' must be a list of strings, e.g. [\"a\", \"b\"]");
  }
  for (const auto& e : *arr) {
    auto s = e.value<std::string>();
    if (!s) {
      throw ConfigError(where_at(where, e.source()) + ": '" + std::string(key) +
                        "' must hold only strings");
    }
    out.push_back(*s);
  }
  return out;
}

template <typename T>
T get_number(const toml::table& t, std::string_view key, const std::string& where, T fallback) {
  return get_optional<T>(t, key, where, "a number").value_or(fallback);
}

bool get_bool(const toml::table& t, std::string_view key, const std::string& where,
              bool fallback) {
  return get_optional<bool>(t, key, where, "true or false").value_or(fallback);
}

RankingSpec get_ranking(const toml::table& t, const std::string& where) {
  RankingSpec r;
  r.where = where_at(where, t.source());
  r.model = get_optional<std::string>(t, "model", where, "a string, e.g. \"nb\"");
  r.tokens = get_optional<std::string>(t, "tokens", where, "a string, e.g. \"words\"");
  r.tf = get_optional<std::string>(t, "tf", where, "\"sublinear\" or \"raw\"");
  r.balance = get_optional<std::string>(t, "balance", where, "a string, e.g. \"double\"");
  r.ngram = get_optional<std::int64_t>(t, "ngram", where, "a whole number (1-3)");
  r.min_df = get_optional<std::int64_t>(t, "min_df", where, "a whole number");
  r.alpha = get_optional<double>(t, "alpha", where, "a number");
  r.c = get_optional<double>(t, "c", where, "a number");
  r.uncertain_share = get_optional<double>(t, "uncertain_share", where, "a number in [0, 1)");
  r.split_title_abstract = get_optional<bool>(t, "split_title_abstract", where, "true or false");
  if (const toml::node* n = t.get("balance_params")) {
    const toml::array* arr = n->as_array();
    std::vector<double> v;
    if (arr)
      for (const auto& e : *arr)
        if (auto x = e.value<double>()) v.push_back(*x);
    if (!arr || v.size() != arr->size())
      throw ConfigError(where_at(where, n->source()) +
                        ": 'balance_params' must be a list of numbers [a, alpha, b, beta], "
                        "e.g. [2.155, 0.94, 0.789, 1.0]");
    r.balance_params = std::move(v);
  }
  return r;
}

template <typename F>
void for_each_table(const toml::table& root, std::string_view key, const std::string& where,
                    F&& f) {
  const toml::node* n = root.get(key);
  if (!n) return;
  const toml::array* arr = n->as_array();
  if (!arr) {
    throw ConfigError(where_at(where, n->source()) + ": '" + std::string(key) +
                      "' must be written as [[" + std::string(key) + "]] tables");
  }
  for (const auto& e : *arr) {
    const toml::table* t = e.as_table();
    if (!t) throw ConfigError(where_at(where, e.source()) + ": expected a table");
    f(*t, e.source());
  }
}

}  // namespace

const SearchSpec* Protocol::find_search(std::string_view name) const {
  for (const auto& s : searches)
    if (s.name == name) return &s;
  return nullptr;
}

const OutcomeSpec* Protocol::find_outcome(std::string_view name) const {
  for (const auto& o : outcomes)
    if (o.name == name) return &o;
  return nullptr;
}

Protocol parse_protocol(std::string_view toml_text, const std::string& where) {
  toml::table root;
  try {
    root = toml::parse(toml_text, where);
  } catch (const toml::parse_error& e) {
    throw ConfigError(where + ":" + std::to_string(e.source().begin.line) + ": " +
                      std::string(e.description()) + "; fix the TOML syntax");
  }
  Protocol p;
  if (const toml::table* r = root["review"].as_table()) {
    p.title = get_string(*r, "title", where);
    p.question = get_string(*r, "question", where);
    p.authors = get_strings(*r, "authors", where);
    p.registration = get_string(*r, "registration", where);
    p.protocol_url = get_string(*r, "protocol", where);
    p.funding = get_string(*r, "funding", where);
    p.competing_interests = get_string(*r, "competing_interests", where);
  }
  if (const toml::table* e = root["eligibility"].as_table()) {
    p.population = get_string(*e, "population", where);
    p.intervention = get_string(*e, "intervention", where);
    p.comparator = get_string(*e, "comparator", where);
    p.outcomes_text = get_string(*e, "outcomes", where);
    p.study_design = get_string(*e, "study_design", where);
  }
  if (const toml::table* n = root["ncbi"].as_table()) {
    p.email = get_string(*n, "email", where);
    p.tool = get_string(*n, "tool", where, "prismaflow");
  }
  for_each_table(root, "search", where, [&](const toml::table& t, const toml::source_region& src) {
    SearchSpec s;
    s.name = get_string(t, "name", where);
    s.query = get_string(t, "query", where);
    s.mindate = get_string(t, "mindate", where);
    s.maxdate = get_string(t, "maxdate", where);
    s.datetype = get_string(t, "datetype", where);
    if (s.name.empty() || s.query.empty()) {
      throw ConfigError(where_at(where, src) + ": every [[search]] needs a name and a query");
    }
    if (p.find_search(s.name)) {
      throw ConfigError(where_at(where, src) + ": search name '" + s.name +
                        "' is used twice; names must be unique");
    }
    p.searches.push_back(std::move(s));
  });
  for_each_table(root, "import", where, [&](const toml::table& t, const toml::source_region& src) {
    ImportSpec s;
    s.file = get_string(t, "file", where);
    s.source = get_string(t, "source", where);
    s.format = get_string(t, "format", where, "auto");
    s.kind = get_string(t, "kind", where, "database");
    if (s.file.empty() || s.source.empty()) {
      throw ConfigError(where_at(where, src) + ": every [[import]] needs a file and a source");
    }
    p.imports.push_back(std::move(s));
  });
  if (const toml::table* s = root["screening"].as_table()) {
    p.screening.reviewers_per_record =
        static_cast<int>(get_number<int64_t>(*s, "reviewers_per_record", where, 1));
    if (p.screening.reviewers_per_record < 1) {
      throw ConfigError(where_at(where, s->source()) + ": reviewers_per_record must be at least 1");
    }
    p.screening.blind = get_bool(*s, "blind", where, true);
    p.screening.reviewers = get_strings(*s, "reviewers", where);
    p.screening.exclusion_reasons = get_strings(*s, "exclusion_reasons", where);
    p.screening.include_keywords = get_strings(*s, "include_keywords", where);
    p.screening.exclude_keywords = get_strings(*s, "exclude_keywords", where);
    for_each_table(*s, "automation", where, [&](const toml::table& t, const toml::source_region&) {
      AutomationRule rule;
      rule.name = get_string(t, "name", where, "automation");
      rule.exclude_publication_types = get_strings(t, "exclude_publication_types", where);
      p.screening.automation.push_back(std::move(rule));
    });
    if (const toml::node* n = s->get("ranking")) {
      const toml::table* t = n->as_table();
      if (!t)
        throw ConfigError(where_at(where, n->source()) +
                          ": 'ranking' must be a table, written [screening.ranking]");
      p.screening.ranking = get_ranking(*t, where);
    }
  }
  for_each_table(root, "outcome", where, [&](const toml::table& t, const toml::source_region& src) {
    OutcomeSpec o;
    o.name = get_string(t, "name", where);
    if (o.name.empty()) throw ConfigError(where_at(where, src) + ": every [[outcome]] needs a name");
    o.label = get_string(t, "label", where, o.name);
    o.type = get_string(t, "type", where, "binary");
    if (o.type != "binary" && o.type != "continuous" && o.type != "generic") {
      throw ConfigError(where_at(where, src) + ": outcome '" + o.name +
                        "': type must be binary, continuous or generic");
    }
    o.measure = get_string(t, "measure", where, o.type == "binary" ? "RR" : o.type == "continuous" ? "MD" : "GEN");
    o.method = get_string(t, "method", where, "REML");
    o.test = get_string(t, "test", where, "z");
    o.level = get_number<double>(t, "level", where, 95.0);
    o.favours_treatment = get_string(t, "favours_treatment", where, "Favours treatment");
    o.favours_control = get_string(t, "favours_control", where, "Favours control");
    o.higher_is_better = get_bool(t, "higher_is_better", where, false);
    o.certainty = get_string(t, "certainty", where);
    if (!o.certainty.empty() && o.certainty != "high" && o.certainty != "moderate" &&
        o.certainty != "low" && o.certainty != "very low") {
      throw ConfigError(where_at(where, src) + ": outcome '" + o.name + "': certainty '" + o.certainty +
                        "' is not one of GRADE's high, moderate, low or very low");
    }
    o.certainty_reasons = get_string(t, "certainty_reasons", where);
    if (p.find_outcome(o.name)) {
      throw ConfigError(where_at(where, src) + ": outcome name '" + o.name + "' is used twice");
    }
    p.outcomes.push_back(std::move(o));
  });
  return p;
}

namespace {
std::string toml_quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}
}  // namespace

std::string append_search(std::string_view toml_text, const SearchSpec& s) {
  std::ostringstream out;
  out << toml_text;
  if (!toml_text.empty() && toml_text.back() != '\n') out << '\n';
  out << "\n[[search]]\nname = " << toml_quote(s.name) << "\nquery = " << toml_quote(s.query)
      << '\n';
  if (!s.mindate.empty()) out << "mindate = " << toml_quote(s.mindate) << '\n';
  if (!s.maxdate.empty()) out << "maxdate = " << toml_quote(s.maxdate) << '\n';
  if (!s.datetype.empty()) out << "datetype = " << toml_quote(s.datetype) << '\n';
  return out.str();
}

std::string protocol_template(std::string_view title) {
  std::string t = R"TOML(# review.toml: the protocol of this systematic review.
# prismaflow reads it on every command; the database (review.db) holds the data.
# Lines starting with '#' are comments. Strings go in double quotes.

[review]
title = )TOML" + toml_quote(title) + R"TOML(
question = ""          # e.g. "In children with B-ALL, does adding X to chemotherapy improve DFS?"
authors = []           # e.g. ["A. Reviewer", "B. Reviewer"]
# registration = ""     # e.g. "PROSPERO CRD42025000000" (PRISMA 2020 item 24)
# protocol = ""         # where the protocol can be read (a URL or citation)
# funding = ""          # sources of support and their role (item 25)
# competing_interests = ""   # item 26

[eligibility]
population = ""
intervention = ""
comparator = ""
outcomes = ""
study_design = "Randomised controlled trials"

[ncbi]
# NCBI asks every E-utilities client for a contact address. The API key is
# never stored here: export NCBI_API_KEY or pass --api-key.
email = ""
tool = "prismaflow"

# One [[search]] per PubMed search; `prismaflow fetch` runs them all and
# `prismaflow fetch --update` re-runs them for what is new.
# [[search]]
# name = "pubmed"
# query = "blinatumomab[tiab] AND (child*[tiab] OR pediatric[tiab]) AND randomized controlled trial[pt]"
# mindate = "2000/01/01"   # optional, YYYY, YYYY/MM or YYYY/MM/DD
# maxdate = "2025/03/31"
# datetype = "pdat"        # pdat (publication), edat (Entrez), crdt (created)

# One [[import]] per file exported from another database; `prismaflow import`
# with no file imports them all.
# [[import]]
# file = "exports/embase.ris"
# source = "Embase"
# format = "auto"          # ris | nbib | wos | csv | pubmed-xml | auto
# kind = "database"        # database | register | other

[screening]
reviewers_per_record = 1   # 2 for independent double screening
blind = true               # reviewers do not see each other's decisions
reviewers = []             # e.g. ["alice", "bob"]
exclusion_reasons = [
  "Not a randomised controlled trial",
  "Wrong population",
  "Wrong intervention",
  "Wrong comparator",
  "Wrong outcomes",
  "Duplicate report",
]
include_keywords = []      # highlighted in green in the screener
exclude_keywords = []      # highlighted in red

# How 'screen --order relevance' ranks; every key is optional and keeps the
# default when left out (the names of 'screen simulate''s options, so a
# setting that simulated well is copied here as is).
# [screening.ranking]
# model = "nb"                 # nb | logistic | ensemble | svm | auto
# alpha = 3.822                # naive Bayes smoothing
# tokens = "words+stop-words"  # words | words+numbers | all
# ngram = 2
# min_df = 2
# tf = "sublinear"             # sublinear | raw
# balance = "double"           # double | resample | balanced | none
# balance_params = [2.155, 0.94, 0.789, 1.0]   # double balance a, alpha, b, beta
# split_title_abstract = false # separate title and abstract vocabularies
# uncertain_share = 0.0

# Records removed before screening by automation (PRISMA's "marked as
# ineligible by automation tools"), counted apart from human exclusions.
# [[screening.automation]]
# name = "publication type"
# exclude_publication_types = ["Review", "Editorial", "Comment"]

# One [[outcome]] per meta-analysis.
# [[outcome]]
# name = "dfs"                 # the key used in extraction files
# label = "Disease-free survival (events)"
# type = "binary"              # binary | continuous | generic
# measure = "RR"               # RR | OR | RD | MD | SMD | GEN
# method = "REML"              # FE | MH | PETO | DL | REML | PM | SJ | HE | ML | EB
# test = "z"                   # z | knha
# favours_treatment = "Favours blinatumomab"
# favours_control = "Favours chemotherapy"
# certainty = "moderate"       # GRADE: high | moderate | low | very low (summary of findings)
# certainty_reasons = "rated down once for imprecision"
)TOML";
  return t;
}

}  // namespace prismaflow
