#include "fetch/esearch_xml.hpp"

#include <cstdlib>
#include <pugixml.hpp>

#include "common/error.hpp"

namespace prismaflow::fetch {
namespace {

std::string trimmed(const char* s) {
  std::string v = s;
  auto b = v.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  auto e = v.find_last_not_of(" \t\r\n");
  return v.substr(b, e - b + 1);
}

std::int64_t to_i64(const std::string& s) { return std::strtoll(s.c_str(), nullptr, 10); }

void collect_list(const pugi::xml_node& list, std::vector<std::string>& out) {
  for (pugi::xml_node e = list.first_child(); e; e = e.next_sibling()) {
    if (e.type() != pugi::node_element) continue;
    std::string text = trimmed(e.text().get());
    out.push_back(std::string(e.name()) + (text.empty() ? "" : ": " + text));
  }
}

}  // namespace

EsearchResult parse_esearch_xml(std::string_view xml, const std::string& where) {
  pugi::xml_document doc;
  auto ok = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!ok) {
    throw InputError(where, 0,
                     std::string("not well-formed esearch XML (") + ok.description() +
                         "); the reply was cut short or is not from E-utilities");
  }
  pugi::xml_node root = doc.child("eSearchResult");
  if (!root) {
    pugi::xml_node r = doc.document_element();
    throw InputError(where, 0,
                     std::string("expected an eSearchResult, found <") +
                         (r ? r.name() : "nothing") + ">");
  }
  EsearchResult out;
  if (pugi::xml_node c = root.child("Count")) {
    out.has_count = true;
    out.count = to_i64(trimmed(c.text().get()));
  }
  out.retmax = to_i64(trimmed(root.child("RetMax").text().get()));
  out.retstart = to_i64(trimmed(root.child("RetStart").text().get()));
  out.query_key = trimmed(root.child("QueryKey").text().get());
  out.webenv = trimmed(root.child("WebEnv").text().get());
  for (pugi::xml_node id : root.child("IdList").children("Id")) {
    std::string v = trimmed(id.text().get());
    if (!v.empty()) out.ids.push_back(std::move(v));
  }
  out.query_translation = trimmed(root.child("QueryTranslation").text().get());
  for (pugi::xml_node e : root.children("ERROR")) {
    std::string text = trimmed(e.text().get());
    if (!text.empty()) out.errors.push_back(std::move(text));
  }
  collect_list(root.child("ErrorList"), out.error_list);
  collect_list(root.child("WarningList"), out.warnings);
  return out;
}

}  // namespace prismaflow::fetch
