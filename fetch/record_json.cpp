#include "fetch/record_json.hpp"

#include <nlohmann/json.hpp>
#include <string_view>

#include "common/ascii_scan.hpp"
#include "common/error.hpp"

namespace prismaflow::fetch {

using nlohmann::json;

// Stored record_json leaves out every empty string, empty list, false and
// zero (most of a PubMed record's fields are empty: they were two thirds of
// the database); the reader below takes a missing key as that default, so
// rows written in full by earlier versions load the same. `full` keeps
// every key, for `export records --format json`.
namespace {
struct Put {
  json& j;
  bool full;
  void operator()(const char* k, const std::string& v) const {
    if (full || !v.empty()) j[k] = v;
  }
  void operator()(const char* k, int v) const {
    if (full || v != 0) j[k] = v;
  }
  void operator()(const char* k, bool v) const {
    if (full || v) j[k] = v;
  }
  template <typename T>
  void operator()(const char* k, const std::vector<T>& v) const {
    if (!full && v.empty()) return;
    json a = json::array();
    for (const auto& e : v) a.push_back(to_object(e, full));
    j[k] = std::move(a);
  }
  static json to_object(const std::string& s, bool) { return s; }
  static json to_object(const Author& a, bool full) {
    json j = json::object();
    Put put{j, full};
    put("last_name", a.last_name), put("fore_name", a.fore_name), put("initials", a.initials);
    put("suffix", a.suffix), put("collective_name", a.collective_name);
    put("affiliations", a.affiliations), put("orcid", a.orcid);
    return j;
  }
  static json to_object(const AbstractSection& s, bool full) {
    json j = json::object();
    Put put{j, full};
    put("label", s.label), put("nlm_category", s.nlm_category), put("text", s.text);
    return j;
  }
  static json to_object(const MeshQualifier& q, bool full) {
    json j = json::object();
    Put put{j, full};
    put("name", q.name), put("major_topic", q.major_topic);
    return j;
  }
  static json to_object(const MeshHeading& m, bool full) {
    json j = json::object();
    Put put{j, full};
    put("descriptor", m.descriptor), put("ui", m.ui), put("major_topic", m.major_topic);
    put("qualifiers", m.qualifiers);
    return j;
  }
  static json to_object(const CommentCorrection& c, bool full) {
    json j = json::object();
    Put put{j, full};
    put("ref_type", c.ref_type), put("ref_source", c.ref_source), put("pmid", c.pmid);
    return j;
  }
};
}  // namespace

void from_json(const json& j, Author& a) {
  a.last_name = j.value("last_name", "");
  a.fore_name = j.value("fore_name", "");
  a.initials = j.value("initials", "");
  a.suffix = j.value("suffix", "");
  a.collective_name = j.value("collective_name", "");
  a.affiliations = j.value("affiliations", std::vector<std::string>{});
  a.orcid = j.value("orcid", "");
}
void from_json(const json& j, AbstractSection& s) {
  s.label = j.value("label", "");
  s.nlm_category = j.value("nlm_category", "");
  s.text = j.value("text", "");
}
void from_json(const json& j, MeshQualifier& q) {
  q.name = j.value("name", "");
  q.major_topic = j.value("major_topic", false);
}
void from_json(const json& j, MeshHeading& m) {
  m.descriptor = j.value("descriptor", "");
  m.ui = j.value("ui", "");
  m.major_topic = j.value("major_topic", false);
  m.qualifiers = j.value("qualifiers", std::vector<MeshQualifier>{});
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
std::string record_to_json_nlohmann(const Record& r, bool full) {
  json j = json::object();
  Put put{j, full};
  put("source_record_id", r.source_record_id), put("pmid", r.pmid);
  put("pmid_version", r.pmid_version), put("doi", r.doi), put("pmcid", r.pmcid), put("pii", r.pii);
  put("title", r.title), put("vernacular_title", r.vernacular_title), put("abstract", r.abstract);
  put("authors", r.authors), put("journal", r.journal), put("journal_iso", r.journal_iso);
  put("issn", r.issn), put("volume", r.volume), put("issue", r.issue), put("pages", r.pages);
  put("year", r.year);
  json d = json::object();
  Put put_date{d, full};
  put_date("year", r.pub_date.year), put_date("month", r.pub_date.month), put_date("day", r.pub_date.day);
  put_date("season", r.pub_date.season), put_date("medline_date", r.pub_date.medline_date);
  if (full || !d.empty()) j["pub_date"] = std::move(d);
  put("article_date", r.article_date), put("publication_types", r.publication_types);
  put("keywords", r.keywords), put("languages", r.languages), put("mesh", r.mesh);
  put("comments_corrections", r.comments_corrections), put("is_book", r.is_book);
  put("raw_format", r.raw_format);
  return j.dump();
}

// The length of the valid UTF-8 sequence starting with the non-ASCII byte
// at s[i], or 0 when it is not one (RFC 3629: no overlong forms, surrogates
// or code points above U+10FFFF).
std::size_t utf8_length(std::string_view s, std::size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (len == 0 || c > 0xF4 || i + len > s.size()) return 0;
  auto c1 = static_cast<unsigned char>(s[i + 1]);
  if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) ||
      (c == 0xF4 && c1 > 0x8F))
    return 0;
  for (std::size_t k = 1; k < len; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  return len;
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) < 0x80) continue;
    const std::size_t len = utf8_length(s, i);
    if (len == 0) return false;
    i += len - 1;
  }
  return true;
}

