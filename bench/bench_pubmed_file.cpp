#include "bench/bench_pubmed_file.hpp"

#include <array>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "common/file.hpp"

namespace prismaflow::bench {
namespace {

// Words of abstracts, names and terms: enough that text neither repeats
// record to record nor compresses better than real abstracts do.
constexpr std::array kWords = {
    "patients", "children", "adults", "randomized", "trial", "treatment", "therapy", "outcome",
    "survival", "disease", "leukemia", "lymphoblastic", "acute", "relapse", "remission", "minimal",
    "residual", "response", "chemotherapy", "immunotherapy", "antibody", "bispecific", "cells",
    "cohort", "study", "analysis", "results", "methods", "compared", "increased", "decreased",
    "significant", "hazard", "ratio", "confidence", "interval", "median", "follow-up", "months",
    "years", "event-free", "overall", "toxicity", "adverse", "events", "grade", "neurotoxicity",
    "cytokine", "release", "syndrome", "infection", "mortality", "risk", "stratified", "arm",
    "placebo", "control", "group", "dose", "infusion", "cycle", "induction", "consolidation",
    "maintenance", "transplant", "marrow", "blood", "peripheral", "expression", "receptor",
    "protein", "gene", "mutation", "pathway", "signalling", "clinical", "efficacy", "safety",
    "primary", "secondary", "endpoint", "assessment", "measured", "observed", "associated",
    "higher", "lower", "among", "between", "within", "during", "after", "before", "baseline",
    "enrolled", "eligible", "criteria", "inclusion", "exclusion", "protocol", "centre",
    "multicentre", "international", "national", "registry", "database", "population", "sample",
    "size", "power", "estimate", "effect", "pooled", "heterogeneity", "random", "fixed", "model",
    "sensitivity", "subgroup", "age", "sex", "weight", "score", "scale", "quality", "life",
    "questionnaire", "symptoms", "severity", "duration", "onset", "diagnosis", "prognosis",
    "biomarker", "assay", "flow", "cytometry", "sequencing", "molecular", "genomic", "tumour",
    "malignancy", "haematological", "paediatric", "infant", "adolescent", "young", "elderly",
    "hospital", "admission", "discharge", "intensive", "care", "unit", "costs", "resource",
    "utilisation", "economic", "evaluation", "incremental", "benefit", "harm", "evidence",
    "guideline", "recommendation", "practice", "standard", "novel", "approach", "strategy",
    "combination", "monotherapy", "versus", "plus", "alone", "with", "without", "the", "of",
    "and", "in", "to", "a", "for", "was", "were", "is", "by", "on", "from", "that", "this",
    "these", "we", "our", "not", "no", "all", "both", "each", "more", "less", "than", "as"};
constexpr std::array kSurnames = {
    "Smith", "Garcia", "Nguyen", "Kowalski", "Rossi", "Müller", "Dubois", "Jensen", "Tanaka",
    "Kim", "Patel", "Okafor", "Silva", "Cohen", "Ivanova", "Larsen", "O'Brien", "van der Berg",
    "Schmidt", "Fernández", "Novak", "Horváth", "Andersson", "Nakamura", "Chen", "Wang", "Li",
    "Zhang", "Singh", "Kumar", "Hassan", "Ali", "Moreau", "Bianchi", "Costa", "Pereira",
    "Johansson", "Virtanen", "Papadopoulos", "Yilmaz", "Murphy", "Walsh", "Brown", "Taylor",
    "Wilson", "Martin", "Thompson", "Lefebvre", "Nielsen", "Hoffmann"};
constexpr std::array kForeNames = {
    "Anna", "James", "Maria", "Wei", "Sofia", "Lucas", "Emma", "Hiroshi", "Fatima", "Olga",
    "Pierre", "Giulia", "Lars", "Aisha", "Carlos", "Mei", "David", "Ines", "Jan", "Priya",
    "Tomás", "Eva", "Sean", "Yuki", "Ahmed", "Chloé", "Marco", "Ingrid", "Ravi", "Zofia"};
constexpr std::array kPlaces = {
    "Department of Pediatrics, University Hospital, Boston, MA, USA.",
    "Children's Cancer Research Institute, Vienna, Austria.",
    "Division of Hematology and Oncology, Hospital for Sick Children, Toronto, Canada.",
    "Princess Máxima Center for Pediatric Oncology, Utrecht, The Netherlands.",
    "Department of Haematology, Great Ormond Street Hospital, London, UK.",
    "Université Paris Cité, Hôpital Robert Debré, Paris, France.",
    "Department of Clinical Medicine, Aarhus University, Aarhus, Denmark.",
    "St. Jude Children's Research Hospital, Memphis, TN, USA."};
struct Mesh {
  const char* ui;
  const char* name;
};
constexpr Mesh kMesh[] = {
    {"D006801", "Humans"}, {"D002648", "Child"}, {"D007223", "Infant"},
    {"D000293", "Adolescent"}, {"D008297", "Male"}, {"D005260", "Female"},
    {"D054198", "Precursor Cell Lymphoblastic Leukemia-Lymphoma"},
    {"D000911", "Antibodies, Monoclonal"}, {"D000971", "Antineoplastic Combined Chemotherapy Protocols"},
    {"D018572", "Disease-Free Survival"}, {"D016896", "Treatment Outcome"},
    {"D012008", "Recurrence"}, {"D018365", "Neoplasm, Residual"}, {"D012074", "Remission Induction"},
    {"D016032", "Randomized Controlled Trials as Topic"}, {"D015331", "Cohort Studies"},
    {"D011379", "Prognosis"}, {"D016019", "Survival Analysis"}, {"D006084", "Graft vs Host Disease"},
    {"D016026", "Bone Marrow Transplantation"}, {"D007167", "Immunotherapy"},
    {"D000069285", "Antibodies, Bispecific"}, {"D002999", "Clinical Protocols"},
    {"D015996", "Survival Rate"}, {"D009369", "Neoplasms"}};
constexpr Mesh kQualifiers[] = {
    {"Q000188", "drug therapy"}, {"Q000627", "therapeutic use"}, {"Q000009", "adverse effects"},
    {"Q000401", "mortality"}, {"Q000473", "pathology"}, {"Q000235", "genetics"},
    {"Q000628", "therapy"}, {"Q000097", "blood"}};

// A small fixed-seed generator (splitmix64): the same stream everywhere.
struct Stream {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  template <class A>
  const auto& pick(const A& a) { return a[next() % std::size(a)]; }
};

std::string words(Stream& r, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    if (i) out += ' ';
    out += r.pick(kWords);
  }
  return out;
}

std::string authors(Stream& r, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    std::string fore = r.pick(kForeNames);
    out += "<Author ValidYN=\"Y\"><LastName>" + std::string(r.pick(kSurnames)) + "</LastName><ForeName>" +
           fore + "</ForeName><Initials>" + fore.substr(0, 1) + "</Initials>";
    if (r.next() % 4 == 0)
      out += "<Identifier Source=\"ORCID\">0000-000" + std::to_string(r.next() % 10) + "-" +
             std::to_string(1000 + r.next() % 9000) + "-" + std::to_string(1000 + r.next() % 9000) + "</Identifier>";
    out += "<AffiliationInfo><Affiliation>" + std::string(r.pick(kPlaces)) + "</Affiliation></AffiliationInfo></Author>";
  }
  return out;
}

