// The ledger over the review database: load each record's screening state
// and count (the counting itself is pure, prisma_ledger.cpp).
#include "db/database.hpp"
#include "screen/prisma_ledger.hpp"
#include "screen/screening_store.hpp"

namespace prismaflow::screen {

PrismaCounts compute_prisma_counts(db::Database& db, const Protocol& protocol) {
  return compute_counts(load_record_states(db, protocol));
}

}  // namespace prismaflow::screen