// A direct writer producing byte for byte what record_to_json_nlohmann
// produces for stored rows (keys in std::map order, nlohmann's escapes,
// empty and default values left out), without building a json tree: that
// tree was a third of the time of storing a fetched record.
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  bool ok() const { return ok_; }

  void open() { out_ += '{', first_ = true; }
  void close() { out_ += '}', first_ = false; }
  // One member each; the value left out when empty, zero or false.
  void field(const char* k, std::string_view v) {
    if (!v.empty()) key(k), str(v);
  }
  void field(const char* k, int v) {
    if (v != 0) key(k), out_ += std::to_string(v);
  }
  void field(const char* k, bool v) {
    if (v) key(k), out_ += "true";
  }
  void field(const char* k, const std::vector<std::string>& v) {
    if (v.empty()) return;
    key(k);
    out_ += '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i) out_ += ',';
      str(v[i]);
    }
    out_ += ']';
  }
  template <typename T, typename F>
  void field(const char* k, const std::vector<T>& v, F&& each) {
    if (v.empty()) return;
    key(k);
    out_ += '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i) out_ += ',';
      open();
      each(v[i]);
      close();
    }
    out_ += ']';
  }
  void key(const char* k) {
    if (!first_) out_ += ',';
    first_ = false;
    out_ += '"';
    out_ += k;
    out_ += "\":";
  }

 private:
  // One pass over the text both checks its UTF-8 and finds what to escape.
  void str(std::string_view s) {
    out_ += '"';
    std::size_t plain = 0;
    for (std::size_t i = skip_json_plain(s, 0); i < s.size(); ++i) {
      auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x80) {
        std::size_t len = utf8_length(s, i);
        if (len == 0) {
          ok_ = false;
          return;  // the caller falls back to nlohmann, which refuses it
        }
        i += len - 1;
        continue;
      }
      if (c >= 0x20 && c != '"' && c != '\\') {
        i = skip_json_plain(s, i + 1) - 1;
        continue;
      }
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

  std::string& out_;
  bool ok_ = true;
  bool first_ = true;
};

