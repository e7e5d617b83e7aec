// @ts-check

/**
 * Headers for every response. The per-request ones (the CSP with its nonce,
 * HSTS over https) are set in proxy.ts.
 */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
];

/** @type {import("next").NextConfig} */
const nextConfig = {
  // MikroORM names entities after their classes; minified class names break
  // entity discovery in the production build.
  experimental: { serverMinification: false, authInterrupts: true },
  // Loaded by Node at run time rather than bundled, so MikroORM core is one
  // copy shared by our entities and the adapter's, and native drivers load.
  serverExternalPackages: [
    "@auth/mikro-orm-adapter",
    "@mikro-orm/core",
    "@mikro-orm/knex",
    "@mikro-orm/sqlite",
    "@mikro-orm/postgresql",
    "@mikro-orm/mysql",
    "@mikro-orm/mariadb",
    "@mikro-orm/migrations",
    "knex",
    "sqlite3",
    "oidc-provider",
    "nodemailer",
  ],
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
