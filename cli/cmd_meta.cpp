// `prismaflow meta DATA.csv --measure M --method M [--test z|knha] [--level 95] [--json]`:
// pools a study-level CSV directly, like metafor from the shell. Its options
// and JSON are a contract other tools rely on; keep them.
#include <iostream>
#include <nlohmann/json.hpp>

#include "analyze/meta_analysis.hpp"
#include "analyze/meta_csv.hpp"
#include "analyze/meta_text.hpp"
#include "cli/command.hpp"
#include "cli/options.hpp"
#include "common/error.hpp"
#include "common/file.hpp"

namespace prismaflow::cli {
namespace {

struct MetaCommandOptions {
  std::string csv;
  analyze::MetaOptions meta;
  bool json = false;
  bool leave1out = false, egger = false, subgroups = false, robustness = false;
};

std::optional<MetaCommandOptions> parse_meta(const Args& args) {
  CommandSpec spec{"meta",
                   "prismaflow meta DATA.csv --measure RR|OR|RD|MD|SMD|GEN "
                   "--method FE|MH|PETO|DL|REML|PM|SJ|HE|ML|EB [--test z|knha] [--level 95] [--json]",
                   "Pools a CSV of study data as metafor 3.8 does. Header names are fixed:\n"
                   "  binary      study,events_t,total_t,events_c,total_c\n"
                   "  continuous  study,mean_t,sd_t,n_t,mean_c,sd_c,n_c\n"
                   "  generic     study,yi,vi   (yi on the analysis scale)\n"
                   "An optional 'subgroup' column may follow 'study'. With --json, estimates are on the\n"
                   "analysis scale (log for RR/OR); the text table shows the natural scale."};
  spec.options.add_options()
      ("csv", po::value<std::string>(), "study-level CSV file")
      ("measure", po::value<std::string>(), "effect measure: RR, OR, RD, MD, SMD (Hedges' g) or GEN")
      ("method", po::value<std::string>(), "FE, MH, PETO (fixed) or DL, REML, PM, SJ, HE, ML, EB (random)")
      ("test", po::value<std::string>()->default_value("z"), "z, or knha (Hartung-Knapp, t with k-1 df)")
      ("level", po::value<double>()->default_value(95), "confidence level in percent")
      ("json", "print JSON (the contract layout) instead of the table")
      ("leave1out", "leave-one-out refits (JSON: {\"omitted\": [...]})")
      ("egger", "Egger's regression test, rma and lm variants (JSON: {\"rma\", \"lm\"})")
      ("subgroups", "pool each subgroup and test for subgroup differences")
      ("robustness", "every estimator with both tests on the same data")
      ("help,h", "show this help");
  spec.positional.add("csv", 1);
  auto vm = parse_command(spec, args);
  if (!vm) return std::nullopt;
  auto need = [&](const char* name) {
    if (!vm->count(name))
      throw UsageError(std::string("prismaflow meta: --") + name + " is required; see 'prismaflow meta --help'");
    return (*vm)[name].as<std::string>();
  };
  MetaCommandOptions o;
  o.csv = need("csv");
  std::string measure = need("measure"), method = need("method"), test = (*vm)["test"].as<std::string>();
  auto m = analyze::parse_measure(measure);
  if (!m) throw UsageError("prismaflow meta: unknown --measure '" + measure + "'; use RR, OR, RD, MD, SMD or GEN");
  auto me = analyze::parse_method(method);
  if (!me)
    throw UsageError("prismaflow meta: unknown --method '" + method +
                     "'; use FE, MH, PETO, DL, REML, PM, SJ, HE, ML or EB");
  auto t = analyze::parse_test(test);
  if (!t) throw UsageError("prismaflow meta: unknown --test '" + test + "'; use z or knha");
  o.meta = {*m, *me, *t, (*vm)["level"].as<double>()};
  o.json = vm->count("json") > 0;
  o.leave1out = vm->count("leave1out") > 0;
  o.egger = vm->count("egger") > 0;
  o.subgroups = vm->count("subgroups") > 0;
  o.robustness = vm->count("robustness") > 0;
  int sections = o.leave1out + o.egger + o.subgroups + o.robustness;
  if (o.json && sections > 1)
    throw UsageError("prismaflow meta: with --json give one of --leave1out, --egger, --subgroups, --robustness");
  return o;
}

}  // namespace

int cmd_meta(const Args& args) {
  auto o = parse_meta(args);
  if (!o) return 0;
  auto rows = analyze::parse_meta_csv(read_file(o->csv), o->csv);
  // The main fit first: it validates the data and the method for the sections too.
  analyze::MetaResult result = analyze::run_meta(rows, o->meta, o->csv);
  if (o->json) {
    nlohmann::json j;
    if (o->leave1out) j = to_json(analyze::leave_one_out(rows, o->meta, o->csv));
    else if (o->egger) j = to_json(analyze::egger_test(rows, o->meta, o->csv));
    else if (o->subgroups) j = to_json(analyze::subgroup_analysis(rows, o->meta, o->csv));
    else if (o->robustness) j = to_json(analyze::robustness_table(rows, o->meta, o->csv));
    else j = to_json(result);
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  std::cout << analyze::format_meta_text(result);
  if (o->leave1out)
    std::cout << "\n" << analyze::format_leave_one_out_text(analyze::leave_one_out(rows, o->meta, o->csv), result);
  if (o->egger) std::cout << "\n" << analyze::format_egger_text(analyze::egger_test(rows, o->meta, o->csv));
  if (o->subgroups)
    std::cout << "\n" << analyze::format_subgroups_text(analyze::subgroup_analysis(rows, o->meta, o->csv));
  if (o->robustness)
    std::cout << "\n"
              << analyze::format_robustness_text(analyze::robustness_table(rows, o->meta, o->csv),
                                                 o->meta.measure, o->meta.level);
  return 0;
}

}  // namespace prismaflow::cli
