/**
 * A real OpenID Connect identity provider on loopback, for development and
 * the e2e suite: its login page lets you sign in as any email and display
 * name, so you can be several users without registering an OAuth app.
 *
 *   npm run idp            (started for you by `npm run dev` and by the e2e setup)
 *
 * It trusts whoever types an email, so it refuses to run with
 * NODE_ENV=production unless LOCAL_OIDC_ALLOW_IN_PRODUCTION=true.
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { getEnv } from "../config/env";
import { listenOn } from "./lib/listen";
import { loadEnvFiles } from "./lib/load-env-files";
import { loginPage } from "./lib/local-idp-login-page";

export interface LocalIdpOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Origins of the app that may receive the sign-in (its callback URL is derived). */
  appOrigins: string[];
}

interface Person {
  email: string;
  name: string;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function callbackUrls(origins: string[]): string[] {
  const urls = new Set<string>();
  for (const origin of origins) {
    const url = new URL(origin);
    const hosts = ["localhost", "127.0.0.1"].includes(url.hostname) ? ["localhost", "127.0.0.1"] : [url.hostname];
    for (const host of hosts) {
      url.hostname = host;
      urls.add(`${url.origin}/api/auth/callback/local`);
    }
  }
  return [...urls];
}

interface LocalIdp {
  provider: Provider;
  /** Who signed in, by account id (the email); remembered while the process runs. */
  people: Map<string, Person>;
}

function createLocalIdp(options: LocalIdpOptions): LocalIdp {
  const people = new Map<string, Person>();
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: "jwk" }), use: "sig", alg: "RS256", kid: "local" };

  const configuration: Configuration = {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        client_name: "the app",
        redirect_uris: callbackUrls(options.appOrigins),
        grant_types: ["authorization_code"],
        response_types: ["code"],
        // Every ID token says when the person signed in: the app's re-authentication reads it.
        require_auth_time: true,
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // Put email and name in the ID token itself: Auth.js reads the profile from it.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx: KoaContextWithOIDC, id: string) {
      const person = people.get(id);
      if (!person) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: person.email, email_verified: true, name: person.name };
        },
      };
    },
    // First-party and local: grant the requested scopes without a consent screen.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { Grant } = ctx.oidc.provider;
      const clientId = ctx.oidc.client!.clientId;
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(clientId);
      if (grantId) return Grant.find(grantId);
      const grant = new Grant({ clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
    ttl: { Session: 60 * 60 },
  };

  const provider = new Provider(options.issuer, configuration);
  provider.on("server_error", (_ctx, error) => console.error("[local-idp]", error));

  return { provider, people };
}

async function handleInteraction({ provider, people }: LocalIdp, req: IncomingMessage, res: ServerResponse, uid: string, action?: string) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error("interaction mismatch");
  const clientName = "the app";
  if (req.method === "POST" && action === "login") {
    const form = await readForm(req);
    const email = (form.get("email") ?? "").trim().toLowerCase();
    const name = (form.get("name") ?? "").trim() || email.split("@")[0]!;
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
      res.writeHead(400, { "content-type": "text/html; charset=utf-8" });
      res.end(loginPage(uid, clientName, "Enter an email address."));
      return;
    }
    people.set(email, { email, name });
    await provider.interactionFinished(req, res, { login: { accountId: email } }, { mergeWithLastSubmission: false });
    return;
  }
  res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(loginPage(uid, clientName));
}

export async function startLocalIdp(options: LocalIdpOptions): Promise<Server> {
  const idp = createLocalIdp(options);
  const callback = idp.provider.callback();
  const server = createServer((req, res) => {
    const match = /^\/interaction\/([\w-]+)(?:\/(login))?$/.exec(new URL(req.url ?? "/", options.issuer).pathname);
    if (!match) {
      callback(req, res);
      return;
    }
    handleInteraction(idp, req, res, match[1]!, match[2]).catch((error: unknown) => {
      console.error("[local-idp]", error);
      if (!res.headersSent) res.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
      res.end("This sign-in attempt has expired or is invalid. Go back to the app and start again.");
    });
  });
  const { hostname, port } = new URL(options.issuer);
  await listenOn(server, {
    host: hostname,
    port: Number(port) || 80,
    what: "The local identity provider",
    setting: "AUTH_LOCAL_OIDC_ISSUER",
  });
  return server;
}

async function main() {
  loadEnvFiles();
  // The same schema as the app: it also refuses a production start unless
  // LOCAL_OIDC_ALLOW_IN_PRODUCTION=true, because anyone can sign in here.
  const env = getEnv();
  if (!env.AUTH_LOCAL_OIDC_ISSUER) {
    console.error("AUTH_LOCAL_OIDC_ISSUER is not set: set it (e.g. http://127.0.0.1:3001) to run the local identity provider.");
    process.exit(1);
  }
  await startLocalIdp({
    issuer: env.AUTH_LOCAL_OIDC_ISSUER,
    clientId: env.AUTH_LOCAL_OIDC_ID,
    clientSecret: env.AUTH_LOCAL_OIDC_SECRET,
    appOrigins: [env.AUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`],
  });
  console.log(`Local identity provider listening on ${env.AUTH_LOCAL_OIDC_ISSUER}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
