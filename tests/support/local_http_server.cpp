#include "tests/support/local_http_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace prismaflow::test {
namespace {

std::string url_decode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

void parse_params(const std::string& text, std::map<std::string, std::string>& out) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('&', start);
    if (end == std::string::npos) end = text.size();
    std::string kv = text.substr(start, end - start);
    std::size_t eq = kv.find('=');
    if (eq != std::string::npos) out[url_decode(kv.substr(0, eq))] = url_decode(kv.substr(eq + 1));
    start = end + 1;
  }
}

bool send_all(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

const char* reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

}  // namespace

struct LocalHttpServer::Impl {
  HttpHandler handler;
  int listen_fd = -1;
  int port = 0;
  std::atomic<bool> stopping{false};
  std::thread acceptor;
  mutable std::mutex mu;
  std::condition_variable cv;  // wakes stalled replies on shutdown
  std::vector<std::thread> workers;
  std::vector<int> conns;
  std::vector<HttpRequest> log;

  // Waits `ms` unless the server stops first; false when stopping.
  bool wait(int ms) {
    std::unique_lock<std::mutex> lock(mu);
    return !cv.wait_for(lock, std::chrono::milliseconds(ms), [&] { return stopping.load(); });
  }

  void serve(int fd) {
    std::string buf;
    char chunk[65536];
    while (!stopping) {
      std::size_t head_end;
      while ((head_end = buf.find("\r\n\r\n")) == std::string::npos) {
        ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0) return;
        buf.append(chunk, static_cast<std::size_t>(n));
      }
      std::string head = buf.substr(0, head_end);
      buf.erase(0, head_end + 4);
      HttpRequest req;
      std::size_t sp1 = head.find(' '), sp2 = head.find(' ', sp1 + 1);
      req.method = head.substr(0, sp1);
      std::string target = head.substr(sp1 + 1, sp2 - sp1 - 1);
      std::size_t q = target.find('?');
      req.path = target.substr(0, q);
      if (q != std::string::npos) parse_params(target.substr(q + 1), req.params);
      req.endpoint = req.path.substr(req.path.rfind('/') + 1);
      std::size_t length = 0;
      for (std::size_t pos = head.find("\r\n"); pos != std::string::npos;
           pos = head.find("\r\n", pos + 2)) {
        std::string line = head.substr(pos + 2, head.find("\r\n", pos + 2) - pos - 2);
        if (strncasecmp(line.c_str(), "content-length:", 15) == 0)
          length = std::stoul(line.substr(15));
      }
      while (buf.size() < length) {
        ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0) return;
        buf.append(chunk, static_cast<std::size_t>(n));
      }
      req.body = buf.substr(0, length);
      buf.erase(0, length);
      if (req.method == "POST") parse_params(req.body, req.params);
      {
        std::lock_guard<std::mutex> lock(mu);
        log.push_back(req);
      }
      HttpReply reply = handler(req);
      if (reply.latency_ms > 0 && !wait(reply.latency_ms)) return;
      if (reply.stall_ms > 0 && !wait(reply.stall_ms)) return;
      std::string out = "HTTP/1.1 " + std::to_string(reply.status) + " " + reason(reply.status) +
                        "\r\nContent-Type: text/xml; charset=UTF-8\r\n";
      for (const auto& [k, v] : reply.headers) out += k + ": " + v + "\r\n";
      if (reply.close_mid_body) {
        out += "Connection: close\r\n\r\n" + reply.body.substr(0, reply.body.size() / 2);
        send_all(fd, out);
        return;
      }
      out += "Content-Length: " + std::to_string(reply.body.size()) + "\r\n\r\n";
      if (reply.truncate) {
        send_all(fd, out + reply.body.substr(0, reply.body.size() / 2));
        return;
      }
      if (!send_all(fd, out + reply.body)) return;
    }
  }

  void accept_loop() {
    while (!stopping) {
      int fd = ::accept(listen_fd, nullptr, nullptr);
      if (fd < 0) {
        if (stopping) return;
        continue;
      }
      std::lock_guard<std::mutex> lock(mu);
      conns.push_back(fd);
      workers.emplace_back([this, fd] {
        serve(fd);
        ::shutdown(fd, SHUT_RDWR);  // a cut reply ends with the connection
      });
    }
  }
};

LocalHttpServer::LocalHttpServer(HttpHandler handler) : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
  impl_->listen_fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (impl_->listen_fd < 0) throw std::runtime_error("socket() failed");
  int one = 1;
  setsockopt(impl_->listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;  // the kernel picks a free port
  if (::bind(impl_->listen_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(impl_->listen_fd, 64) != 0) {
    throw std::runtime_error("cannot listen on 127.0.0.1");
  }
  socklen_t len = sizeof addr;
  getsockname(impl_->listen_fd, reinterpret_cast<sockaddr*>(&addr), &len);
  impl_->port = ntohs(addr.sin_port);
  impl_->acceptor = std::thread([this] { impl_->accept_loop(); });
}

LocalHttpServer::~LocalHttpServer() {
  impl_->stopping = true;
  impl_->cv.notify_all();
  ::shutdown(impl_->listen_fd, SHUT_RDWR);
  ::close(impl_->listen_fd);
  impl_->acceptor.join();
  std::vector<std::thread> workers;
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    for (int fd : impl_->conns) ::shutdown(fd, SHUT_RDWR);
    workers.swap(impl_->workers);
  }
  impl_->cv.notify_all();
  for (auto& t : workers) t.join();
  for (int fd : impl_->conns) ::close(fd);
}

int LocalHttpServer::port() const { return impl_->port; }

std::string LocalHttpServer::base_url() const {
  return "http://127.0.0.1:" + std::to_string(impl_->port) + "/eutils/";
}

std::vector<HttpRequest> LocalHttpServer::requests() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->log;
}

int LocalHttpServer::count(const std::string& endpoint) const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  int n = 0;
  for (const auto& r : impl_->log) n += r.endpoint == endpoint;
  return n;
}

}  // namespace prismaflow::test
