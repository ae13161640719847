#include "db/background_checkpoint.hpp"

#include <utility>

namespace prismaflow::db {

BackgroundCheckpoint::BackgroundCheckpoint(Database& writer, int pages)
    : writer_(writer), pages_(pages) {
  if (writer.path() == ":memory:") return;  // no WAL, nothing to move
  // Opened here, on the caller's thread, so that a file that cannot be
  // opened fails the caller rather than the thread.
  Database checkpointer = Database::open(writer.path());
  writer_.set_wal_commit_hook([this](int wal_pages) {
    if (wal_pages < pages_) return;
    {
      std::lock_guard lock(mutex_);
      wanted_ = true;
    }
    wake_.notify_one();
  });
  thread_ = std::thread([this, c = std::move(checkpointer)]() mutable { loop(std::move(c)); });
}

BackgroundCheckpoint::~BackgroundCheckpoint() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  if (!thread_.joinable()) return;
  thread_.join();
  writer_.set_wal_commit_hook({});
}

int BackgroundCheckpoint::checkpoints() const {
  std::lock_guard lock(mutex_);
  return done_;
}

void BackgroundCheckpoint::loop(Database checkpointer) {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return wanted_ || stop_; });
    if (stop_) return;
    wanted_ = false;
    lock.unlock();
    // A failed checkpoint loses nothing: the pages stay in the WAL and the
    // writer's own automatic checkpoint takes them once this object is gone.
    bool ran = false;
    try {
      ran = checkpointer.checkpoint_passive();
    } catch (const std::exception&) {
    }
    lock.lock();
    if (ran) ++done_;
  }
}

}  // namespace prismaflow::db
