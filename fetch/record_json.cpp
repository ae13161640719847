#include "fetch/record_json.hpp"

#include <nlohmann/json.hpp>
#include <string_view>

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

namespace {

// The reference serialisation: nlohmann's object (sorted keys) dumped
// compactly. Used only for text that is not valid UTF-8, where nlohmann's
// dump() throws, so the fast writer below keeps exactly its behaviour.
std::string record_to_json_nlohmann(const Record& r) {
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

bool valid_utf8(std::string_view s) {
  std::size_t i = 0, n = s.size();
  while (i < n) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) { ++i; continue; }
    std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (len == 0 || c > 0xF4 || i + len > n) return false;
    auto c1 = static_cast<unsigned char>(s[i + 1]);
    // Overlong forms, surrogates and code points above U+10FFFF (RFC 3629).
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) ||
        (c == 0xF4 && c1 > 0x8F))
      return false;
    for (std::size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

// A direct writer producing byte for byte what record_to_json_nlohmann
// produces (keys in std::map order, nlohmann's escapes), without building a
// json tree: that tree was a third of the time of storing a fetched record.
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  bool ok() const { return ok_; }

  void str(std::string_view s) {
    if (!valid_utf8(s)) ok_ = false;
    out_ += '"';
    std::size_t plain = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out_.append(s.data() + plain, i - plain);
      plain = i + 1;
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\b': out_ += "\\b"; break;
        case '\f': out_ += "\\f"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        default: {
          static const char* kHex = "0123456789abcdef";
          out_ += "\\u00";
          out_ += kHex[c >> 4];
          out_ += kHex[c & 0xF];
        }
      }
    }
    out_.append(s.data() + plain, s.size() - plain);
    out_ += '"';
  }
  void key(const char* k, bool first = false) {
    if (!first) out_ += ',';
    out_ += '"';
    out_ += k;
    out_ += "\":";
  }
  void num(long long v) { out_ += std::to_string(v); }
  void boolean(bool b) { out_ += b ? "true" : "false"; }
  void strings(const std::vector<std::string>& v) {
    out_ += '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i) out_ += ',';
      str(v[i]);
    }
    out_ += ']';
  }
  template <typename T, typename F>
  void objects(const std::vector<T>& v, F&& each) {
    out_ += '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i) out_ += ',';
      out_ += '{';
      each(v[i]);
      out_ += '}';
    }
    out_ += ']';
  }
  void raw(char c) { out_ += c; }

 private:
  std::string& out_;
  bool ok_ = true;
};

}  // namespace

std::string record_to_json(const Record& r) {
  std::string out;
  out.reserve(1024 + r.title.size() + r.abstract.size() * 512 + r.authors.size() * 96);
  Writer w(out);
  w.raw('{');
  w.key("abstract", true);
  w.objects(r.abstract, [&](const AbstractSection& s) {
    w.key("label", true), w.str(s.label);
    w.key("nlm_category"), w.str(s.nlm_category);
    w.key("text"), w.str(s.text);
  });
  w.key("article_date"), w.str(r.article_date);
  w.key("authors");
  w.objects(r.authors, [&](const Author& a) {
    w.key("affiliations", true), w.strings(a.affiliations);
    w.key("collective_name"), w.str(a.collective_name);
    w.key("fore_name"), w.str(a.fore_name);
    w.key("initials"), w.str(a.initials);
    w.key("last_name"), w.str(a.last_name);
    w.key("orcid"), w.str(a.orcid);
    w.key("suffix"), w.str(a.suffix);
  });
  w.key("comments_corrections");
  w.objects(r.comments_corrections, [&](const CommentCorrection& c) {
    w.key("pmid", true), w.str(c.pmid);
    w.key("ref_source"), w.str(c.ref_source);
    w.key("ref_type"), w.str(c.ref_type);
  });
  w.key("doi"), w.str(r.doi);
  w.key("is_book"), w.boolean(r.is_book);
  w.key("issn"), w.str(r.issn);
  w.key("issue"), w.str(r.issue);
  w.key("journal"), w.str(r.journal);
  w.key("journal_iso"), w.str(r.journal_iso);
  w.key("keywords"), w.strings(r.keywords);
  w.key("languages"), w.strings(r.languages);
  w.key("mesh");
  w.objects(r.mesh, [&](const MeshHeading& m) {
    w.key("descriptor", true), w.str(m.descriptor);
    w.key("major_topic"), w.boolean(m.major_topic);
    w.key("qualifiers");
    w.objects(m.qualifiers, [&](const MeshQualifier& q) {
      w.key("major_topic", true), w.boolean(q.major_topic);
      w.key("name"), w.str(q.name);
    });
    w.key("ui"), w.str(m.ui);
  });
  w.key("pages"), w.str(r.pages);
  w.key("pii"), w.str(r.pii);
  w.key("pmcid"), w.str(r.pmcid);
  w.key("pmid"), w.str(r.pmid);
  w.key("pmid_version"), w.num(r.pmid_version);
  w.key("pub_date"), w.raw('{');
  w.key("day", true), w.num(r.pub_date.day);
  w.key("medline_date"), w.str(r.pub_date.medline_date);
  w.key("month"), w.num(r.pub_date.month);
  w.key("season"), w.str(r.pub_date.season);
  w.key("year"), w.num(r.pub_date.year);
  w.raw('}');
  w.key("publication_types"), w.strings(r.publication_types);
  w.key("raw_format"), w.str(r.raw_format);
  w.key("source_record_id"), w.str(r.source_record_id);
  w.key("title"), w.str(r.title);
  w.key("vernacular_title"), w.str(r.vernacular_title);
  w.key("volume"), w.str(r.volume);
  w.key("year"), w.num(r.year);
  w.raw('}');
  if (!w.ok()) return record_to_json_nlohmann(r);
  return out;
}

std::string record_to_json_reference(const Record& r) { return record_to_json_nlohmann(r); }

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
