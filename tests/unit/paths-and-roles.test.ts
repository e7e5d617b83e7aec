import { describe, expect, it } from "vitest";
import { safeReturnPath } from "@/lib/auth/return-path";
import { DEFAULT_ROLE, isRole, ROLES } from "@/config/roles";

describe("safeReturnPath", () => {
  it.each([
    ["/admin/users?page=2", "/admin/users?page=2"],
    ["/", "/"],
    [undefined, "/"],
    ["", "/"],
    ["https://evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example", "/"],
    ["javascript:alert(1)", "/"],
  ])("%s -> %s", (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
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
