import { describe, expect, it } from "vitest";
import { safeReturnPath } from "@/lib/auth/return-path";
import { DEFAULT_ROLE, isRole, ROLES } from "@/config/roles";

describe("safeReturnPath", () => {
  it.each([
    ["/admin/users?page=2", "/admin/users?page=2"],
    ["/admin/audit?target=abc#top", "/admin/audit?target=abc#top"],
    ["/", "/"],
    [undefined, "/"],
    [["/admin"], "/"],
    ["", "/"],
    ["https://evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example", "/"],
    ["\\/evil.example", "/"],
    ["/\t/evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["/\r/evil.example", "/"],
    ["/%09/evil.example", "/%09/evil.example"],
    ["/\u0000/evil.example", "/"],
    ["/\u007f/evil.example", "/"],
    ["/./..//evil.example", "/"],
    ["/sign-in?callbackUrl=/\t/evil.example", "/"],
    ["/sign-in?callbackUrl=%2F%09%2Fevil.example", "/sign-in?callbackUrl=%2F%09%2Fevil.example"],
    ["javascript:alert(1)", "/"],
    ["/javascript:alert(1)", "/javascript:alert(1)"],
    [" /admin", "/"],
  ])("%j -> %s", (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });
});

describe("safeReturnPath with the app's own origin", () => {
  it("turns the app's absolute URLs into paths, and nobody else's", () => {
    expect(safeReturnPath("https://app.example/admin/users?q=a", "https://app.example")).toBe("/admin/users?q=a");
    expect(safeReturnPath("https://app.example.evil/admin", "https://app.example")).toBe("/");
    expect(safeReturnPath("https://app.example//evil.example", "https://app.example")).toBe("/");
  });
});

describe("roles", () => {
  it("defines the default role among the roles", () => {
    expect(ROLES).toContain(DEFAULT_ROLE);
  });

  it("recognises only defined roles", () => {
    expect(isRole("admin")).toBe(true);
    expect(isRole("user")).toBe(true);
    expect(isRole("root")).toBe(false);
    expect(isRole(undefined)).toBe(false);
    expect(isRole("Admin")).toBe(false);
  });
});
