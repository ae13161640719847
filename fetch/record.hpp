// The bibliographic record model shared by every source: PubMed XML, RIS,
// MEDLINE (.nbib), Web of Science, CSV. Parsers fill what their format has;
// the record store keeps the whole model as JSON plus the raw source payload.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace prismaflow::fetch {

struct Author {
  std::string last_name;
  std::string fore_name;
  std::string initials;
  std::string suffix;
  std::string collective_name;  ///< set instead of the names for a group author
  std::vector<std::string> affiliations;
  std::string orcid;
  /// "Last FI" or the collective name.
  std::string display() const;
};

struct AbstractSection {
  std::string label;         ///< e.g. "METHODS"; empty for an unstructured abstract
  std::string nlm_category;  ///< BACKGROUND|OBJECTIVE|METHODS|RESULTS|CONCLUSIONS|UNASSIGNED
  std::string text;
};

struct MeshQualifier {
  std::string name;
  bool major_topic = false;
};

struct MeshHeading {
  std::string descriptor;
  std::string ui;
  bool major_topic = false;
  std::vector<MeshQualifier> qualifiers;
};

/// CommentsCorrections: errata, retractions, comments (RefType + PMID).
struct CommentCorrection {
  std::string ref_type;  ///< e.g. "ErratumIn", "RetractionIn", "CommentIn"
  std::string ref_source;
  std::string pmid;
};

struct PubDate {
  int year = 0;
  int month = 0;  ///< 1-12, 0 when absent
  int day = 0;
  std::string season;
  std::string medline_date;  ///< free form, e.g. "1998 Dec-1999 Jan"
};

struct Record {
  std::string source_record_id;  ///< id in the source file: RIS ID/AN, CSV id, PMID
  std::string pmid;
  int pmid_version = 0;
  std::string doi;
  std::string pmcid;
  std::string pii;
  std::string title;
  std::string vernacular_title;
  std::vector<AbstractSection> abstract;
  std::vector<Author> authors;
  std::string journal;
  std::string journal_iso;
  std::string issn;
  std::string volume;
  std::string issue;
  std::string pages;
  int year = 0;
  PubDate pub_date;
  std::string article_date;  ///< YYYY-MM-DD of electronic publication
  std::vector<std::string> publication_types;
  std::vector<std::string> keywords;
  std::vector<std::string> languages;
  std::vector<MeshHeading> mesh;
  std::vector<CommentCorrection> comments_corrections;
  bool is_book = false;
  std::string raw;         ///< the record's bytes as the source gave them
  std::string raw_format;  ///< "pubmed-xml", "ris", "nbib", "wos", "csv"

  /// Abstract sections joined, "LABEL: text" for structured abstracts.
  std::string abstract_text() const;
  /// Authors as "Last FI; Last FI; Collective".
  std::string authors_text() const;
  /// MeSH descriptors joined with "; " ("*" marks a major topic).
  std::string mesh_text() const;
};

/// A PMID that PubMed has withdrawn (DeleteCitation in an efetch reply).
struct DeletedCitation {
  std::string pmid;
};

}  // namespace prismaflow::fetch
