/**
 * next/headers for server code run outside a Next.js request: a test mocks
 * it with `vi.mock("next/headers", () => import("./support/next-headers"))`
 * and sets what the request carries in `testRequest`.
 */
import { RequestCookies } from "next/dist/compiled/@edge-runtime/cookies";

export const testRequest = {
  cookie: "",
  /** The path the proxy stamps (x-request-path). */
  path: "/",
  userAgent: "Mozilla/5.0 (Macintosh) Chrome/130.0",
  ip: "203.0.113.7",
};

export async function cookies(): Promise<RequestCookies> {
  return new RequestCookies(new Headers({ cookie: testRequest.cookie }));
}

export async function headers(): Promise<Headers> {
  return new Headers({
    cookie: testRequest.cookie,
    "x-forwarded-proto": "http",
    "x-forwarded-for": testRequest.ip,
    "x-request-path": testRequest.path,
    "user-agent": testRequest.userAgent,
  });
}
