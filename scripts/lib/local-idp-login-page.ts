function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The local identity provider's login page: any email, any display name. */
export function loginPage(uid: string, clientName: string, error?: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in - local identity provider</title>
<style>
  body { font-family: system-ui, sans-serif; background: #f4f4f5; color: #18181b; display: grid; place-items: center; min-height: 100vh; margin: 0; }
  main { background: #fff; padding: 2rem; border-radius: 0.75rem; box-shadow: 0 1px 3px rgb(0 0 0 / 0.1); width: min(24rem, 90vw); }
  h1 { font-size: 1.25rem; margin: 0 0 0.25rem; }
  p { color: #52525b; font-size: 0.875rem; margin: 0 0 1.25rem; }
  label { display: block; font-size: 0.875rem; font-weight: 600; margin: 0.75rem 0 0.25rem; }
  input { width: 100%; box-sizing: border-box; padding: 0.5rem 0.75rem; border: 1px solid #a1a1aa; border-radius: 0.375rem; font-size: 1rem; }
  button { margin-top: 1.25rem; width: 100%; padding: 0.6rem; border: 0; border-radius: 0.375rem; background: #18181b; color: #fff; font-size: 1rem; cursor: pointer; }
  .error { color: #b91c1c; }
</style>
</head>
<body>
<main>
  <h1>Local identity provider</h1>
  <p>For development only: sign in to ${escapeHtml(clientName)} as anyone.</p>
  ${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
  <form method="post" action="/interaction/${escapeHtml(uid)}/login">
    <label for="email">Email</label>
    <input id="email" name="email" type="email" required autocomplete="email" autofocus>
    <label for="name">Display name</label>
    <input id="name" name="name" type="text" autocomplete="name" placeholder="Optional">
    <button type="submit">Sign in</button>
  </form>
</main>
</body>
</html>`;
}
