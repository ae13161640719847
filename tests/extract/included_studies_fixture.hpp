// A review with three studies, for extraction tests: Locatelli 2021 and
// Brown 2021 are included at full text (Brown after a resolved conflict),
// "Other" is excluded.
#pragma once

#include "db/database.hpp"

namespace prismaflow::extract::test {

inline void add_included_studies(db::Database& db) {
  db.exec(R"(
    INSERT INTO sources VALUES (1, 'PubMed', 'database', 'now');
    INSERT INTO records(record_id, source_id, title, added_at) VALUES
      (1, 1, 'Locatelli', 'now'), (2, 1, 'Brown', 'now'), (3, 1, 'Excluded', 'now');
    INSERT INTO studies(study_id, name, created_at) VALUES
      (1, 'Locatelli 2021', 'now'), (2, 'Brown 2021', 'now'), (3, 'Other', 'now');
    INSERT INTO study_reports VALUES (1, 1, 'now'), (2, 2, 'now'), (3, 3, 'now');
    INSERT INTO screening_decisions(record_id, stage, reviewer, decision, decided_at) VALUES
      (1, 'ft', 'ann', 'include', 'now'), (2, 'ft', 'ann', 'include', 'now'),
      (2, 'ft', 'bob', 'exclude', 'now'),
      (3, 'ft', 'ann', 'exclude', 'now');
    INSERT INTO screening_decisions(record_id, stage, reviewer, role, decision, decided_at) VALUES
      (2, 'ft', 'carol', 'resolution', 'include', 'now');
  )");
}

}  // namespace prismaflow::extract::test
