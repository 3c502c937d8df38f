#!/usr/bin/env python3
"""Sign a Lantern widget token (HS256 JWT) on your server, with PyJWT.

    pip install -r examples/python/requirements.txt    # PyJWT>=2.8

Your server calls lantern_token(name, email) for the signed-in user and hands the result to the page, which
passes it to the widget with Lantern('authenticate', {token, callback}). Never send the shared secret to the
browser: it stays on your server.

Try it:
    LANTERN_SHARED_SECRET=... LANTERN_USER_NAME='Ada Lovelace' LANTERN_USER_EMAIL=ada@example.com \\
      python3 examples/python/lantern_token.py
"""

import os
import time

import jwt  # PyJWT


def lantern_token(name: str, email: str, secret: str | None = None, ttl_seconds: int = 3600) -> str:
    """A signed token that vouches for one user: claims name, email, exp (and iat), in whole seconds since 1970.

    secret: the shared secret from Lantern (`lantern secret show`, or GET /api/v2/settings/widget_security),
        used as-is: the HMAC key is the secret string's UTF-8 bytes, not the hex decoded.
    ttl_seconds: Lantern refuses tokens that expire more than two hours (7200 s) ahead.
    """
    if secret is None:
        secret = os.environ["LANTERN_SHARED_SECRET"]
    now = int(time.time())  # whole seconds: a float would work, but keep NumericDates integers
    claims = {
        "name": name,  # the user's display name (1 to 255 characters)
        "email": email,  # the user's e-mail address: Lantern finds or creates the contact by it
        "iat": now,  # issued at (optional)
        "exp": now + ttl_seconds,  # expiry in SECONDS, at most 7200 s from now
    }
    # PyJWT writes the header {"alg": "HS256", "typ": "JWT"}; Lantern accepts no other algorithm.
    return jwt.encode(claims, secret, algorithm="HS256")


if __name__ == "__main__":
    ttl = int(os.environ.get("LANTERN_TOKEN_TTL", "3600"))
    print(lantern_token(os.environ["LANTERN_USER_NAME"], os.environ["LANTERN_USER_EMAIL"], ttl_seconds=ttl))
