/** Auth.js's log, as the app prints it (lib/auth/logger.ts). */
import { afterEach, describe, expect, it, vi } from "vitest";
import { logAuthError, logAuthWarning } from "@/lib/auth/logger";

afterEach(() => vi.restoreAllMocks());

/** An error shaped as Auth.js's: a type, and the error it wraps as cause.err. */
function authError(type: string, message: string, cause?: Error): Error {
  return Object.assign(new Error(message, cause ? { cause: { err: cause } } : undefined), { type });
}

describe("Auth.js's log", () => {
  it("prints each warning once per process, however many requests repeat it", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    for (let request = 0; request < 3; request++) logAuthWarning("experimental-webauthn");
    logAuthWarning("debug-enabled");
    expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([
      expect.stringContaining("[experimental-webauthn]"),
      expect.stringContaining("[debug-enabled]"),
    ]);
  });

  it("prints a failed passkey check on one line, with the check that failed", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    logAuthError(authError("WebAuthnVerificationError", "", new Error("Response counter value 2 was lower than expected 2")));
    expect(warn).toHaveBeenCalledWith("[auth] WebAuthnVerificationError: Response counter value 2 was lower than expected 2");
    expect(error).not.toHaveBeenCalled();
  });

  it.each(["MissingCSRF", "InvalidProvider", "UnknownAction"])("prints %s, which any visitor can cause, on one line", (type) => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    logAuthError(authError(type, "Read more at https://errors.authjs.dev"));
    expect(warn).toHaveBeenCalledExactlyOnceWith(`[auth] ${type}`);
    expect(error).not.toHaveBeenCalled();
  });

  it("prints a callback that failed on what it was sent on one line, with the cause; a provider it cannot reach in full", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const check = Object.assign(new Error('response parameter "iss" (issuer) missing'), { name: "OperationProcessingError" });
    logAuthError(authError("CallbackRouteError", "Read more at https://errors.authjs.dev#callbackrouteerror", check));
    expect(warn).toHaveBeenCalledExactlyOnceWith('[auth] CallbackRouteError: response parameter "iss" (issuer) missing');
    expect(error).not.toHaveBeenCalled();
    logAuthError(authError("CallbackRouteError", "", new TypeError("fetch failed")));
    expect(error).toHaveBeenCalledWith("[auth][error] CallbackRouteError: ");
  });

  it("keeps a visitor's text on one line: no forged lines", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    logAuthError(authError("WebAuthnVerificationError", "", new Error("bad challenge x\n[auth][error] AdapterError: FORGED\r\n[audit] x")));
    expect(warn).toHaveBeenCalledExactlyOnceWith(
      "[auth] WebAuthnVerificationError: bad challenge x [auth][error] AdapterError: FORGED [audit] x",
    );
  });

  it("prints a server fault with its cause's stack", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    logAuthError(authError("AdapterError", "Read more at https://errors.authjs.dev#adaptererror", new Error("connection refused")));
    expect(error).toHaveBeenCalledWith("[auth][error] AdapterError: ");
    expect(String(error.mock.calls[1]![0])).toContain("connection refused");
  });
});
