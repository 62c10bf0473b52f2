#!/usr/bin/env bash
# Test-only TLS material for the mutual-TLS tests (payout-runtime/tests/mtls.rs): a CA, a
# server certificate for 127.0.0.1 and localhost, and a client certificate, all signed by
# the CA and valid for 100 years. Never use them for anything else. Regenerate with
# `bash tests/keys/tls/make.sh` (OpenSSL 1.1.1 or later).
set -euo pipefail
cd "$(dirname "$0")"
days=36500
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out test-only-ca.key
openssl req -x509 -new -key test-only-ca.key -sha256 -days $days -subj "/CN=payout test-only CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -out test-only-ca.pem
for who in server client; do
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out test-only-$who.key
  openssl req -new -key test-only-$who.key -subj "/CN=payout test-only $who" -out $who.csr
done
printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature" \
  "extendedKeyUsage=serverAuth" "subjectAltName=IP:127.0.0.1,DNS:localhost" > server.ext
printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature" \
  "extendedKeyUsage=clientAuth" > client.ext
for who in server client; do
  openssl x509 -req -in $who.csr -CA test-only-ca.pem -CAkey test-only-ca.key -CAcreateserial \
    -sha256 -days $days -extfile $who.ext -out test-only-$who.pem
done
rm -f server.csr client.csr server.ext client.ext test-only-ca.srl
