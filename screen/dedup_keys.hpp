// What de-duplication compares, computed once per record: normalised title,
// author names, journal, year, volume, first page and identifiers. Pure values,
// so the matcher can be tested and benchmarked without a database.
#pragma once

#include <cstdint>
#include <string>

namespace prismaflow::screen {

/// One record's fields as stored (any format, any case).
struct DedupInput {
  std::int64_t id = 0;
  std::string doi, pmid, pmcid;
  std::string title;
  std::string authors;  ///< all names in one string, any separators
  std::string journal;
  std::string volume, issue, pages;
  int year = 0;
  bool has_abstract = false;
};

/// The normalised comparison key of one record.
struct DedupKey {
  std::int64_t id = 0;
  std::string doi, pmid, pmcid;  ///< DOI normalised (lower case, no URL prefix)
  std::string title;             ///< normalize_text(title)
  std::string authors;           ///< normalize_text(authors), name words only
  std::string first_author;      ///< first name word of two or more letters
  std::string journal;           ///< normalize_text(journal)
  std::string volume;            ///< leading digits ("38 (Suppl 1)" -> "38"; a fragment "1)" -> "")
  std::string first_page;        ///< first page without leading zeros ("e0815", "1297")
  std::string last_page;         ///< last page of a range, digits completed ("1297-306" -> "1306"); empty without a range
  std::string issue;             ///< leading digits of the issue ("21 Suppl 1" -> "21"; "Suppl 1" -> "s1")
  int year = 0;
  int title_words = 0;
  int completeness = 0;  ///< how many fields are filled (to choose the kept record)
  bool notice = false;   ///< erratum, correction, retraction, comment or reply
  bool front_matter = false;  ///< editorial, editor's comments, preface, a minitrack's introduction
};

/// Builds the key of `input`.
DedupKey make_dedup_key(const DedupInput& input);

}  // namespace prismaflow::screen
