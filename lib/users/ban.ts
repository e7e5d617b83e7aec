type Moment = Date | number | string;

/** Whether a ban applies at `now`: one with an end date (`bannedUntil`) stops applying then, with no write. */
export function banApplies(bannedAt: Moment | null | undefined, bannedUntil: Moment | null | undefined, now = Date.now()): boolean {
  return bannedAt != null && (bannedUntil == null || new Date(bannedUntil).getTime() > now);
}
