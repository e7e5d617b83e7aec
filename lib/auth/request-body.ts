import "server-only";

/**
 * A POST's fields as Auth.js reads them (@auth/core's getBody): JSON or a
 * form, by content type, the last of a repeated field winning. A check made
 * before Auth.js must read the same fields Auth.js then acts on, or a body
 * shaped to pass one and mean another to the other slips past it.
 */
export async function authRequestBody(request: Request): Promise<Record<string, unknown>> {
  if (request.method !== "POST" || !request.body) return {};
  const type = request.headers.get("content-type") ?? "";
  try {
    if (type.includes("application/json")) {
      const parsed: unknown = await request.clone().json();
      return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
    }
    if (type.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(await request.clone().text()));
  } catch {
    // Auth.js fails on the same body, and answers it.
  }
  return {};
}
