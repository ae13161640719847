#include "tests/fetch/fake_pubmed.hpp"

#include <algorithm>

namespace prismaflow::test {

std::string fake_article(const std::string& p) {
  return "<PubmedArticle><MedlineCitation Status=\"MEDLINE\" Owner=\"NLM\"><PMID Version=\"1\">" +
         p +
         "</PMID><Article PubModel=\"Print\"><Journal><ISSN IssnType=\"Print\">1234-5678</ISSN>"
         "<JournalIssue CitedMedium=\"Print\"><Volume>12</Volume><Issue>3</Issue><PubDate><Year>"
         "2021</Year><Month>Mar</Month></PubDate></JournalIssue><Title>Journal of Tests</Title>"
         "<ISOAbbreviation>J Tests</ISOAbbreviation></Journal><ArticleTitle>Trial " + p +
         " of <i>blinatumomab</i> in children.</ArticleTitle><Pagination><MedlinePgn>1-9"
         "</MedlinePgn></Pagination><ELocationID EIdType=\"doi\" ValidYN=\"Y\">10.1000/test." + p +
         "</ELocationID><Abstract><AbstractText Label=\"RESULTS\" NlmCategory=\"RESULTS\">"
         "Event-free survival &#x2265; 80&#xa0;%.</AbstractText></Abstract><AuthorList>"
         "<Author><LastName>Locatelli</LastName><ForeName>Franco</ForeName><Initials>F</Initials>"
         "</Author><Author><CollectiveName>Test Group</CollectiveName></Author></AuthorList>"
         "<Language>eng</Language><PublicationTypeList><PublicationType UI=\"D016449\">"
         "Randomized Controlled Trial</PublicationType></PublicationTypeList></Article>"
         "<MeshHeadingList><MeshHeading><DescriptorName UI=\"D000069286\" MajorTopicYN=\"Y\">"
         "Blinatumomab</DescriptorName></MeshHeading></MeshHeadingList></MedlineCitation>"
         "<PubmedData><ArticleIdList><ArticleId IdType=\"pubmed\">" + p +
         "</ArticleId></ArticleIdList></PubmedData></PubmedArticle>\n";
}

FakePubmed::FakePubmed(std::vector<std::string> pmids, long cap) : pmids_(std::move(pmids)), cap_(cap) {
  std::sort(pmids_.begin(), pmids_.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  });
}

HttpReply FakePubmed::handle(const HttpRequest& req) {
  int n = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    n = req.endpoint == "esearch.fcgi" ? ++n_esearch_ : ++n_efetch_;
  }
  if (fault) {
    if (auto r = fault(req, n)) return *r;
  }
  HttpReply r = req.endpoint == "esearch.fcgi"  ? esearch(req)
                : req.endpoint == "efetch.fcgi" ? efetch(req)
                                                : HttpReply{404, "not found"};
  r.latency_ms = latency_ms;
  return r;
}

namespace {
long param_long(const HttpRequest& req, const char* name, long fallback) {
  auto it = req.params.find(name);
  return it == req.params.end() || it->second.empty() ? fallback : std::stol(it->second);
}
}  // namespace

HttpReply FakePubmed::esearch(const HttpRequest& req) {
  std::string term = req.params.count("term") ? req.params.at("term") : "";
  std::vector<std::string> hits = pmids_;
  // "(query) AND lo:hi[uid]" slices, as the client sends them.
  auto at = term.rfind(") AND ");
  if (at != std::string::npos && term.size() > 5 && term.substr(term.size() - 5) == "[uid]") {
    std::string range = term.substr(at + 6, term.size() - 5 - at - 6);
    long lo = std::stol(range.substr(0, range.find(':')));
    long hi = std::stol(range.substr(range.find(':') + 1));
    hits.clear();
    for (const auto& p : pmids_)
      if (std::stol(p) >= lo && std::stol(p) <= hi) hits.push_back(p);
  }
  long retstart = param_long(req, "retstart", 0), retmax = param_long(req, "retmax", 20);
  if (retstart > cap_ - 1) {
    return {200, "<eSearchResult><ERROR>Search Backend failed: Exception: 'retstart' cannot be "
                 "larger than " + std::to_string(cap_ - 1) + ".</ERROR></eSearchResult>"};
  }
  retmax = std::min(retmax, cap_ - retstart);
  std::string body = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<eSearchResult><Count>" +
                     std::to_string(hits.size()) + "</Count><RetMax>";
  std::string ids;
  long shown = 0;
  // PubMed lists the newest first.
  for (long i = retstart; i < static_cast<long>(hits.size()) && shown < retmax; ++i, ++shown)
    ids += "<Id>" + hits[hits.size() - 1 - static_cast<std::size_t>(i)] + "</Id>\n";
  body += std::to_string(shown) + "</RetMax><RetStart>" + std::to_string(retstart) + "</RetStart>";
  if (req.params.count("usehistory")) body += "<QueryKey>1</QueryKey><WebEnv>" + std::string(kFakeWebEnv) + "</WebEnv>";
  body += "<IdList>\n" + ids + "</IdList><TranslationSet/><QueryTranslation>" + term +
          "[All Fields]</QueryTranslation></eSearchResult>\n";
  return {200, body};
}

HttpReply FakePubmed::efetch(const HttpRequest& req) {
  std::vector<std::string> want;
  if (req.params.count("id")) {
    const std::string& csv = req.params.at("id");
    std::size_t s = 0;
    while (s < csv.size()) {
      std::size_t e = csv.find(',', s);
      if (e == std::string::npos) e = csv.size();
      want.push_back(csv.substr(s, e - s));
      s = e + 1;
    }
  } else {
    long retstart = param_long(req, "retstart", 0), retmax = param_long(req, "retmax", 20);
    if (retstart > cap_ - 1) {
      return {400, "<eFetchResult><ERROR>Search backend cannot retrieve history data. Reason: "
                   "'retstart' cannot be larger than 9998</ERROR></eFetchResult>"};
    }
    for (long i = retstart; i < retstart + retmax && i < static_cast<long>(pmids_.size()); ++i)
      want.push_back(pmids_[pmids_.size() - 1 - static_cast<std::size_t>(i)]);
  }
  std::string body = "<?xml version=\"1.0\" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC \"-//NLM//DTD "
                     "PubMedArticle, 1st January 2025//EN\" \"https://dtd.nlm.nih.gov/ncbi/pubmed/"
                     "out/pubmed_250101.dtd\">\n<PubmedArticleSet>\n";
  for (const auto& p : want)
    if (std::binary_search(pmids_.begin(), pmids_.end(), p, [](const std::string& a, const std::string& b) {
          return a.size() != b.size() ? a.size() < b.size() : a < b;
        }))
      body += fake_article(p);
  body += "</PubmedArticleSet>\n";
  return {200, body};
}

}  // namespace prismaflow::test
