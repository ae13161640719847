// Shared set-up for the fetch CLI tests: a fresh review, the built binary
// run against a FakePubmed behind a real loopback server, and queries of the
// resulting review.db.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "tests/fetch/fake_pubmed.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::test {

/// PMIDs first, first+step, ... (n of them), as strings.
std::vector<std::string> pmid_range(long first, long n, long step = 1);

/// A review created with `prismaflow init` in a TempDir.
struct FetchReview {
  TempDir tmp;
  std::string dir;
  FetchReview();
  /// prismaflow fetch <args> --review dir with fast test timings against `url`.
  CommandResult fetch(const std::string& url, std::vector<std::string> args,
                      std::map<std::string, std::string> env = {}) const;
  /// PubMed PMIDs stored in records (with repeats, if any).
  std::vector<std::string> stored_pmids() const;
  /// The single integer `sql` selects.
  long long scalar(const std::string& sql) const;
  /// sha256 of review.db's logical content (tables dumped), for "unchanged".
  std::string content_digest() const;
};

}  // namespace prismaflow::test
