// The single dispatch table (ninja's kTools[], osmium's register_commands).
#include <algorithm>

#include "cli/command.hpp"

namespace prismaflow::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"init", "create a review project (review.toml + review.db)", cmd_init},
      {"status", "show where the review stands", cmd_status},
      {"fetch", "run PubMed searches through E-utilities (update, resume, replay)", cmd_fetch},
      {"export", "write every record as CSV, RIS or JSON", cmd_export},
      {"import", "import another database's export (RIS, nbib, WoS, CSV, PubMed XML)", cmd_import},
      {"dedup", "find and merge duplicate records; review, export or undo merges", cmd_dedup},
      {"extract", "import, export and compare extracted outcome data, risk of bias and study characteristics", cmd_extract},
      {"meta", "pool a CSV of study data (like metafor from the shell)", cmd_meta},
      {"analyze", "pool every outcome of the protocol and store the results", cmd_analyze},
      {"screen", "screen records (interactive or batch), conflicts, agreement, automation", cmd_screen},
      {"study", "link reports (records) to studies", cmd_study},
      {"prisma", "PRISMA 2020 flow diagram counts: --json, --csv, --check, --svg", cmd_prisma},
      {"report", "write the HTML/Markdown report with the PRISMA diagram and forest plots", cmd_report},
      {"verify", "rebuild the report from the database and list files that differ", cmd_verify},
      {"help", "show help for a command", cmd_help},
  };
  return table;
}

const Command* find_command(std::string_view name) {
  for (const auto& c : commands())
    if (c.name == name) return &c;
  return nullptr;
}

namespace {
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}
}  // namespace

std::string suggest_command(std::string_view name) {
  std::string best;
  std::size_t best_d = 3;  // more than two edits away is no suggestion
  for (const auto& c : commands()) {
    std::size_t d = edit_distance(name, c.name);
    if (c.name.rfind(name, 0) == 0 && name.size() >= 2) d = 1;
    if (d < best_d) {
      best_d = d;
      best = c.name;
    }
  }
  return best;
}

}  // namespace prismaflow::cli
