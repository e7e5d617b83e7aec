import { applyBenchEnv } from "/work/main/bench/lib/server";
applyBenchEnv();
const { closeDatabase } = await import("/work/main/lib/db");
const { authAdapter } = await import("/work/main/lib/auth-adapter");
const token = (await import("node:fs")).readFileSync("/tmp/token", "utf8").trim();
async function time(name: string, n: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 300; i++) await fn();
  const t = performance.now();
  for (let i = 0; i < n; i++) await fn();
  console.log(name, ((performance.now() - t) / n).toFixed(3), "ms");
}
console.log(await authAdapter.getSessionAndUser!(token));
await time("getSessionAndUser", 3000, () => authAdapter.getSessionAndUser!(token) as Promise<unknown>);
await closeDatabase();
