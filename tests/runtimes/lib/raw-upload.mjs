// A raw HTTP/1.1 upload over a TCP socket, for the body-cap checks: sends `size` bytes (chunked, or
// with a Content-Length) in 1 MiB pieces with backpressure, and resolves as soon as the response's
// status line arrives, whatever happens to the sending side. (Node's http client drops a response
// that arrives while its request is still being written when the server then closes the
// connection: EPIPE wins. workerd answers 413 and closes without reading the rest.)
import net from "node:net";

/** Resolves to { status: number | null, sentBytes }. */
export function rawUpload({ url, headers = {}, size, chunked = true, timeoutMs = 30_000 }) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port) });
    let sent = 0;
    let done = false;
    let received = "";
    const finish = (status) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ status, sentBytes: sent });
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    socket.on("data", (d) => {
      received += d.toString("latin1");
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(received);
      if (m) finish(Number(m[1]));
    });
    socket.on("error", () => {});
    socket.on("close", () => finish(null));
    const head = [`POST ${u.pathname}${u.search} HTTP/1.1`, `Host: ${u.host}`, chunked ? "Transfer-Encoding: chunked" : `Content-Length: ${size}`,
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), "", ""].join("\r\n");
    const piece = Buffer.alloc(1024 * 1024, 0x20);
    const framed = Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from("\r\n")]);
    const pump = () => {
      while (!done && sent < size) {
        sent += piece.length;
        if (!socket.write(chunked ? framed : piece)) return socket.once("drain", pump);
      }
      if (!done && chunked) socket.write("0\r\n\r\n");
    };
    socket.once("connect", () => {
      socket.write(head);
      pump();
    });
  });
}