// record_to_json's body; with `texts_in_columns` the title and the abstract
// sections' texts are left to the row's columns (record_to_stored_json).
std::string write_record_json(const Record& r, bool texts_in_columns) {
  std::string out;
  out.reserve(256 + r.title.size() + r.abstract.size() * 512 + r.authors.size() * 64);
  Writer w(out);
  w.open();
  w.field("abstract", r.abstract, [&](const AbstractSection& s) {
    w.field("label", s.label), w.field("nlm_category", s.nlm_category);
    if (!texts_in_columns) w.field("text", s.text);
    else w.field("text_length", static_cast<int>(s.text.size()));
  });
  w.field("article_date", r.article_date);
  w.field("authors", r.authors, [&](const Author& a) {
    w.field("affiliations", a.affiliations);
    w.field("collective_name", a.collective_name);
    w.field("fore_name", a.fore_name);
    w.field("initials", a.initials);
    w.field("last_name", a.last_name);
    w.field("orcid", a.orcid);
    w.field("suffix", a.suffix);
  });
  w.field("comments_corrections", r.comments_corrections, [&](const CommentCorrection& c) {
    w.field("pmid", c.pmid), w.field("ref_source", c.ref_source), w.field("ref_type", c.ref_type);
  });
  w.field("doi", r.doi);
  w.field("is_book", r.is_book);
  w.field("issn", r.issn);
  w.field("issue", r.issue);
  w.field("journal", r.journal);
  w.field("journal_iso", r.journal_iso);
  w.field("keywords", r.keywords);
  w.field("languages", r.languages);
  w.field("mesh", r.mesh, [&](const MeshHeading& m) {
    w.field("descriptor", m.descriptor);
    w.field("major_topic", m.major_topic);
    w.field("qualifiers", m.qualifiers, [&](const MeshQualifier& q) {
      w.field("major_topic", q.major_topic), w.field("name", q.name);
    });
    w.field("ui", m.ui);
  });
  w.field("pages", r.pages);
  w.field("pii", r.pii);
  w.field("pmcid", r.pmcid);
  w.field("pmid", r.pmid);
  w.field("pmid_version", r.pmid_version);
  const PubDate& d = r.pub_date;
  if (d.day || d.month || d.year || !d.season.empty() || !d.medline_date.empty()) {
    w.key("pub_date"), w.open();
    w.field("day", d.day), w.field("medline_date", d.medline_date), w.field("month", d.month);
    w.field("season", d.season), w.field("year", d.year);
    w.close();
  }
  w.field("publication_types", r.publication_types);
  w.field("raw_format", r.raw_format);
  w.field("source_record_id", r.source_record_id);
  if (!texts_in_columns) w.field("title", r.title);
  w.field("vernacular_title", r.vernacular_title);
  w.field("volume", r.volume);
  w.field("year", r.year);
  w.close();
  // The texts left to the columns must still be what the reference accepts.
  bool ok = w.ok();
  if (texts_in_columns) {
    ok = ok && valid_utf8(r.title);
    for (const auto& sec : r.abstract) ok = ok && valid_utf8(sec.text);
  }
  // Not valid UTF-8: nlohmann's dump() refuses it (throws), as it always did.
  if (!ok) return record_to_json_nlohmann(r, false);
  return out;
}

}  // namespace

std::string record_to_json(const Record& r) { return write_record_json(r, false); }

std::string record_to_stored_json(const Record& r) { return write_record_json(r, true); }

std::string record_to_json_reference(const Record& r) { return record_to_json_nlohmann(r, false); }

std::string record_to_json_full(const Record& r) { return record_to_json_nlohmann(r, true); }

namespace {

json parse_record_json(const std::string& text) {
  try {
    return json::parse(text);
  } catch (const json::exception& e) {
    throw InputError(std::string("stored record is not valid JSON: ") + e.what());
  }
}

Record record_from(const json& j) {
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

// Cuts the abstract column back into the sections record_to_stored_json
// described: Record::abstract_text() joins "LABEL: text" (or the text alone)
// with newlines, and each section's "text_length" says where its text ends.
void texts_from_abstract_column(const json& sections, std::vector<AbstractSection>& out,
                                std::string_view column) {
  auto mismatch = [&](const std::string& what) {
    return InputError("the stored abstract does not match the sections its record_json describes (" +
                      what + "); `fetch --reparse` rewrites the record from its archived response");
  };
  std::size_t at = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (i > 0) {
      if (at >= column.size() || column[at] != '\n') throw mismatch("no line break before section " + std::to_string(i + 1));
      ++at;
    }
    const std::string& label = out[i].label;
    if (!label.empty()) {
      if (column.substr(at, label.size() + 2) != label + ": ")
        throw mismatch("section " + std::to_string(i + 1) + " does not start with \"" + label + ": \"");
      at += label.size() + 2;
    }
    const auto n = sections[i].value("text_length", std::size_t{0});  // left out when 0
    if (at + n > column.size()) throw mismatch("section " + std::to_string(i + 1) + " runs past the end");
    out[i].text.assign(column.substr(at, n));
    at += n;
  }
  if (at != column.size()) throw mismatch(std::to_string(column.size() - at) + " bytes left over");
}

}  // namespace

Record record_from_json(const std::string& text) { return record_from(parse_record_json(text)); }

Record record_from_stored_json(const std::string& text, std::string_view title_column,
                               std::string_view abstract_column) {
  const json j = parse_record_json(text);
  Record r = record_from(j);
  if (!j.contains("title")) r.title.assign(title_column);
  bool in_column = false;
  if (j.contains("abstract"))
    for (const auto& sec : j["abstract"]) in_column = in_column || sec.contains("text_length");
  if (in_column) texts_from_abstract_column(j["abstract"], r.abstract, abstract_column);
  // No sections: the writer left the column empty, so text there was put in
  // by other means (a row inserted by hand); it reads as an unlabelled abstract.
  if (r.abstract.empty() && !abstract_column.empty()) r.abstract.push_back({"", "", std::string(abstract_column)});
  return r;
}

}  // namespace prismaflow::fetch
