#!/usr/bin/env node
// Sign a Lantern widget token (HS256 JWT) on your server with Node.js's built-in crypto module: no npm packages.
//
// Your server calls lanternToken(name, email) for the signed-in user and hands the result to the page, which
// passes it to the widget with Lantern('authenticate', { token, callback }). Never send the shared secret to
// the browser: it stays on your server.
//
// Try it:
//   LANTERN_SHARED_SECRET=... LANTERN_USER_NAME='Ada Lovelace' LANTERN_USER_EMAIL=ada@example.com \
//     node examples/node/lantern_token.js
'use strict';

const crypto = require('crypto');

// Unpadded base64url (RFC 4648 §5), as JWTs use it.
function base64url(input) {
  return Buffer.from(input).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

// A signed token that vouches for one user: claims name, email, exp (and iat), in whole seconds since 1970.
//   secret: the shared secret from Lantern (`lantern secret show`, or GET /api/v2/settings/widget_security),
//           used as-is: the HMAC key is the secret string's UTF-8 bytes, not the hex decoded.
//   ttlSeconds: Lantern refuses tokens that expire more than two hours (7200 s) ahead.
function lanternToken(name, email, secret = process.env.LANTERN_SHARED_SECRET, ttlSeconds = 3600) {
  if (!secret) throw new Error('LANTERN_SHARED_SECRET is not set');
  const now = Math.floor(Date.now() / 1000); // seconds, not Date.now()'s milliseconds
  const header = { alg: 'HS256', typ: 'JWT' }; // Lantern accepts no other algorithm
  const claims = {
    name,                  // the user's display name (1 to 255 characters)
    email,                 // the user's e-mail address: Lantern finds or creates the contact by it
    iat: now,              // issued at (optional)
    exp: now + ttlSeconds, // expiry in SECONDS, at most 7200 s from now
  };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = crypto.createHmac('sha256', Buffer.from(secret, 'utf8')).update(signingInput).digest();
  return `${signingInput}.${base64url(signature)}`;
}

module.exports = { lanternToken };

if (require.main === module) {
  const ttl = Number.parseInt(process.env.LANTERN_TOKEN_TTL || '3600', 10);
  if (!Number.isInteger(ttl)) throw new Error('LANTERN_TOKEN_TTL must be a whole number of seconds');
  process.stdout.write(`${lanternToken(process.env.LANTERN_USER_NAME, process.env.LANTERN_USER_EMAIL, undefined, ttl)}\n`);
}
