// A small review for the screening tests: a real SQLite file with sources and
// records inserted as a fetch or import would leave them.
#pragma once

#include <filesystem>
#include <string>

#include "common/protocol.hpp"
#include "db/database.hpp"

namespace prismaflow::test {

/// Five PubMed records (ids 1-5, PMIDs 1001-1005; 3 is a "Review"), one
/// Embase record (6) that duplicates 1, and one citation-searching record (7).
inline void seed_records(db::Database& db) {
  db.exec(R"(
    INSERT INTO sources VALUES (1, 'PubMed', 'database', 'now'), (2, 'Embase', 'database', 'now'),
                               (3, 'Citation searching', 'other', 'now');
    INSERT INTO records(record_id, source_id, pmid, doi, title, abstract, journal, year,
                        publication_types, added_at) VALUES
      (1, 1, '1001', NULL, 'Blinatumomab in children', 'A randomized trial in children.', 'J Med', 2020, 'Randomized Controlled Trial', 'now'),
      (2, 1, '1002', '10.1000/xyz2', 'Chemotherapy in adults', 'Adults only.', 'J Med', 2021, 'Journal Article', 'now'),
      (3, 1, '1003', NULL, 'A review of leukaemia', 'Narrative review.', 'Rev', 2019, 'Journal Article; Review', 'now'),
      (4, 1, '1004', NULL, 'Trial four', 'Abstract four.', 'J', 2018, 'Journal Article', 'now'),
      (5, 1, '1005', NULL, 'Trial five', 'Abstract five.', 'J', 2017, 'Journal Article', 'now'),
      (6, 2, '1001', NULL, 'Blinatumomab in children', '', 'J Med', 2020, '', 'now'),
      (7, 3, NULL, NULL, 'Found by citation', '', 'J', 2016, '', 'now');
    INSERT INTO duplicate_links(duplicate_id, kept_id, method, created_at) VALUES (6, 1, 'pmid', 'now');
  )");
}

/// A protocol with the template's reasons and one automation rule.
inline Protocol screening_protocol(int reviewers_per_record = 1) {
  Protocol p;
  p.screening.reviewers_per_record = reviewers_per_record;
  p.screening.exclusion_reasons = {"Wrong population", "Wrong intervention"};
  p.screening.automation.push_back({"publication type", {"Review", "Editorial"}});
  return p;
}

/// review.toml text matching screening_protocol().
inline std::string screening_toml(int reviewers_per_record = 1, bool blind = true) {
  return "[review]\ntitle = \"T\"\n[screening]\nreviewers_per_record = " + std::to_string(reviewers_per_record) +
         "\nblind = " + (blind ? "true" : "false") +
         "\nexclusion_reasons = [\"Wrong population\", \"Wrong intervention\"]\n"
         "include_keywords = [\"children\"]\nexclude_keywords = [\"adults\"]\n"
         "[[screening.automation]]\nname = \"publication type\"\n"
         "exclude_publication_types = [\"Review\", \"Editorial\"]\n";
}

}  // namespace prismaflow::test
