/**
 * Which actions need a sign-in within REAUTH_WINDOW ("sudo mode"), and when:
 * the one statement of the rule. authorizedAction() refuses to define an
 * action whose `sensitive` check is missing from this list, or listed here
 * and missing there; docs/security.md's table is checked against it
 * (tests/unit/docs.test.ts), and tests/integration/reauthentication.test.ts
 * runs every row with a stale session.
 */
export const SENSITIVE_ACTIONS = {
  setUserRole: "the role changes to or from one with permissions (moderator, admin)",
  banUser: "the user is an admin",
  unbanUser: "always",
  signOutEverywhere: "the user is an admin",
  endUserSession: "the user is an admin",
  deleteUser: "always",
  connectProvider: "always",
  disconnectSignInMethod: "always",
  impersonateUser: "always",
  addPasskey: "always",
  removePasskey: "always",
} as const satisfies Record<string, string>;

export type SensitiveAction = keyof typeof SENSITIVE_ACTIONS;

export function isSensitiveAction(name: string): name is SensitiveAction {
  return Object.hasOwn(SENSITIVE_ACTIONS, name);
}
