#include "fetch/record_json.hpp"

#include <nlohmann/json.hpp>

#include "common/error.hpp"

namespace prismaflow::fetch {

using nlohmann::json;

void to_json(json& j, const Author& a) {
  j = json{{"last_name", a.last_name},   {"fore_name", a.fore_name},
           {"initials", a.initials},     {"suffix", a.suffix},
           {"collective_name", a.collective_name}, {"affiliations", a.affiliations},
           {"orcid", a.orcid}};
}
void from_json(const json& j, Author& a) {
  a.last_name = j.value("last_name", "");
  a.fore_name = j.value("fore_name", "");
  a.initials = j.value("initials", "");
  a.suffix = j.value("suffix", "");
  a.collective_name = j.value("collective_name", "");
  a.affiliations = j.value("affiliations", std::vector<std::string>{});
  a.orcid = j.value("orcid", "");
}
void to_json(json& j, const AbstractSection& s) {
  j = json{{"label", s.label}, {"nlm_category", s.nlm_category}, {"text", s.text}};
}
void from_json(const json& j, AbstractSection& s) {
  s.label = j.value("label", "");
  s.nlm_category = j.value("nlm_category", "");
  s.text = j.value("text", "");
}
void to_json(json& j, const MeshQualifier& q) {
  j = json{{"name", q.name}, {"major_topic", q.major_topic}};
}
void from_json(const json& j, MeshQualifier& q) {
  q.name = j.value("name", "");
  q.major_topic = j.value("major_topic", false);
}
void to_json(json& j, const MeshHeading& m) {
  j = json{{"descriptor", m.descriptor}, {"ui", m.ui}, {"major_topic", m.major_topic},
           {"qualifiers", m.qualifiers}};
}
void from_json(const json& j, MeshHeading& m) {
  m.descriptor = j.value("descriptor", "");
  m.ui = j.value("ui", "");
  m.major_topic = j.value("major_topic", false);
  m.qualifiers = j.value("qualifiers", std::vector<MeshQualifier>{});
}
void to_json(json& j, const CommentCorrection& c) {
  j = json{{"ref_type", c.ref_type}, {"ref_source", c.ref_source}, {"pmid", c.pmid}};
}
void from_json(const json& j, CommentCorrection& c) {
  c.ref_type = j.value("ref_type", "");
  c.ref_source = j.value("ref_source", "");
  c.pmid = j.value("pmid", "");
}

std::string record_to_json(const Record& r) {
  json j = {
      {"source_record_id", r.source_record_id},
      {"pmid", r.pmid},
      {"pmid_version", r.pmid_version},
      {"doi", r.doi},
      {"pmcid", r.pmcid},
      {"pii", r.pii},
      {"title", r.title},
      {"vernacular_title", r.vernacular_title},
      {"abstract", r.abstract},
      {"authors", r.authors},
      {"journal", r.journal},
      {"journal_iso", r.journal_iso},
      {"issn", r.issn},
      {"volume", r.volume},
      {"issue", r.issue},
      {"pages", r.pages},
      {"year", r.year},
      {"pub_date",
       {{"year", r.pub_date.year},
        {"month", r.pub_date.month},
        {"day", r.pub_date.day},
        {"season", r.pub_date.season},
        {"medline_date", r.pub_date.medline_date}}},
      {"article_date", r.article_date},
      {"publication_types", r.publication_types},
      {"keywords", r.keywords},
      {"languages", r.languages},
      {"mesh", r.mesh},
      {"comments_corrections", r.comments_corrections},
      {"is_book", r.is_book},
      {"raw_format", r.raw_format},
  };
  return j.dump();
}

Record record_from_json(const std::string& text) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::exception& e) {
    throw InputError(std::string("stored record is not valid JSON: ") + e.what());
  }
  Record r;
  r.source_record_id = j.value("source_record_id", "");
  r.pmid = j.value("pmid", "");
  r.pmid_version = j.value("pmid_version", 0);
  r.doi = j.value("doi", "");
  r.pmcid = j.value("pmcid", "");
  r.pii = j.value("pii", "");
  r.title = j.value("title", "");
  r.vernacular_title = j.value("vernacular_title", "");
  r.abstract = j.value("abstract", std::vector<AbstractSection>{});
  r.authors = j.value("authors", std::vector<Author>{});
  r.journal = j.value("journal", "");
  r.journal_iso = j.value("journal_iso", "");
  r.issn = j.value("issn", "");
  r.volume = j.value("volume", "");
  r.issue = j.value("issue", "");
  r.pages = j.value("pages", "");
  r.year = j.value("year", 0);
  if (j.contains("pub_date")) {
    const auto& d = j["pub_date"];
    r.pub_date.year = d.value("year", 0);
    r.pub_date.month = d.value("month", 0);
    r.pub_date.day = d.value("day", 0);
    r.pub_date.season = d.value("season", "");
    r.pub_date.medline_date = d.value("medline_date", "");
  }
  r.article_date = j.value("article_date", "");
  r.publication_types = j.value("publication_types", std::vector<std::string>{});
  r.keywords = j.value("keywords", std::vector<std::string>{});
  r.languages = j.value("languages", std::vector<std::string>{});
  r.mesh = j.value("mesh", std::vector<MeshHeading>{});
  r.comments_corrections = j.value("comments_corrections", std::vector<CommentCorrection>{});
  r.is_book = j.value("is_book", false);
  r.raw_format = j.value("raw_format", "");
  return r;
}

}  // namespace prismaflow::fetch
