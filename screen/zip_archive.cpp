#include "screen/zip_archive.hpp"

#include <zlib.h>

#include <cstdint>

#include "common/error.hpp"

namespace prismaflow::screen {
namespace {

// Record layouts from PKWARE's APPNOTE.TXT, sections 4.3.7 (local header),
// 4.3.12 (central directory header) and 4.3.16 (end of central directory).
constexpr std::uint32_t kLocalSignature = 0x04034b50;
constexpr std::uint32_t kCentralSignature = 0x02014b50;
constexpr std::uint32_t kEndSignature = 0x06054b50;

struct Reader {
  std::string_view bytes;
  const std::string& where;
  void need(std::size_t at, std::size_t n) const {
    if (at > bytes.size() || n > bytes.size() - at)
      throw InputError(where, 0, "ZIP archive is truncated; download it again");
  }
  std::uint32_t u16(std::size_t at) const {
    need(at, 2);
    auto b = reinterpret_cast<const unsigned char*>(bytes.data() + at);
    return static_cast<std::uint32_t>(b[0] | (b[1] << 8));
  }
  std::uint32_t u32(std::size_t at) const { return u16(at) | (u16(at + 2) << 16); }
};

std::string inflate_raw(std::string_view in, std::size_t size, const std::string& where,
                        const std::string& name) {
  std::string out(size, '\0');
  z_stream z{};
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK) throw Error("zlib: cannot initialise inflate");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = inflate(&z, Z_FINISH);
  const auto produced = z.total_out;
  inflateEnd(&z);
  if (rc != Z_STREAM_END || produced != size)
    throw InputError(where, 0, "member " + name + " does not inflate to its recorded size; "
                               "the archive is corrupt");
  return out;
}

}  // namespace

std::vector<ZipMember> read_zip(std::string_view bytes, const std::string& where) {
  Reader r{bytes, where};
  // The end record sits in the last 22 + 65535 (comment) bytes.
  if (bytes.size() < 22) throw InputError(where, 0, "not a ZIP archive (too short)");
  std::size_t end = std::string_view::npos;
  const std::size_t lowest = bytes.size() > 22 + 65535 ? bytes.size() - 22 - 65535 : 0;
  for (std::size_t at = bytes.size() - 22 + 1; at-- > lowest;) {
    if (r.u32(at) == kEndSignature) {
      end = at;
      break;
    }
  }
  if (end == std::string_view::npos) throw InputError(where, 0, "not a ZIP archive (no end record)");
  const std::size_t count = r.u16(end + 10);
  std::size_t at = r.u32(end + 16);
  if (count == 0xFFFF || at == 0xFFFFFFFF)
    throw InputError(where, 0, "ZIP64 archives are not supported; re-pack it as plain ZIP");

  std::vector<ZipMember> members;
  for (std::size_t i = 0; i < count; ++i) {
    if (r.u32(at) != kCentralSignature)
      throw InputError(where, 0, "ZIP central directory is corrupt");
    const std::uint32_t flags = r.u16(at + 8), method = r.u16(at + 10);
    const std::uint32_t crc = r.u32(at + 16), packed = r.u32(at + 20), size = r.u32(at + 24);
    const std::size_t name_len = r.u16(at + 28), extra_len = r.u16(at + 30),
                      comment_len = r.u16(at + 32);
    const std::size_t local = r.u32(at + 42);
    r.need(at + 46, name_len);
    std::string name(bytes.substr(at + 46, name_len));
    at += 46 + name_len + extra_len + comment_len;
    if (!name.empty() && name.back() == '/') continue;  // a folder
    if (flags & 1) throw InputError(where, 0, "member " + name + " is encrypted");
    if (r.u32(local) != kLocalSignature)
      throw InputError(where, 0, "member " + name + ": local header is corrupt");
    const std::size_t data_at = local + 30 + r.u16(local + 26) + r.u16(local + 28);
    r.need(data_at, packed);
    std::string_view raw = bytes.substr(data_at, packed);
    std::string data;
    if (method == 0) data = std::string(raw);
    else if (method == 8) data = inflate_raw(raw, size, where, name);
    else
      throw InputError(where, 0, "member " + name + " uses compression method " +
                                     std::to_string(method) + "; only stored and deflate are read");
    const auto actual = crc32(0L, reinterpret_cast<const Bytef*>(data.data()),
                              static_cast<uInt>(data.size()));
    if (actual != crc) throw InputError(where, 0, "member " + name + " fails its CRC-32 check");
    members.push_back({std::move(name), std::move(data)});
  }
  return members;
}

}  // namespace prismaflow::screen
