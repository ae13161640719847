// Turning an export file's bytes into UTF-8 text. Databases write their
// exports in UTF-8 with or without a BOM, UTF-16 (EndNote, some Windows
// tools) or Windows-1252 / Latin-1 (older Ovid and EBSCO exports). Everything
// after this step works on UTF-8 only.
#pragma once

#include <string>
#include <string_view>

namespace prismaflow::fetch {

/// The encoding decode_to_utf8() found.
enum class TextEncoding { kUtf8, kUtf8Bom, kUtf16Le, kUtf16Be, kWindows1252 };

/// A short name for messages and import_files ("utf-8", "utf-16le", ...).
const char* encoding_name(TextEncoding encoding);

struct DecodedText {
  std::string text;  ///< UTF-8 without BOM; CRLF and lone CR turned into LF
  TextEncoding encoding = TextEncoding::kUtf8;
};

/// Decodes `bytes`: a UTF-8/UTF-16 BOM decides; UTF-16 without a BOM is
/// recognised by its zero bytes; valid UTF-8 stays; anything else is read as
/// Windows-1252 (a superset of Latin-1 for the printable range).
/// Throws InputError(where, 0, ...) when the file is empty or binary (NUL or
/// control bytes that no text export contains), naming what to do.
DecodedText decode_to_utf8(std::string_view bytes, const std::string& where);

/// True when `bytes` is well-formed UTF-8.
bool is_valid_utf8(std::string_view bytes);

}  // namespace prismaflow::fetch
