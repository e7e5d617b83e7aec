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
    "@mikro-orm/better-sqlite",
    "@mikro-orm/postgresql",
    "@mikro-orm/mysql",
    "@mikro-orm/mariadb",
    "@mikro-orm/migrations",
    "knex",
    "better-sqlite3",
    "oidc-provider",
  ],
  poweredByHeader: false,
};

export default nextConfig;
