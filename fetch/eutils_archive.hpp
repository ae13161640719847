// An archive of E-utilities responses on disk: what `fetch --export-archive`
// writes from a run's stored raw responses and what `fetch --replay DIR`
// reads instead of the network (the bundled example ships one).
//
// Format (version 1), all UTF-8:
//   DIR/manifest.json = {"format": "prismaflow-eutils-archive", "version": 1,
//     "responses": [ {"endpoint": "esearch.fcgi",
//                     "params": {"term": "...", "retstart": "0", ...},
//                     "http_status": 200,            (optional, default 200)
//                     "file": "0001-esearch.xml"}, ... ]}
//   DIR/<file> = the response body, byte for byte.
// A request is answered by the FIRST entry, in manifest order, whose
// endpoint is equal and whose every listed param equals the request's (values
// are strings; "id" compares as a set of comma-separated PMIDs). Params not
// listed are not compared, so a hand-written entry may list only "term";
// tool, email and api_key are never compared. Entries are reused, never
// consumed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "fetch/eutils_transport.hpp"

namespace prismaflow::db {
class Database;
}

namespace prismaflow::fetch {

class ArchiveTransport : public EutilsTransport {
 public:
  /// Reads DIR/manifest.json and every body file it names. Throws InputError
  /// naming the manifest (and entry) when it is missing or malformed.
  explicit ArchiveTransport(const std::filesystem::path& dir);
  ~ArchiveTransport() override;

  /// The archived reply. Throws InputError when no entry matches.
  EutilsResponse send(const EutilsRequest& request) override;
  bool is_replay() const override { return true; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Writes the stored raw responses of `run_ids` (in order) to `dir` in the
/// format above; returns the number of responses written.
std::size_t write_archive(db::Database& db, const std::vector<std::int64_t>& run_ids,
                          const std::filesystem::path& dir);

}  // namespace prismaflow::fetch
