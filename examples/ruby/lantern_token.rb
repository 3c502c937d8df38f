#!/usr/bin/env ruby
# frozen_string_literal: true

# Sign a Lantern widget token (HS256 JWT) on your server, with the ruby-jwt gem.
#
#   gem install jwt          # or: apt-get install ruby-jwt
#
# Your server calls lantern_token(name, email) for the signed-in user and hands the result to the page, which
# passes it to the widget with Lantern('authenticate', { token, callback }). Never send the shared secret to
# the browser: it stays on your server.
#
# Try it:
#   LANTERN_SHARED_SECRET=... LANTERN_USER_NAME='Ada Lovelace' LANTERN_USER_EMAIL=ada@example.com \
#     ruby examples/ruby/lantern_token.rb

require 'jwt'

# A signed token that vouches for one user: claims name, email, exp (and iat), in whole seconds since 1970.
#   secret: the shared secret from Lantern (`lantern secret show`, or GET /api/v2/settings/widget_security),
#           used as-is: the HMAC key is the secret string's UTF-8 bytes, not the hex decoded.
#   ttl:    seconds until expiry; Lantern refuses tokens that expire more than two hours (7200 s) ahead.
def lantern_token(name, email, secret: ENV.fetch('LANTERN_SHARED_SECRET'), ttl: 3600)
  now = Time.now.to_i
  payload = {
    name: name,        # the user's display name (1 to 255 characters)
    email: email,      # the user's e-mail address: Lantern finds or creates the contact by it
    iat: now,          # issued at (optional)
    exp: now + ttl     # expiry in SECONDS (not milliseconds), at most 7200 s from now
  }
  # The header is {"alg":"HS256","typ":"JWT"}; Lantern accepts no other algorithm.
  JWT.encode(payload, secret, 'HS256', { typ: 'JWT' })
end

if $PROGRAM_NAME == __FILE__
  ttl = Integer(ENV.fetch('LANTERN_TOKEN_TTL', '3600'), 10)
  puts lantern_token(ENV.fetch('LANTERN_USER_NAME'), ENV.fetch('LANTERN_USER_EMAIL'), ttl: ttl)
end
