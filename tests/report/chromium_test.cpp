// The HTML report opened in headless Chromium: it must render with no
// console errors, and a screenshot is taken. Skipped with a message when
// chromium is not installed (scripts/install-deps.sh --with-test-extras).
#include <gtest/gtest.h>

#include <cmath>

#include "common/file.hpp"
#include "report/report_data.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::report {
namespace {

std::string find_chromium() {
  for (const char* p : {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"})
    if (std::filesystem::exists(p)) return p;
  return "";
}

TEST(ReportInChromium, RendersWithoutConsoleErrors) {
  const std::string chromium = find_chromium();
  if (chromium.empty()) GTEST_SKIP() << "chromium is not installed: skipping the browser check of the HTML report";
  test::TempDir tmp;
  ReportData d;
  d.protocol.title = "Browser check <script>window.onload=()=>{throw 1}</script>";
  d.prisma.databases = {{"PubMed", 10}};
  d.prisma.database_results = 10;
  OutcomeReport o;
  o.name = "dfs";
  o.label = "DFS";
  o.measure = "RR";
  ForestRow r;
  r.label = "A";
  r.yi = std::log(0.6), r.ci_lower = std::log(0.4), r.ci_upper = std::log(0.9), r.weight_percent = 100;
  o.forest.groups = {{"", {r}, std::nullopt}};
  d.outcomes = {o};
  d.software_version = "test";
  for (const auto& f : render_report(d)) {
    std::filesystem::create_directories((tmp / f.path).parent_path());
    write_file_atomic(tmp / f.path, f.content);
  }
  const auto png = tmp / "shot.png";
  auto res = test::run_command({chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                                "--disable-sync", "--user-data-dir=" + (tmp / "profile").string(),
                                "--enable-logging=stderr", "--v=0", "--window-size=1280,2400",
                                "--screenshot=" + png.string(), "file://" + (tmp / "report.html").string()});
  ASSERT_EQ(res.exit_code, 0) << res.err;
  // Chromium logs page console messages as "...:CONSOLE(line)] message".
  EXPECT_EQ(res.err.find(":CONSOLE("), std::string::npos) << res.err;
  EXPECT_EQ(res.err.find("Uncaught"), std::string::npos) << res.err;
  ASSERT_TRUE(std::filesystem::exists(png)) << res.err;
  EXPECT_GT(std::filesystem::file_size(png), 10000u) << "the screenshot should show the rendered report";
}

}  // namespace
}  // namespace prismaflow::report
