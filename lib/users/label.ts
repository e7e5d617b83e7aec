/** How a user is named in messages and labels: their email, else their name, else their id. */
export function userLabel(user: { id: string; email?: string | null; name?: string | null }): string {
  return user.email ?? user.name ?? user.id;
}
