// Labelled screening data sets for `screen simulate` and the benchmarks:
// - a CSV with a title, an abstract and a 0/1 label column (found by name:
//   label_included, included, label; or given), optional keywords and id, as
//   the ASReview benchmark files are (../shared/benchmarks/screening/);
// - a SYNERGY v1 folder: labels.csv (openalex_id, label_included) plus
//   works_*.zip of OpenAlex works, whose abstracts are stored as an inverted
//   index (word -> positions) and are rebuilt into text here.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "screen/tfidf.hpp"

namespace prismaflow::screen {

struct LabelledRecord {
  std::string id;  ///< the file's record id, or the 1-based row number
  std::string title;
  std::string abstract;
  std::string keywords;
  bool included = false;

  /// What the model reads: the title, and abstract and keywords space-separated.
  DocumentText document() const;
};

struct LabelledDataset {
  std::string name;          ///< file or folder stem, e.g. "ace"
  std::string label_column;  ///< the column the labels came from
  std::vector<LabelledRecord> records;
  std::size_t n_included() const;
};

/// Parses a labelled CSV. `label_column` empty means: the first of
/// label_included, included, label present. Labels are 1/0, true/false,
/// yes/no or include(d)/exclude(d). Throws InputError "where:line: ..." for
/// a missing column or an unreadable label.
LabelledDataset parse_labelled_csv(std::string_view text, const std::string& where,
                                   const std::string& label_column = {});

/// An OpenAlex work as far as screening needs it.
struct OpenAlexWork {
  std::string id;  ///< "https://openalex.org/W..."
  std::string title;
  std::string abstract;
};

/// Rebuilds abstract text from an inverted index: each word is placed at each
/// of its positions and the words are joined by single spaces in position order.
std::string rebuild_abstract(const std::vector<std::pair<std::string, std::vector<int>>>& index);

/// Parses a JSON array of OpenAlex works (null title or abstract become "").
/// Throws InputError naming `where` on malformed JSON.
std::vector<OpenAlexWork> parse_openalex_works(std::string_view json, const std::string& where);

/// Loads `path`: a CSV file, a SYNERGY folder, or a SYNERGY labels.csv with its
/// works_*.zip beside it. Throws InputError naming the file (and line or
/// record) on unreadable content, e.g. a labelled work missing from the works.
LabelledDataset load_labelled_dataset(const std::filesystem::path& path,
                                      const std::string& label_column = {});

}  // namespace prismaflow::screen
