// SPDX-License-Identifier: MIT
// A client and a server in two Linux processes talking over a Zircon
// channel.  The server's end crosses fork() inside a file descriptor
// (zxlinux_handle_to_fd / zxlinux_handle_from_fd); the client then makes
// zx_channel_call()s and the server answers each one.  Exits non-zero if
// anything is not as expected.
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <lib/zxlinux/fd.h>
#include <zircon/status.h>
#include <zircon/syscalls.h>

namespace {

constexpr int kCalls = 3;
constexpr size_t kMax = 128;

struct Message {
  zx_txid_t txid;
  char text[kMax - sizeof(zx_txid_t)];
};

bool Ok(const char* who, const char* what, zx_status_t status) {
  printf("  [%s] %-36s %s\n", who, what, zx_status_get_string(status));
  fflush(stdout);
  return status == ZX_OK;
}

// Runs in the child: answers every request until the client goes away.
int Server(int fd) {
  zx_handle_t channel = ZX_HANDLE_INVALID;
  if (!Ok("server", "take channel end from fd", zxlinux_handle_from_fd(fd, &channel)))
    return 1;
  close(fd);
  int served = 0;
  for (;;) {
    zx_signals_t seen = 0;
    zx_status_t status =
        zx_object_wait_one(channel, ZX_CHANNEL_READABLE | ZX_CHANNEL_PEER_CLOSED,
                           ZX_TIME_INFINITE, &seen);
    if (status != ZX_OK)
      return Ok("server", "wait", status) ? 0 : 1;
    if (!(seen & ZX_CHANNEL_READABLE))
      break;
    Message msg = {};
    uint32_t actual = 0;
    status = zx_channel_read(channel, 0, &msg, nullptr, sizeof(msg) - 1, 0, &actual, nullptr);
    if (!Ok("server", "read request", status))
      return 1;
    printf("  [server] pid %d got txid %#x: \"%s\"\n", getpid(), msg.txid, msg.text);
    Message reply = {};
    reply.txid = msg.txid;
    int n = snprintf(reply.text, sizeof(reply.text), "pid %d says hello to \"%s\"", getpid(),
                     msg.text);
    status = zx_channel_write(channel, 0, &reply, sizeof(zx_txid_t) + n + 1, nullptr, 0);
    if (!Ok("server", "write reply", status))
      return 1;
    served++;
  }
  printf("  [server] client closed its end after %d calls; exiting\n", served);
  zx_handle_close(channel);
  return served == kCalls ? 0 : 1;
}

int Client(zx_handle_t channel) {
  int failures = 0;
  for (int i = 0; i < kCalls; i++) {
    Message request = {};
    int n = snprintf(request.text, sizeof(request.text), "request %d from pid %d", i, getpid());
    Message reply = {};
    zx_channel_call_args_t args = {};
    args.wr_bytes = &request;
    args.wr_num_bytes = static_cast<uint32_t>(sizeof(zx_txid_t) + n + 1);
    args.rd_bytes = &reply;
    args.rd_num_bytes = sizeof(reply) - 1;
    uint32_t actual_bytes = 0, actual_handles = 0;
    zx_status_t status = zx_channel_call(channel, 0, zx_deadline_after(ZX_SEC(30)), &args,
                                         &actual_bytes, &actual_handles);
    if (!Ok("client", "zx_channel_call", status)) {
      failures++;
      continue;
    }
    printf("  [client] pid %d got reply (txid %#x): \"%s\"\n", getpid(), reply.txid,
           reply.text);
    if (strstr(reply.text, request.text) == nullptr)
      failures++;
  }
  return failures;
}

}  // namespace

int main() {
  printf("zx-channel-demo: a Zircon channel between two Linux processes\n");
  zx_handle_t client_end = ZX_HANDLE_INVALID, server_end = ZX_HANDLE_INVALID;
  if (!Ok("client", "zx_channel_create", zx_channel_create(0, &client_end, &server_end)))
    return 1;
  int fd = -1;
  if (!Ok("client", "move server end into an fd", zxlinux_handle_to_fd(server_end, 0, &fd)))
    return 1;
  printf("  [client] server end now lives in fd %d; forking the server\n", fd);
  fflush(stdout);
  pid_t pid = fork();
  if (pid < 0) {
    perror("fork");
    return 1;
  }
  if (pid == 0)
    _exit(Server(fd));
  close(fd);

  int failures = Client(client_end);
  Ok("client", "close client end", zx_handle_close(client_end));
  int status = 0;
  if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    failures++;
  printf("%s\n", failures == 0 ? "zx-channel-demo: OK" : "zx-channel-demo: FAILED");
  return failures == 0 ? 0 : 1;
}
