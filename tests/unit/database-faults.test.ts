import { describe, expect, it } from "vitest";
import { answeringDatabaseFaults, serviceUnavailable } from "@/lib/db/unavailable";

const request = (path: string, accept = "*/*") => new Request(`http://localhost${path}`, { headers: { accept } });

describe("serviceUnavailable", () => {
  it("answers an API client with JSON, and says when to try again", async () => {
    const response = serviceUnavailable(request("/api/admin/users", "application/json"));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toMatchObject({ error: "service_unavailable" });
  });

  it("answers a browser with a page, on a page or on an API route it navigated to", async () => {
    for (const path of ["/admin/users", "/api/auth/callback/email"]) {
      const response = serviceUnavailable(request(path, "text/html,application/xhtml+xml"));
      expect(response.status).toBe(503);
      expect(response.headers.get("content-type")).toContain("text/html");
      expect(await response.text()).toContain("Temporarily unavailable");
    }
  });
});

describe("answeringDatabaseFaults", () => {
  it("turns a failed database connection into a 503", async () => {
    const handler = answeringDatabaseFaults(async () => {
      throw new Error("select 1 - Connection terminated unexpectedly");
    });
    const quiet = console.error;
    console.error = () => {};
    try {
      expect((await handler(request("/api/admin/users"))).status).toBe(503);
    } finally {
      console.error = quiet;
    }
  });

  it("answers 503 when no pooled connection came free, without calling the database away", async () => {
    const { isConnectionFailure, isPoolExhausted } = await import("@/lib/db/errors");
    const overload = new Error("Knex: Timeout acquiring a connection. The pool is probably full.");
    expect(isPoolExhausted(overload)).toBe(true);
    expect(isConnectionFailure(overload)).toBe(false);
    expect(isConnectionFailure(new Error("connect ECONNREFUSED 127.0.0.1:5432"))).toBe(true);
    const quiet = console.error;
    console.error = () => {};
    try {
      const response = await answeringDatabaseFaults(async () => Promise.reject(overload))(request("/api/admin/users"));
      expect(response.status).toBe(503);
    } finally {
      console.error = quiet;
    }
  });

  it("lets any other error through, and a handler's answer unchanged", async () => {
    await expect(
      answeringDatabaseFaults(async () => Promise.reject(new Error("syntax error at or near")))(request("/api/x")),
    ).rejects.toThrow("syntax error");
    expect((await answeringDatabaseFaults(async () => new Response("ok"))(request("/api/x"))).status).toBe(200);
  });
});
