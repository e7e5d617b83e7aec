/**
 * The security headers of every page. The Content-Security-Policy allows
 * only scripts carrying this response's nonce (Next.js reads it from the
 * request's CSP header and puts it on its own scripts), and scripts those
 * load ('strict-dynamic'); no 'unsafe-eval' outside `next dev`, whose
 * hot reloading needs it. Pages cannot be framed. HSTS only over https.
 * No form-action: signing in posts a form whose answer redirects to the
 * provider, which form-action would block.
 */
export function contentSecurityPolicy(nonce: string, { https, development }: { https: boolean; development: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Tailwind's stylesheet is a file; React and Next.js set a few inline style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${development ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export const HSTS = "max-age=63072000; includeSubDomains";
