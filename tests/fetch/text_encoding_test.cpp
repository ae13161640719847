#include "fetch/text_encoding.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "tests/support/expect_throw_msg.hpp"

namespace prismaflow::fetch {
namespace {

TEST(TextEncodingTest, Utf8BomIsStrippedAndCrlfBecomesLf) {
  auto d = decode_to_utf8("\xEF\xBB\xBFTY  - JOUR\r\nER  - \r\n", "a.ris");
  EXPECT_EQ(d.text, "TY  - JOUR\nER  - \n");
  EXPECT_EQ(d.encoding, TextEncoding::kUtf8Bom);
}

TEST(TextEncodingTest, Utf16LittleEndianWithBom) {
  std::string bytes("\xFF\xFE", 2);
  for (char c : std::string("TI  - M")) bytes += std::string{c, '\0'};
  bytes += std::string("\xFC\x00", 2);  // u-umlaut
  auto d = decode_to_utf8(bytes, "a.ris");
  EXPECT_EQ(d.text, "TI  - M\xC3\xBC");
  EXPECT_EQ(d.encoding, TextEncoding::kUtf16Le);
}

TEST(TextEncodingTest, Utf16BigEndianWithoutBomIsRecognisedByItsZeros) {
  std::string bytes;
  for (char c : std::string("TY  - JOUR\nER  - \n")) bytes += std::string{'\0', c};
  auto d = decode_to_utf8(bytes, "a.ris");
  EXPECT_EQ(d.text, "TY  - JOUR\nER  - \n");
  EXPECT_EQ(d.encoding, TextEncoding::kUtf16Be);
}

TEST(TextEncodingTest, Windows1252BytesBecomeUtf8) {
  // 0xE9 = e-acute (Latin-1), 0x93/0x94 = curly quotes (Windows-1252 only)
  auto d = decode_to_utf8("Caf\xE9 \x93quoted\x94", "a.ris");
  EXPECT_EQ(d.text, "Caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D");
  EXPECT_EQ(d.encoding, TextEncoding::kWindows1252);
}

TEST(TextEncodingTest, ValidUtf8IsKept) {
  EXPECT_TRUE(is_valid_utf8("M\xC3\xBCller"));
  EXPECT_FALSE(is_valid_utf8("M\xFCller"));
  EXPECT_FALSE(is_valid_utf8("\xC3"));
}

TEST(TextEncodingTest, EmptyAndBinaryFilesAreRefused) {
  EXPECT_THROW_MSG(decode_to_utf8("", "e.ris"), InputError, "e.ris: the file is empty");
  EXPECT_THROW_MSG(decode_to_utf8(" \r\n\n", "e.ris"), InputError, "empty");
  std::string png("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\x01\x02\x03\x04\x05\x06\x07\x08", 25);
  EXPECT_THROW_MSG(decode_to_utf8(png, "pic.ris"), InputError, "pic.ris: this is a binary file");
}

}  // namespace
}  // namespace prismaflow::fetch
