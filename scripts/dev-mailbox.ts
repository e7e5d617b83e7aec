/**
 * The development mailbox: an SMTP server on loopback that keeps every
 * message it receives in DEV_MAILBOX_DIR, for /dev/mailbox to show. With it,
 * email sign-in works on a fresh clone and in the e2e suite, and nothing
 * leaves the machine.
 *
 *   npm run mailbox        (started for you by `npm run dev` and by the e2e setup)
 *
 * It listens where EMAIL_SERVER points (e.g. smtp://127.0.0.1:2525). Like the
 * local identity provider, it refuses to run with NODE_ENV=production unless
 * LOCAL_OIDC_ALLOW_IN_PRODUCTION=true (the env schema says so).
 */
import { simpleParser, type AddressObject } from "mailparser";
import { SMTPServer } from "smtp-server";
import { getEnv } from "../config/env";
import { devMailboxAddress } from "../config/env-email";
import { devMailboxDir, storeMessage } from "../lib/email/dev-mailbox";
import { listenOn } from "./lib/listen";
import { loadEnvFiles } from "./lib/load-env-files";

export interface DevMailboxOptions {
  host: string;
  port: number;
  dir: string;
}

const addresses = (value: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(value) ? value : value ? [value] : []).map((entry) => entry.text).join(", ");

export async function startDevMailbox({ host, port, dir }: DevMailboxOptions): Promise<SMTPServer> {
  const server = new SMTPServer({
    // Loopback only, no TLS to negotiate, no password: it only ever talks to this machine's app.
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    size: 1024 * 1024,
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) =>
          storeMessage(dir, {
            from: addresses(mail.from),
            to: addresses(mail.to),
            subject: mail.subject ?? "",
            text: mail.text ?? "",
          }),
        )
        .then(() => callback(), callback);
    },
  });
  await listenOn(server, { host, port, what: "The development mailbox", setting: "EMAIL_SERVER" });
  server.on("error", (error) => console.error(`Development mailbox: ${error.message}`));
  return server;
}

async function main() {
  loadEnvFiles();
  const env = getEnv();
  const dir = devMailboxDir(env);
  const address = env.EMAIL_SERVER ? devMailboxAddress(env.EMAIL_SERVER) : null;
  if (!dir || !address) {
    console.error(
      "DEV_MAILBOX_DIR is not set: set it (e.g. data/dev-mailbox), with EMAIL_SERVER=smtp://127.0.0.1:2525, to run the development mailbox.",
    );
    process.exit(1);
  }
  await startDevMailbox({ ...address, dir });
  console.log(`Development mailbox listening on smtp://${address.host}:${address.port}, keeping messages in ${dir}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
