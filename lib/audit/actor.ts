/**
 * Who made a change and from where: a signed-in admin (with the client's
 * address), or the command line (everything null). The one shape for the
 * actor of every change and of its audit record.
 */
export interface Actor {
  id: string | null;
  email: string | null;
  ip: string | null;
}

export const COMMAND_LINE_ACTOR: Actor = { id: null, email: null, ip: null };
