/** A server that listens as node:net's and smtp-server's do. */
interface Listener {
  listen(port: number, host: string, callback: () => void): unknown;
  once(event: "error", listener: (error: Error) => void): unknown;
  off(event: "error", listener: (error: Error) => void): unknown;
}

/**
 * Starts `server` on host:port; a port already taken (a second clone's
 * `npm run dev`, say) fails with what to change, not a bare EADDRINUSE.
 */
export function listenOn(server: Listener, { host, port, what, setting }: { host: string; port: number; what: string; setting: string }) {
  return new Promise<void>((resolve, reject) => {
    const fail = (error: Error) =>
      reject(
        "code" in error && error.code === "EADDRINUSE"
          ? new Error(
              `${what} cannot listen on ${host}:${port}: the port is in use (another npm run dev?). Stop it, or set ${setting} in .env to another port.`,
            )
          : error,
      );
    server.once("error", fail);
    server.listen(port, host, () => {
      server.off("error", fail);
      resolve();
    });
  });
}
