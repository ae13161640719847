#include "fetch/eutils_client.hpp"

#include <curl/curl.h>

#include <cctype>
#include <cstdlib>
#include <mutex>

#include "common/error.hpp"

namespace prismaflow::fetch {
namespace {

std::once_flag g_curl_init;

size_t on_body(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
  std::string line(data, size * n);
  auto* retry_after = static_cast<double*>(user);
  constexpr std::string_view kName = "retry-after:";
  if (line.size() > kName.size()) {
    std::string head;
    for (std::size_t i = 0; i < kName.size(); ++i)
      head += static_cast<char>(std::tolower(static_cast<unsigned char>(line[i])));
    // Only the delta-seconds form; NCBI does not send HTTP dates here.
    if (head == kName) *retry_after = std::strtod(line.c_str() + kName.size(), nullptr);
  }
  return size * n;
}

}  // namespace

struct EutilsClient::Impl {
  EutilsClientOptions options;
  CURL* curl = nullptr;
  std::string escape(const std::string& s) {
    char* e = curl_easy_escape(curl, s.data(), static_cast<int>(s.size()));
    std::string out = e ? e : "";
    curl_free(e);
    return out;
  }
};

EutilsClient::EutilsClient(EutilsClientOptions options) : impl_(std::make_unique<Impl>()) {
  std::call_once(g_curl_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  impl_->options = std::move(options);
  if (!impl_->options.base_url.empty() && impl_->options.base_url.back() != '/')
    impl_->options.base_url += '/';
  impl_->curl = curl_easy_init();
  if (!impl_->curl) throw NetworkError("cannot initialise libcurl");
}

EutilsClient::~EutilsClient() {
  if (impl_ && impl_->curl) curl_easy_cleanup(impl_->curl);
}

EutilsResponse EutilsClient::send(const EutilsRequest& request) {
  CURL* c = impl_->curl;
  curl_easy_reset(c);
  std::string form;
  auto add = [&](const std::string& k, const std::string& v) {
    if (!form.empty()) form += '&';
    form += k + "=" + impl_->escape(v);
  };
  for (const auto& [k, v] : request.params) add(k, v);
  if (!impl_->options.api_key.empty()) add("api_key", impl_->options.api_key);
  std::string url = impl_->options.base_url + request.endpoint;
  if (request.post) {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, form.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(form.size()));
  } else if (!form.empty()) {
    url += "?" + form;
  }
  EutilsResponse out;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &out.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &out.retry_after_s);
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // gzip when offered
  curl_easy_setopt(c, CURLOPT_USERAGENT, "prismaflow/" PRISMAFLOW_VERSION);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(impl_->options.connect_timeout_s * 1000));
  // "A connection that sends nothing for 15 s" (issue 3): below 1 byte/s
  // for the whole window aborts the transfer.
  long stall = static_cast<long>(impl_->options.stall_timeout_s + 0.999);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, stall < 1 ? 1L : stall);
  CURLcode rc = curl_easy_perform(c);
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (rc != CURLE_OK) {
    // A body cut short (CURLE_PARTIAL_FILE) or a stall is never handed on:
    // the caller retries and nothing half is stored.
    out.transport_error = curl_easy_strerror(rc);
    if (rc == CURLE_OPERATION_TIMEDOUT)
      out.transport_error = "no data for " + std::to_string(stall) + " s (connection stalled)";
    out.http_status = 0;
    out.body.clear();
    return out;
  }
  out.http_status = static_cast<int>(status);
  return out;
}

}  // namespace prismaflow::fetch
