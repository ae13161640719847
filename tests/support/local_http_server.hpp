// A real HTTP/1.1 server on 127.0.0.1 with a random port, for tests of the
// E-utilities client: each request is answered by a handler that scripts
// the reply (status, headers, body, latency, a stall before any byte, a body
// cut short, a connection closed mid-body). Keep-alive is supported, as
// libcurl reuses connections.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace prismaflow::test {

struct HttpRequest {
  std::string method;  ///< GET or POST
  std::string path;    ///< e.g. "/eutils/esearch.fcgi"
  std::string endpoint;  ///< last path segment, e.g. "esearch.fcgi"
  std::map<std::string, std::string> params;  ///< query string and form body, decoded
  std::string body;
};

struct HttpReply {
  HttpReply() = default;
  HttpReply(int status_, std::string body_,
            std::vector<std::pair<std::string, std::string>> headers_ = {})
      : status(status_), body(std::move(body_)), headers(std::move(headers_)) {}
  int status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  int latency_ms = 0;   ///< wait before the reply starts
  int stall_ms = 0;     ///< wait with nothing sent (a stalled connection)
  bool truncate = false;  ///< announce the full length, send half, close
  bool close_mid_body = false;  ///< no Content-Length, send half, close
};

using HttpHandler = std::function<HttpReply(const HttpRequest&)>;

class LocalHttpServer {
 public:
  /// Starts listening on 127.0.0.1:<random port>; `handler` runs on the
  /// connection's thread, so it must be thread-safe.
  explicit LocalHttpServer(HttpHandler handler);
  /// Stops accepting, wakes stalled replies, closes connections, joins.
  ~LocalHttpServer();
  LocalHttpServer(const LocalHttpServer&) = delete;
  LocalHttpServer& operator=(const LocalHttpServer&) = delete;

  int port() const;
  /// "http://127.0.0.1:PORT/eutils/", the --eutils-url to pass.
  std::string base_url() const;
  /// Requests received so far, in order.
  std::vector<HttpRequest> requests() const;
  /// How many requests went to `endpoint`.
  int count(const std::string& endpoint) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace prismaflow::test
