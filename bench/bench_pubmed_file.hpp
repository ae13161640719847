// The efetch-format file fetch_parse_bench times: N PubMed records made from
// the hand-written templates in bench/data/pubmed_templates.xml, each filled
// from its PMID (text, authors, MeSH, keywords), so that records differ as
// real ones do. The same N gives the same bytes on every machine.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace prismaflow::bench {

/// How an efetch reply begins, up to and including <PubmedArticleSet>: the
/// bench file's head, and each reply the bench's transport cuts from it.
inline constexpr const char* kEfetchHead =
    "<?xml version=\"1.0\" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC \"-//NLM//DTD PubMedArticle, "
    "1st January 2025//EN\" \"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd\">\n"
    "<PubmedArticleSet>\n";

/// The PubmedArticle templates of `file`, in order.
std::vector<std::string> read_templates(const std::filesystem::path& file);

/// Template `t` with every placeholder filled for `pmid`.
std::string fill_template(const std::string& t, long pmid);

/// Writes `path`: an efetch reply (PubmedArticleSet) of `n` records with
/// PMIDs first_pmid, first_pmid + 1, ..., record i from template
/// i mod 10 by the 4:3:1:1:1 mix the template file describes.
void write_bench_file(const std::filesystem::path& path, const std::vector<std::string>& templates,
                      long n, long first_pmid);

}  // namespace prismaflow::bench
