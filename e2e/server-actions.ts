import { readFileSync } from "node:fs";

/** A server action's id, by its exported name, from the production build's manifest. */
export function actionId(name: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const entry = Object.entries(manifest.node).find(([, action]) => action.exportedName === name);
  if (!entry) throw new Error(`No server action named ${name} in the build`);
  return entry[0];
}

/**
 * Posts to a `(previous, formData)` server action as React's client does (a
 * multipart body whose FormData argument is "$K1" with "_1_"-prefixed fields),
 * from any page of the server at `baseUrl`, with any headers.
 */
export async function postServerAction(
  baseUrl: string,
  name: string,
  fields: Record<string, string>,
  headers: Record<string, string>,
  path: string,
): Promise<Response> {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.append(`_1_${key}`, value);
  body.append("0", JSON.stringify([null, "$K1"]));
  return fetch(`${baseUrl}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "next-action": actionId(name), accept: "text/x-component", origin: baseUrl, ...headers },
    body,
  });
}
