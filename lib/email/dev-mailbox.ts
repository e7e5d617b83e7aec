import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Env } from "@/config/env";

/**
 * The development mailbox: messages the local SMTP server
 * (scripts/dev-mailbox.ts) received, one JSON file each in DEV_MAILBOX_DIR,
 * shown at /dev/mailbox. Nothing in it ever leaves the machine.
 */

export interface MailboxMessage {
  id: string;
  receivedAt: string;
  from: string;
  to: string;
  subject: string;
  text: string;
}

/** Messages kept: older ones are deleted as new ones arrive. */
const KEPT = 100;

/**
 * Where the mailbox is, or null when /dev/mailbox must not exist: it is not
 * configured, or this is production without the explicit test-deployment
 * allowance (the same one as the local identity provider).
 */
export function devMailboxDir(env: Pick<Env, "NODE_ENV" | "DEV_MAILBOX_DIR" | "LOCAL_OIDC_ALLOW_IN_PRODUCTION">): string | null {
  if (!env.DEV_MAILBOX_DIR) return null;
  if (env.NODE_ENV === "production" && !env.LOCAL_OIDC_ALLOW_IN_PRODUCTION) return null;
  return env.DEV_MAILBOX_DIR;
}

/** File names sort by arrival: a zero-padded time, then a random suffix. */
function fileName(now: Date): string {
  return `${String(now.getTime()).padStart(15, "0")}-${randomBytes(4).toString("hex")}.json`;
}

export async function storeMessage(
  dir: string,
  message: Omit<MailboxMessage, "id" | "receivedAt">,
  now = new Date(),
): Promise<MailboxMessage> {
  await mkdir(dir, { recursive: true });
  const name = fileName(now);
  const stored: MailboxMessage = { id: name.replace(/\.json$/, ""), receivedAt: now.toISOString(), ...message };
  // Written aside, then renamed: a reader never sees half a message.
  await writeFile(join(dir, `${name}.partial`), JSON.stringify(stored, null, 2));
  await rename(join(dir, `${name}.partial`), join(dir, name));
  const names = (await readdir(dir)).filter((entry) => entry.endsWith(".json")).sort();
  await Promise.all(names.slice(0, Math.max(0, names.length - KEPT)).map((old) => rm(join(dir, old), { force: true })));
  return stored;
}

/** The newest messages first, at most `limit`; an empty list when the mailbox has none yet. */
export async function readMailbox(dir: string, limit = 50): Promise<MailboxMessage[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((entry) => entry.endsWith(".json"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const newest = names.sort().reverse().slice(0, limit);
  const messages = await Promise.all(
    newest.map(async (name) => {
      try {
        return JSON.parse(await readFile(join(dir, name), "utf8")) as MailboxMessage;
      } catch {
        return null; // deleted while we read: skip it
      }
    }),
  );
  return messages.filter((message): message is MailboxMessage => message !== null);
}

/** The web links in a message's text, in order. */
export function linksIn(text: string): string[] {
  return text.match(/https?:\/\/[^\s<>"]+/g) ?? [];
}
