import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // MikroORM names entities after their classes; minified class names break
  // entity discovery in the production build.
  experimental: { serverMinification: false, authInterrupts: true },
  // Loaded by Node at run time rather than bundled, so MikroORM core is one
  // copy shared by our entities and the adapter's, and native drivers load.
  serverExternalPackages: [
    "@auth/mikro-orm-adapter",
    "@mikro-orm/core",
    "@mikro-orm/knex",
    "@mikro-orm/better-sqlite",
    "@mikro-orm/postgresql",
    "@mikro-orm/mysql",
    "@mikro-orm/mariadb",
    "@mikro-orm/migrations",
    "knex",
    "better-sqlite3",
    "oidc-provider",
    "nodemailer",
  ],
  poweredByHeader: false,
  // Per-request headers (the CSP with its nonce, HSTS) are set in proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: STATIC_SECURITY_HEADERS }];
  },
};

export default nextConfig;
