#include "fetch/record_store.hpp"

#include <algorithm>
#include <cctype>

#include "common/clock.hpp"
#include "common/compress.hpp"
#include "common/error.hpp"
#include "db/database.hpp"
#include "fetch/record_json.hpp"

namespace prismaflow::fetch {

std::int64_t ensure_source(db::Database& db, std::string_view name, std::string_view kind) {
  if (kind != "database" && kind != "register" && kind != "other") {
    throw UsageError("--kind must be database, register or other, not '" + std::string(kind) +
                     "'");
  }
  auto s = db.prepare("SELECT source_id, kind FROM sources WHERE name = ?");
  s.bind(1, name);
  if (s.step()) {
    if (s.get_text(1) != kind) {
      throw InputError("source '" + std::string(name) + "' is already recorded as a " +
                       s.get_text(1) + ", not a " + std::string(kind) +
                       "; use the same --kind or another --source name");
    }
    return s.get_int(0);
  }
  db.run("INSERT INTO sources(name, kind, created_at) VALUES (?, ?, ?)", name, kind,
         now_utc_iso());
  return db.last_insert_rowid();
}

std::string normalize_doi(std::string_view doi) {
  std::string d;
  for (char c : doi) {
    if (!std::isspace(static_cast<unsigned char>(c))) d += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  for (std::string_view prefix : {"https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
                                  "http://dx.doi.org/", "doi.org/", "doi:"}) {
    if (d.rfind(prefix, 0) == 0) {
      d.erase(0, prefix.size());
      break;
    }
  }
  while (!d.empty() && (d.back() == '.' || d.back() == ',' || d.back() == ';')) d.pop_back();
  return d;
}

struct RecordWriter::Impl {
  db::Database& db;
  db::Statement insert_record;
  std::string now = now_utc_iso();
  explicit Impl(db::Database& d)
      : db(d),
        insert_record(d.prepare(
            "INSERT INTO records(source_id, run_id, import_id, source_record_id, pmid, doi,"
            " title, abstract, authors, year, journal, volume, issue, pages, publication_types,"
            " keywords, mesh, language, record_json, raw_format, raw_zstd, review_version,"
            " added_at, raw_response_id, raw_offset, raw_length, pmcid)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {}

  std::int64_t insert_row(const RecordRow& r, const RecordOrigin& o, const std::optional<RawRef>& ref);
};

RecordWriter::RecordWriter(db::Database& db) : impl_(std::make_unique<Impl>(db)) {}
RecordWriter::~RecordWriter() = default;

namespace {
std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += "; ";
    out += s;
  }
  return out;
}
}  // namespace

RecordRow make_record_row(const Record& r, bool compress_raw) {
  RecordRow row;
  row.source_record_id = r.source_record_id;
  row.pmid = r.pmid;
  row.doi = normalize_doi(r.doi);
  row.pmcid = r.pmcid;
  row.title = r.title;
  row.abstract = r.abstract_text();
  row.authors = r.authors_text();
  row.year = r.year;
  row.journal = r.journal;
  row.volume = r.volume;
  row.issue = r.issue;
  row.pages = r.pages;
  row.publication_types = join(r.publication_types);
  row.keywords = join(r.keywords);
  row.mesh = r.mesh_text();
  row.language = join(r.languages);
  row.json = record_to_stored_json(r);
  row.raw_format = r.raw_format;
  // A fetched record's XML is already kept, compressed once per reply, in
  // raw_responses: compressing it again per record was a quarter of the
  // store time and doubled the database.
  if (compress_raw && !r.raw.empty()) row.raw_zstd = zstd_compress(r.raw);
  return row;
}

std::int64_t RecordWriter::insert(const Record& r, const RecordOrigin& o,
                                  const std::optional<RawRef>& ref) {
  return insert(make_record_row(r, !ref), o, ref);
}

std::int64_t RecordWriter::insert(const RecordRow& r, const RecordOrigin& o,
                                  const std::optional<RawRef>& ref) {
  return impl_->insert_row(r, o, ref);
}

std::vector<std::int64_t> RecordWriter::insert_batch(const std::vector<const RecordRow*>& rows,
                                                     const RecordOrigin& o,
                                                     const std::vector<std::optional<RawRef>>& refs) {
  std::vector<std::int64_t> ids;
  ids.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i)
    ids.push_back(impl_->insert_row(*rows[i], o, i < refs.size() ? refs[i] : std::nullopt));
  return ids;
}

std::int64_t RecordWriter::Impl::insert_row(const RecordRow& r, const RecordOrigin& o,
                                            const std::optional<RawRef>& ref) {
  auto& s = insert_record;
  // Bound without copies (the row outlives run() below): copying the
  // record's JSON and text columns into SQLite was a measurable part of
  // the storing thread's work.
  auto text = [&](int i, const std::string& v) { s.bind_view(i, v); };
  auto text_or_null = [&](int i, const std::string& v) {
    if (v.empty()) s.bind(i, nullptr); else s.bind_view(i, v);
  };
  s.bind(1, o.source_id).bind(2, o.run_id).bind(3, o.import_id);
  text_or_null(4, r.source_record_id), text_or_null(5, r.pmid), text_or_null(6, r.doi);
  text(7, r.title), text(8, r.abstract), text(9, r.authors);
  if (r.year > 0) s.bind(10, r.year); else s.bind(10, nullptr);
  text(11, r.journal), text_or_null(12, r.volume), text_or_null(13, r.issue);
  text_or_null(14, r.pages), text(15, r.publication_types), text(16, r.keywords);
  text(17, r.mesh), text_or_null(18, r.language);
  text(19, r.json), text_or_null(20, r.raw_format);
  if (ref || r.raw_zstd.empty()) s.bind(21, nullptr); else s.bind_blob_view(21, r.raw_zstd);
  s.bind(22, o.review_version).bind_view(23, now);
  if (ref) {
    s.bind(24, ref->response_id).bind(25, ref->offset).bind(26, ref->length);
  } else {
    s.bind(24, nullptr).bind(25, nullptr).bind(26, nullptr);
  }
  text_or_null(27, r.pmcid);
  s.run();
  return db.last_insert_rowid();
}

std::optional<Record> load_record(db::Database& db, std::int64_t record_id) {
  auto s = db.prepare("SELECT record_json, title, abstract FROM records WHERE record_id = ?");
  s.bind(1, record_id);
  if (!s.step()) return std::nullopt;
  try {
    return record_from_stored_json(s.get_text(0), s.get_text(1), s.get_text(2));
  } catch (const InputError& e) {
    throw InputError("record " + std::to_string(record_id) + ": " + e.what());
  }
}

std::string load_raw_payload(db::Database& db, std::int64_t record_id) {
  auto s = db.prepare(
      "SELECT r.raw_zstd, p.body_zstd, r.raw_offset, r.raw_length FROM records r"
      " LEFT JOIN raw_responses p ON p.response_id = r.raw_response_id WHERE r.record_id = ?");
  s.bind(1, record_id);
  if (!s.step()) return {};
  if (!s.is_null(0)) return zstd_decompress(s.get_blob(0));
  if (s.is_null(1)) return {};
  std::string body = zstd_decompress(s.get_blob(1));
  auto offset = static_cast<std::size_t>(s.get_int(2));
  auto length = static_cast<std::size_t>(s.get_int(3));
  if (offset > body.size() || length > body.size() - offset) {
    throw DbError("record " + std::to_string(record_id) +
                  ": its raw payload reference falls outside the stored response; the database "
                  "may be damaged, run `fetch --reparse`");
  }
  return body.substr(offset, length);
}

std::vector<RecordSummary> list_records(db::Database& db) {
  auto s = db.prepare(
      "SELECT r.record_id, coalesce(r.pmid,''), coalesce(r.doi,''), r.title, r.year, r.journal,"
      " src.name, coalesce(r.source_record_id,''), l.kept_id"
      " FROM records r JOIN sources src USING (source_id)"
      " LEFT JOIN duplicate_links l ON l.duplicate_id = r.record_id AND l.undone_at IS NULL"
      " ORDER BY r.record_id");
  std::vector<RecordSummary> out;
  while (s.step()) {
    RecordSummary row;
    row.record_id = s.get_int(0);
    row.pmid = s.get_text(1);
    row.doi = s.get_text(2);
    row.title = s.get_text(3);
    if (auto y = s.get_optional_int(4)) row.year = static_cast<int>(*y);
    row.journal = s.get_text(5);
    row.source = s.get_text(6);
    row.source_record_id = s.get_text(7);
    row.duplicate_of = s.get_optional_int(8);
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace prismaflow::fetch