std::string mesh(Stream& r, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    const Mesh& m = r.pick(kMesh);
    out += std::string("<MeshHeading><DescriptorName UI=\"") + m.ui + "\" MajorTopicYN=\"" +
           (r.next() % 5 == 0 ? "Y" : "N") + "\">" + m.name + "</DescriptorName>";
    for (std::uint64_t q = r.next() % 3; q > 0; --q) {
      const Mesh& qu = r.pick(kQualifiers);
      out += std::string("<QualifierName UI=\"") + qu.ui + "\" MajorTopicYN=\"N\">" + qu.name + "</QualifierName>";
    }
    out += "</MeshHeading>";
  }
  return out;
}

std::string keywords(Stream& r, int n) {
  std::string out;
  for (int i = 0; i < n; ++i)
    out += "<Keyword MajorTopicYN=\"N\">" + words(r, 1 + static_cast<int>(r.next() % 3)) + "</Keyword>";
  return out;
}

}  // namespace

std::vector<std::string> read_templates(const std::filesystem::path& file) {
  const std::string text = read_file(file);
  std::vector<std::string> out;
  const std::string open = "<PubmedArticle>", close = "</PubmedArticle>";
  for (auto at = text.find(open); at != std::string::npos; at = text.find(open, at)) {
    auto end = text.find(close, at);
    if (end == std::string::npos) throw std::runtime_error(file.string() + ": unclosed PubmedArticle");
    out.push_back(text.substr(at, end + close.size() - at));
    at = end;
  }
  if (out.size() != 5) throw std::runtime_error(file.string() + ": expected 5 templates");
  return out;
}

std::string fill_template(const std::string& t, long pmid) {
  Stream r{static_cast<std::uint64_t>(pmid) * 7919u};
  const std::string p = std::to_string(pmid), year = std::to_string(1995 + pmid % 30);
  std::string out;
  out.reserve(t.size() * 3);
  for (std::size_t i = 0; i < t.size();) {
    if (t[i] != '@') {
      out += t[i++];
      continue;
    }
    const auto end = t.find('@', i + 1);
    const std::string tag = t.substr(i + 1, end - i - 1);
    const auto colon = tag.find(':');
    const std::string name = tag.substr(0, colon);
    const int n = colon == std::string::npos ? 0 : std::stoi(tag.substr(colon + 1));
    if (name == "PMID") out += p;
    else if (name == "YEAR") out += year;
    else if (name == "WORDS") out += words(r, n);
    else if (name == "AUTHORS") out += authors(r, n);
    else if (name == "MESH") out += mesh(r, n);
    else if (name == "KEYWORDS") out += keywords(r, n);
    else throw std::runtime_error("unknown template placeholder @" + tag + "@");
    i = end + 1;
  }
  return out;
}

void write_bench_file(const std::filesystem::path& path, const std::vector<std::string>& templates,
                      long n, long first_pmid) {
  // Record i mod 10 -> template: 4 trials, 3 reviews, a letter and two
  // records with inline markup.
  constexpr std::array<int, 10> kMix = {0, 0, 0, 0, 1, 1, 1, 2, 3, 4};
  std::ofstream out(path, std::ios::binary);
  out << kEfetchHead;
  for (long i = 0; i < n; ++i)
    out << fill_template(templates.at(static_cast<std::size_t>(kMix[static_cast<std::size_t>(i % 10)])),
                         first_pmid + i)
        << "\n";
  out << "</PubmedArticleSet>\n";
  if (!out) throw std::runtime_error(path.string() + ": could not write the bench file");
}

}  // namespace prismaflow::bench
