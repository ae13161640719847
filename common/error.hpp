// The error hierarchy shared by every stage. Errors are exceptions, thrown where
// the problem is found and caught once in cli/main.cpp, which maps them to exit
// codes: UsageError -> 2, every other Error -> 1. Messages follow the house form
// "where: what is wrong; what to do".
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace prismaflow {

/// Base of every error prismaflow reports to a user.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The command line is wrong (unknown option, missing argument). Exit code 2.
class UsageError : public Error {
 public:
  using Error::Error;
};

/// An input file or record is wrong. The message is prefixed with
/// "file:line: " (or "file: record R: ") so a user can find the place.
class InputError : public Error {
 public:
  /// `where` is a file name, `line` 0 when no line applies.
  InputError(const std::string& where, std::size_t line, const std::string& what)
      : Error(format(where, line, what)), where_(where), line_(line) {}
  explicit InputError(const std::string& what) : Error(what) {}

  const std::string& where() const { return where_; }
  std::size_t line() const { return line_; }

 private:
  static std::string format(const std::string& where, std::size_t line,
                            const std::string& what) {
    // Appends one piece at a time: GCC 12 at -O3 reports a false -Wrestrict
    // for `out + what` chains here.
    std::string out;
    out.append(where);
    if (line > 0) {
      out.append(":");
      out.append(std::to_string(line));
    }
    if (!out.empty()) out.append(": ");
    out.append(what);
    return out;
  }
  std::string where_;
  std::size_t line_ = 0;
};

/// A remote service could not be reached or kept failing after retries.
class NetworkError : public Error {
 public:
  using Error::Error;
};

/// The review database is missing, locked, corrupt or of a newer schema.
class DbError : public Error {
 public:
  using Error::Error;
};

/// The review's protocol (review.toml) or project layout is wrong.
class ConfigError : public Error {
 public:
  using Error::Error;
};

}  // namespace prismaflow
