# A throwaway Postfix on loopback for the mail tests and the mail benchmark (source this file). Installs Postfix,
# Cyrus SASL and swaks from Debian's packages when missing; runs its own instance from a temporary config dir (no
# system service, no port 25): STARTTLS with a throwaway certificate and SMTP AUTH (Cyrus SASL, sasldb) on the
# submission port, plain SMTP from loopback on the inbound port.
#
#   MTA_PIPE_ARGV='/usr/bin/env DATABASE_URL=… /path/lantern mail receive --recipient ${recipient}'   (optional)
#   start_mta        # exports MTA_DIR MTA_SUBMISSION_PORT MTA_INBOUND_PORT MTA_USER MTA_PASSWORD MTA_CA_FILE MTA_MAILDIR
#   mta_wait_idle    # until the queue is empty
#   stop_mta
#
# Mail to any address @customers.test lands in the Maildir $MTA_MAILDIR; mail to @support.test goes through the
# pipe transport to MTA_PIPE_ARGV (run as nobody). Relaying anywhere else is refused.

mta_free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

ensure_mta_packages() {
    local missing=()
    command -v postfix >/dev/null || missing+=(postfix)
    command -v saslpasswd2 >/dev/null || missing+=(sasl2-bin)
    [ -e /usr/lib/x86_64-linux-gnu/sasl2/libplain.so ] || [ -n "$(ls /usr/lib/*/sasl2/libplain.so 2>/dev/null)" ] || missing+=(libsasl2-modules)
    [ -n "$(ls /usr/lib/*/sasl2/libsasldb.so 2>/dev/null)" ] || missing+=(libsasl2-modules-db)
    command -v swaks >/dev/null || missing+=(swaks)
    command -v openssl >/dev/null || missing+=(openssl)
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "==> Installing ${missing[*]} (Debian packages)"
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
    for attempt in 1 2 3 4 5; do
        if DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null; then return 0; fi
        apt-get update -q >/dev/null 2>&1 || true
        sleep $((attempt * 5))   # apt may be locked by another install for a moment
    done
    echo "mta: could not install ${missing[*]}" >&2
    return 1
}

start_mta() {
    ensure_mta_packages
    MTA_DIR=$(mktemp -d /tmp/lantern-mta.XXXXXX)
    chmod 755 "$MTA_DIR"
    MTA_SUBMISSION_PORT=$(mta_free_port)
    MTA_INBOUND_PORT=$(mta_free_port)
    MTA_USER=lantern
    MTA_PASSWORD="pw-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    MTA_MAILDIR="$MTA_DIR/mail/inbox"
    MTA_CA_FILE="$MTA_DIR/cert.pem"
    local host=mta.lantern.test
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
        -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
        -keyout "$MTA_DIR/key.pem" -out "$MTA_CA_FILE" >/dev/null 2>&1
    chmod 644 "$MTA_CA_FILE"; chmod 600 "$MTA_DIR/key.pem"
    mkdir -p "$MTA_DIR/sasl" "$MTA_DIR/mail" "$MTA_DIR/queue" "$MTA_DIR/data"
    chown postfix "$MTA_DIR/data"
    chown 65534:65534 "$MTA_DIR/mail"
    printf 'pwcheck_method: auxprop\nauxprop_plugin: sasldb\nsasldb_path: %s/sasldb2\nmech_list: PLAIN LOGIN\n' "$MTA_DIR" >"$MTA_DIR/sasl/smtpd.conf"
    echo "$MTA_PASSWORD" | saslpasswd2 -f "$MTA_DIR/sasldb2" -c -p -u "$host" "$MTA_USER"
    chown root:postfix "$MTA_DIR/sasldb2"; chmod 640 "$MTA_DIR/sasldb2"
    cat >"$MTA_DIR/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $MTA_DIR/queue
data_directory = $MTA_DIR/data
mail_owner = postfix
setgid_group = postdrop
myhostname = $host
mydomain = lantern.test
myorigin = \$myhostname
mydestination =
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
maillog_file_prefixes = $MTA_DIR
maillog_file = $MTA_DIR/maillog
smtpd_banner = \$myhostname ESMTP
biff = no
smtputf8_enable = no
message_size_limit = 31457280
smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination
virtual_mailbox_domains = customers.test
virtual_mailbox_base = $MTA_DIR/mail
virtual_mailbox_maps = static:inbox/
virtual_uid_maps = static:65534
virtual_gid_maps = static:65534
virtual_minimum_uid = 100
relay_domains = support.test
transport_maps = inline:{ support.test=lantern: }
lantern_destination_recipient_limit = 1
smtpd_tls_cert_file = $MTA_DIR/cert.pem
smtpd_tls_key_file = $MTA_DIR/key.pem
smtpd_sasl_type = cyrus
smtpd_sasl_path = smtpd
cyrus_sasl_config_path = $MTA_DIR/sasl
smtpd_sasl_local_domain = $host
queue_run_delay = 5s
minimal_backoff_time = 5s
maximal_backoff_time = 10s
CONF
    local pipe_argv=${MTA_PIPE_ARGV:-/bin/false}
    cat >"$MTA_DIR/master.cf" <<CONF
127.0.0.1:$MTA_SUBMISSION_PORT inet n - n - - smtpd
  -o smtpd_tls_security_level=encrypt
  -o smtpd_tls_auth_only=yes
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
127.0.0.1:$MTA_INBOUND_PORT inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
virtual   unix  -       n       n       -       -       virtual
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
lantern   unix  -       n       n       -       -       pipe
  flags=R user=nobody argv=$pipe_argv
CONF
    postfix -c "$MTA_DIR" check >/dev/null 2>&1 || postfix -c "$MTA_DIR" check
    postfix -c "$MTA_DIR" start >/dev/null 2>&1 || { cat "$MTA_DIR/maillog" >&2 2>/dev/null; echo "mta: Postfix did not start" >&2; return 1; }
    for _ in $(seq 1 50); do
        (exec 3<>"/dev/tcp/127.0.0.1/$MTA_INBOUND_PORT") 2>/dev/null && break
        sleep 0.2
    done
    export MTA_DIR MTA_SUBMISSION_PORT MTA_INBOUND_PORT MTA_USER MTA_PASSWORD MTA_CA_FILE MTA_MAILDIR
    echo "==> Postfix on 127.0.0.1:$MTA_SUBMISSION_PORT (STARTTLS, AUTH) and :$MTA_INBOUND_PORT (inbound), in $MTA_DIR"
}

# Waits (up to $1 seconds, default 60) until Postfix's queue is empty.
mta_wait_idle() {
    local limit=${1:-60}
    for _ in $(seq 1 $((limit * 5))); do
        [ -z "$(find "$MTA_DIR/queue/incoming" "$MTA_DIR/queue/active" "$MTA_DIR/queue/deferred" "$MTA_DIR/queue/maildrop" -type f 2>/dev/null | head -1)" ] && return 0
        sleep 0.2
    done
    echo "mta: the queue is not empty after ${limit}s" >&2
    return 1
}

stop_mta() {
    [ -n "${MTA_DIR:-}" ] || return 0
    postfix -c "$MTA_DIR" stop >/dev/null 2>&1 || true
    sleep 0.5
    rm -rf "$MTA_DIR"
    unset MTA_DIR
}
