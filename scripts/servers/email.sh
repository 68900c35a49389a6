#!/usr/bin/env bash
# Email test servers: Dovecot (IMAP + LMTP, a catch-all mailbox: any address logs in with one password)
# and Postfix (SMTP on 127.0.0.1, delivering every recipient to Dovecot over LMTP). Own configs, own temp dir.
#   email.sh packages | start | stop
set -euo pipefail
BASE="${TERTULIA_TEST_SERVERS_DIR:-/tmp/tertulia-servers}/email"
# Free ports, so parallel runs (and a developer's own servers) do not collide.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
IMAP_PORT="${TERTULIA_TEST_IMAP_PORT:-$(free_port)}"
LMTP_PORT=$(free_port)
AUTH_PORT=$(free_port)
SMTP_PORT="${TERTULIA_TEST_SMTP_PORT:-$(free_port)}"
PASSWORD="tertulia-test"

stop() {
  [ -f "$BASE/postfix/main.cf" ] && postfix -c "$BASE/postfix" stop >/dev/null 2>&1 || true
  if [ -f "$BASE/run/master.pid" ]; then
    kill "$(cat "$BASE/run/master.pid")" 2>/dev/null || true
  fi
  return 0
}

start() {
  stop
  rm -rf "$BASE"
  mkdir -p "$BASE/run" "$BASE/mail" "$BASE/postfix" "$BASE/postfix-data" "$BASE/postfix-queue"
  # Postfix and Dovecot drop privileges: they must be able to walk down to their folders (mktemp -d makes 0700).
  chmod o+x "$(dirname "$BASE")" "$BASE"
  chown -R mail:mail "$BASE/mail"

  cat > "$BASE/dovecot.conf" <<CONF
base_dir = $BASE/run
state_dir = $BASE/state
log_path = $BASE/dovecot.log
listen = 127.0.0.1
protocols = imap lmtp
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 8
mail_location = maildir:$BASE/mail/%u
passdb {
  driver = static
  args = password=$PASSWORD
}
userdb {
  driver = static
  args = uid=mail gid=mail home=$BASE/mail/%u allow_all_users=yes
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $LMTP_PORT
  }
}
service auth {
  inet_listener {
    address = 127.0.0.1
    port = $AUTH_PORT
  }
}
protocol lmtp {
  postmaster_address = postmaster@localhost
}
CONF
  mkdir -p "$BASE/state"
  dovecot -c "$BASE/dovecot.conf"

  chown -R postfix: "$BASE/postfix-data"
  cp /etc/postfix/master.cf "$BASE/postfix/master.cf"
  # Every service unchrooted: the chroot would not see our temp dir.
  sed -i -E 's/^([a-z]+ +(inet|unix|fifo|pass|unix-dgram) +[-ny] +[-ny] +)[-y]( )/\1n\3/' "$BASE/postfix/master.cf"
  sed -i -E "s/^smtp +inet +/127.0.0.1:$SMTP_PORT inet /" "$BASE/postfix/master.cf"
  cat > "$BASE/postfix/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $BASE/postfix-queue
data_directory = $BASE/postfix-data
mail_owner = postfix
myhostname = mail.tertulia.test
mydomain = tertulia.test
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mydestination =
mynetworks = 127.0.0.0/8
relay_domains =
default_transport = lmtp:inet:127.0.0.1:$LMTP_PORT
relay_transport = lmtp:inet:127.0.0.1:$LMTP_PORT
local_transport = lmtp:inet:127.0.0.1:$LMTP_PORT
smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject
smtpd_recipient_restrictions = permit_mynetworks, permit_sasl_authenticated, reject
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = inet:127.0.0.1:$AUTH_PORT
smtpd_tls_security_level = none
smtp_tls_security_level = none
maillog_file = $BASE/postfix.log
maillog_file_prefixes = /var, /dev/stdout, /tmp
alias_maps =
alias_database =
biff = no
CONF
  postfix -c "$BASE/postfix" check >/dev/null 2>&1 || true
  chown -R postfix: "$BASE/postfix-data"
  postfix -c "$BASE/postfix" start >/dev/null 2>&1 || { echo "postfix failed to start" >&2; cat "$BASE/postfix.log" >&2 || true; exit 1; }

  for _ in $(seq 1 50); do
    if (exec 3<>/dev/tcp/127.0.0.1/$SMTP_PORT) 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/$IMAP_PORT) 2>/dev/null; then
      break
    fi
    sleep 0.2
  done
  echo "TERTULIA_TEST_IMAP_PORT=$IMAP_PORT"
  echo "TERTULIA_TEST_SMTP_PORT=$SMTP_PORT"
  echo "TERTULIA_TEST_MAIL_PASSWORD=$PASSWORD"
}

case "${1:-}" in
  packages) echo "dovecot-imapd dovecot-lmtpd postfix python3" ;;
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 packages|start|stop" >&2; exit 2 ;;
esac
