// Reading the members of a ZIP archive held in memory (SYNERGY ships its
// OpenAlex works as works_1.zip). Stored and deflated members are supported,
// with their CRC-32 checked; ZIP64 and encrypted archives are refused.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace prismaflow::screen {

struct ZipMember {
  std::string name;
  std::string data;
};

/// Every file member of the archive `bytes`, in central-directory order.
/// `where` names the archive in errors. Throws InputError when the archive is
/// truncated, corrupt, encrypted, ZIP64 or uses another compression method.
std::vector<ZipMember> read_zip(std::string_view bytes, const std::string& where);

}  // namespace prismaflow::screen
