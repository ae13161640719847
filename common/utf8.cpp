#include "common/utf8.hpp"

#include <utf8proc.h>

namespace prismaflow {

void append_utf8(std::string& out, std::uint32_t cp) {
  utf8proc_uint8_t buf[4];
  if (!utf8proc_codepoint_valid(static_cast<utf8proc_int32_t>(cp))) cp = 0xFFFD;
  utf8proc_ssize_t n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

}  // namespace prismaflow
