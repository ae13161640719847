// Content hashes: SHA-256 from OpenSSL's libcrypto, printed as lower-case hex.
// Used to recognise a re-imported file, to fingerprint PMID lists and to stamp
// reports with the database content they came from.
#pragma once

#include <string>
#include <string_view>

namespace prismaflow {

/// SHA-256 of `bytes` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

/// Incremental SHA-256 for content assembled piece by piece.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view bytes);
  /// Finishes the hash; the object must not be updated afterwards.
  std::string hex();

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace prismaflow
