import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { headers } from "next/headers";
import { connection } from "next/server";
import { Card } from "@/components/ui/card";
import { getEnv } from "@/config/env";
import { isLoopbackConnection } from "@/lib/audit/client-ip";
import { formatDateTime } from "@/lib/format";
import { devMailboxDir, linksIn, readMailbox } from "@/lib/email/dev-mailbox";

export const metadata: Metadata = { title: "Development mailbox", robots: { index: false } };

/**
 * The emails the development mailbox received (scripts/dev-mailbox.ts),
 * newest first. It exists only while DEV_MAILBOX_DIR is set, never in
 * production unless LOCAL_OIDC_ALLOW_IN_PRODUCTION is (a test deployment),
 * and only for a browser on this machine: the links in it sign people in.
 */
export default async function DevMailboxPage() {
  await connection();
  const dir = devMailboxDir(getEnv());
  if (!dir || !isLoopbackConnection(await headers())) notFound();
  const messages = await readMailbox(dir);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Development mailbox</h1>
      <p className="text-sm text-muted-foreground">
        Emails the app sent while running on this machine (kept in {dir}). Nothing here was delivered anywhere.
      </p>
      {messages.length === 0 && <p className="text-sm text-muted-foreground">No emails yet. Ask for a sign-in link on the sign-in page.</p>}
      <ol className="space-y-4">
        {messages.map((message) => (
          <li key={message.id} data-testid="mailbox-message">
            <Card>
              <h2 className="font-semibold">{message.subject || "(no subject)"}</h2>
              <p className="mt-1 text-sm text-muted-foreground">
                To <span data-testid="mailbox-to">{message.to}</span> · from {message.from} · {formatDateTime(new Date(message.receivedAt))}
              </p>
              <ul className="mt-2 space-y-1 text-sm">
                {linksIn(message.text).map((link, index) => (
                  <li key={index}>
                    <a href={link} className="font-medium break-all underline" data-testid="mailbox-link">
                      {link}
                    </a>
                  </li>
                ))}
              </ul>
              <pre className="mt-3 text-xs break-words whitespace-pre-wrap text-foreground">{message.text}</pre>
            </Card>
          </li>
        ))}
      </ol>
    </div>
  );
}
