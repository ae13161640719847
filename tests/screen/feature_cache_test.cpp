// The cached TF-IDF matrix: exact round trip, damaged bytes and stale keys refused.
#include "screen/feature_cache.hpp"

#include <gtest/gtest.h>

#include "screen/feature_cache_file.hpp"
#include "screen/tfidf.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::screen {
namespace {

RecordFeatures sample() {
  RecordFeatures f;
  f.record_ids = {3, 7, 11, 12};
  f.matrix = tfidf({"statin trial in heart failure", "", "bird song in spring",
                    "statin and bird song"},
                   {})
                 .matrix;
  return f;
}

TEST(FeatureCache, RoundTripIsExact) {
  const RecordFeatures f = sample();
  const auto back = deserialise_features(serialise_features(f));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->record_ids, f.record_ids);
  EXPECT_EQ(back->matrix.n_cols, f.matrix.n_cols);
  EXPECT_EQ(back->matrix.row_start, f.matrix.row_start);
  EXPECT_EQ(back->matrix.col, f.matrix.col);
  EXPECT_EQ(back->matrix.value, f.matrix.value);  // bit for bit, not approximately
}

TEST(FeatureCache, DamagedBytesAreRefusedNotTrusted) {
  EXPECT_FALSE(deserialise_features("").has_value());
  EXPECT_FALSE(deserialise_features("not zstd at all").has_value());
  std::string bytes = serialise_features(sample());
  bytes.resize(bytes.size() / 2);
  EXPECT_FALSE(deserialise_features(bytes).has_value());
}

TEST(FeatureCache, FileIsReadOnlyUnderItsKey) {
  test::TempDir dir;
  const auto path = feature_cache_path(dir / "review.db");
  EXPECT_EQ(path, dir / ".prismaflow-cache" / "ranking-features.bin");
  EXPECT_FALSE(load_feature_cache(path, "k1").has_value());  // no file yet
  ASSERT_TRUE(store_feature_cache(path, "k1", sample()));
  const auto hit = load_feature_cache(path, "k1");
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->record_ids, sample().record_ids);
  EXPECT_FALSE(load_feature_cache(path, "k2").has_value());  // stale: another key
  test::write_text(path, "k1\ngarbage");
  EXPECT_FALSE(load_feature_cache(path, "k1").has_value());  // damaged: rebuilt by the caller
}

}  // namespace
}  // namespace prismaflow::screen
