// rsvg-convert as a child process (see svg_convert.hpp). The program is run
// with posix_spawnp and an argument vector, never through a shell, so file
// names need no quoting.
#include "report/svg_convert.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "common/error.hpp"
#include "common/file.hpp"

extern char** environ;

namespace prismaflow::report {
namespace {

constexpr const char* kProgram = "rsvg-convert";

std::string lower_extension(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

// A private temporary file removed when this object goes.
struct TempFile {
  std::filesystem::path path;
  explicit TempFile(const std::string& bytes) {
    std::string templ = (std::filesystem::temp_directory_path() / "prismaflow-XXXXXX.svg").string();
    int fd = mkstemps(templ.data(), 4);
    if (fd < 0) throw Error("cannot create a temporary file in " + std::filesystem::temp_directory_path().string());
    close(fd);
    path = templ;
    write_file_atomic(path, bytes);
  }
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
};

}  // namespace

bool svg_convert_available() {
  const char* path_env = std::getenv("PATH");
  std::string paths = path_env ? path_env : "/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= paths.size()) {
    std::size_t end = paths.find(':', start);
    if (end == std::string::npos) end = paths.size();
    std::filesystem::path candidate =
        std::filesystem::path(paths.substr(start, end - start).empty() ? "." : paths.substr(start, end - start)) /
        kProgram;
    if (access(candidate.c_str(), X_OK) == 0) return true;
    start = end + 1;
  }
  return false;
}

void convert_svg(const std::string& svg, const std::filesystem::path& out) {
  const std::string ext = lower_extension(out);
  if (ext == ".svg") {
    write_file_atomic(out, svg);
    return;
  }
  if (ext != ".png" && ext != ".pdf") {
    throw UsageError(out.string() + ": cannot tell the figure format from the extension '" + ext +
                     "'; use .svg, .png or .pdf");
  }
  if (!svg_convert_available()) {
    throw Error(out.string() + ": writing " + ext.substr(1) +
                " needs rsvg-convert, which is not installed; install it with "
                "'apt-get install librsvg2-bin', or write .svg instead");
  }
  TempFile in(svg);
  std::string format = ext.substr(1);
  std::string out_s = out.string(), in_s = in.path.string();
  std::vector<char*> argv = {const_cast<char*>(kProgram), const_cast<char*>("-f"), format.data(),
                             const_cast<char*>("-o"), out_s.data(), in_s.data(), nullptr};
  pid_t pid = 0;
  if (posix_spawnp(&pid, kProgram, nullptr, nullptr, argv.data(), environ) != 0) {
    throw Error(out.string() + ": could not start rsvg-convert");
  }
  int status = 0;
  if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw Error(out.string() + ": rsvg-convert failed to convert the figure (exit status " +
                std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
  }
}

}  // namespace prismaflow::report
