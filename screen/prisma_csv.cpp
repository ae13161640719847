#include "screen/prisma_csv.hpp"

#include <nlohmann/json.hpp>

#include "common/csv.hpp"

namespace prismaflow::screen {
namespace {

nlohmann::json named_json(const std::vector<NamedCount>& v) {
  auto arr = nlohmann::json::array();
  for (const auto& nc : v) arr.push_back({{"name", nc.name}, {"n", nc.n}});
  return arr;
}

}  // namespace

std::string format_named_counts(const std::vector<NamedCount>& counts) {
  std::string out;
  for (const auto& nc : counts) {
    if (!out.empty()) out += "; ";
    out += nc.name + ", " + std::to_string(nc.n);
  }
  return out;
}

std::string prisma_json(const PrismaCounts& c) {
  nlohmann::ordered_json j;
  j["updated_review"] = c.updated_review;
  j["other_methods"] = c.other_methods;
  j["previous_studies"] = c.previous_studies;
  j["previous_reports"] = c.previous_reports;
  j["database_results"] = c.database_results;
  j["database_specific_results"] = named_json(c.databases);
  j["register_results"] = c.register_results;
  j["register_specific_results"] = named_json(c.registers);
  j["website_results"] = c.website_results;
  j["organisation_results"] = c.organisation_results;
  j["citations_results"] = c.citations_results;
  j["other_sources"] = named_json(c.other_sources);
  j["duplicates"] = c.duplicates;
  j["excluded_automatic"] = c.excluded_automatic;
  j["excluded_other"] = c.excluded_other;
  j["records_screened"] = c.records_screened;
  j["records_excluded"] = c.records_excluded;
  j["records_excluded_human"] = c.records_excluded_human;
  j["records_excluded_automation"] = c.records_excluded_automation;
  j["dbr_sought_reports"] = c.dbr_sought_reports;
  j["dbr_notretrieved_reports"] = c.dbr_notretrieved_reports;
  j["other_sought_reports"] = c.other_sought_reports;
  j["other_notretrieved_reports"] = c.other_notretrieved_reports;
  j["dbr_assessed"] = c.dbr_assessed;
  j["dbr_excluded"] = named_json(c.dbr_excluded);
  j["other_assessed"] = c.other_assessed;
  j["other_excluded"] = named_json(c.other_excluded);
  j["new_studies"] = c.new_studies;
  j["new_reports"] = c.new_reports;
  j["total_studies"] = c.total_studies;
  j["total_reports"] = c.total_reports;
  j["total_studies_ma"] = c.total_studies_ma;
  j["total_reports_ma"] = c.total_reports_ma;
  return j.dump(2) + "\n";
}

std::string prisma_csv(const PrismaCounts& c) {
  struct Line {
    const char* data;
    const char* node;
    const char* box;
    const char* text;  // the PRISMA 2020 box label (Page et al. 2021, Fig 1)
    std::string n;
  };
  auto n = [](std::int64_t v) { return std::to_string(v); };
  const std::vector<Line> lines = {
      {"NA", "node4", "prevstud", "Previous studies", "0"},
      {"previous_studies", "node5", "box1", "Studies included in previous version of review", n(c.previous_studies)},
      {"previous_reports", "NA", "box1", "Reports of studies included in previous version of review", n(c.previous_reports)},
      {"NA", "node6", "newstud", c.updated_review ? "Identification of new studies via databases and registers" : "Identification of studies via databases and registers", "0"},
      {"database_results", "node7", "box2", "Databases", n(c.database_results)},
      {"database_specific_results", "NA", "box2", "Databases", format_named_counts(c.databases)},
      {"register_results", "NA", "box2", "Registers", n(c.register_results)},
      {"register_specific_results", "NA", "box2", "Registers", format_named_counts(c.registers)},
      {"NA", "node16", "othstud", c.updated_review ? "Identification of new studies via other methods" : "Identification of studies via other methods", "0"},
      {"website_results", "node17", "box11", "Websites", n(c.website_results)},
      {"organisation_results", "NA", "box11", "Organisations", n(c.organisation_results)},
      {"citations_results", "NA", "box11", "Citation searching", n(c.citations_results)},
      {"duplicates", "node8", "box3", "Duplicate records removed", n(c.duplicates)},
      {"excluded_automatic", "NA", "box3", "Records marked as ineligible by automation tools", n(c.excluded_automatic)},
      {"excluded_other", "NA", "box3", "Records removed for other reasons", n(c.excluded_other)},
      {"records_screened", "node9", "box4", "Records screened", n(c.records_screened)},
      {"records_excluded", "node10", "box5", "Records excluded", n(c.records_excluded)},
      {"dbr_sought_reports", "node11", "box6", "Reports sought for retrieval", n(c.dbr_sought_reports)},
      {"dbr_notretrieved_reports", "node12", "box7", "Reports not retrieved", n(c.dbr_notretrieved_reports)},
      {"other_sought_reports", "node18", "box12", "Reports sought for retrieval", n(c.other_sought_reports)},
      {"other_notretrieved_reports", "node19", "box13", "Reports not retrieved", n(c.other_notretrieved_reports)},
      {"dbr_assessed", "node13", "box8", "Reports assessed for eligibility", n(c.dbr_assessed)},
      {"dbr_excluded", "node14", "box9", "Reports excluded", format_named_counts(c.dbr_excluded)},
      {"other_assessed", "node20", "box14", "Reports assessed for eligibility", n(c.other_assessed)},
      {"other_excluded", "node21", "box15", "Reports excluded", format_named_counts(c.other_excluded)},
      {"new_studies", "node15", "box10", c.updated_review ? "New studies included in review" : "Studies included in review", n(c.new_studies)},
      {"new_reports", "NA", "box10", c.updated_review ? "Reports of new included studies" : "Reports of included studies", n(c.new_reports)},
      {"total_studies", "node22", "box16", "Total studies included in review", n(c.total_studies)},
      {"total_reports", "NA", "box16", "Reports of total included studies", n(c.total_reports)},
      {"total_studies_ma", "NA", "box16", "Total studies included in meta-analysis", n(c.total_studies_ma)},
      {"total_reports_ma", "NA", "box16", "Reports of total included studies in meta-analysis", n(c.total_reports_ma)},
      {"identification", "node1", "identification", "Identification", "0"},
      {"screening", "node2", "screening", "Screening", "0"},
      {"included", "node3", "included", "Included", "0"},
  };
  std::string out = csv::format_row({"data", "node", "box", "description", "boxtext", "tooltips", "url", "n"});
  for (const auto& l : lines) {
    std::string data = l.data;
    std::string url = data == "NA" ? "NA" : data + ".html";
    out += csv::format_row({data, l.node, l.box, l.text, l.text, l.text, url, l.n});
  }
  return out;
}

std::string format_violations(const std::vector<Violation>& violations) {
  std::string out;
  for (const auto& v : violations) {
    out += v.column + ": " + v.identity + " does not hold: expected " +
           std::to_string(v.expected) + ", counted " + std::to_string(v.actual) + "\n";
    if (!v.records.empty()) {
      out += "  " + std::to_string(v.records.size()) + " record(s) " + v.why + ":";
      std::size_t shown = 0;
      for (auto id : v.records) {
        if (++shown > 50) {
          out += " ...";
          break;
        }
        out += " " + std::to_string(id);
      }
      out += "\n";
    }
  }
  return out;
}

}  // namespace prismaflow::screen
