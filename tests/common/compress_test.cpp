#include "common/compress.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"

namespace prismaflow {
namespace {

TEST(CompressTest, RoundTripsAndShrinksRepetitiveText) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "<PubmedArticle>record</PubmedArticle>\n";
  std::string frame = zstd_compress(text);
  EXPECT_LT(frame.size(), text.size() / 10);
  EXPECT_EQ(zstd_decompress(frame), text);
  EXPECT_EQ(zstd_decompress(zstd_compress("")), "");
}

TEST(CompressTest, CorruptFrameIsADbError) {
  EXPECT_THROW(zstd_decompress("not a frame"), DbError);
}

}  // namespace
}  // namespace prismaflow
