// Moves WAL checkpoints off a writing thread. SQLite checkpoints on the
// committing connection once the WAL passes 1,000 pages: the commit then
// copies those pages into the database file and waits for its fsync. A bulk
// writer (fetch, import) would spend a fifth of its time there; SQLite's
// documented alternative is to turn the automatic checkpoint off and run
// checkpoints from another thread with its own connection.
#pragma once

#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

#include "db/database.hpp"

namespace prismaflow::db {

class BackgroundCheckpoint {
 public:
  /// While this object lives, commits on `writer` no longer checkpoint;
  /// whenever one leaves the WAL at `pages` pages or more, a thread with its
  /// own connection to the same file runs a PASSIVE checkpoint, which never
  /// blocks the writer. Construct and destroy it on the writer's thread.
  explicit BackgroundCheckpoint(Database& writer, int pages = 1000);
  /// Stops the thread and gives `writer` its automatic checkpoint back (the
  /// next commit over the limit checkpoints whatever the thread left).
  ~BackgroundCheckpoint();
  BackgroundCheckpoint(const BackgroundCheckpoint&) = delete;
  BackgroundCheckpoint& operator=(const BackgroundCheckpoint&) = delete;

  /// Checkpoints the thread ran (for tests and benchmarks).
  int checkpoints() const;

 private:
  void loop(Database checkpointer);

  Database& writer_;
  const int pages_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool wanted_ = false;
  bool stop_ = false;
  int done_ = 0;
  std::thread thread_;
};

}  // namespace prismaflow::db
