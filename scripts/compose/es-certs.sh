#!/usr/bin/env bash
# Transport TLS of the three-node cluster (the es-certs service of the "cluster" profile), run in the
# Elasticsearch image from its home folder: a CA and one node certificate that es01-es03 share
# (verification_mode certificate: signed by the CA; host names are not checked). Made once: a later
# run keeps them.
set -euo pipefail
certs=config/certs
if [ -f "$certs/node/node.crt" ]; then
  echo "es-certs: certificates already in $certs"
  exit 0
fi
mkdir -p "$certs"
bin/elasticsearch-certutil ca --silent --pem --out "$certs/ca.zip"
unzip -o -q "$certs/ca.zip" -d "$certs"
bin/elasticsearch-certutil cert --silent --pem --name node --ca-cert "$certs/ca/ca.crt" \
  --ca-key "$certs/ca/ca.key" --out "$certs/node.zip"
unzip -o -q "$certs/node.zip" -d "$certs"
rm -f "$certs/ca.zip" "$certs/node.zip"
chown -R 1000:0 "$certs/."  # the image's elasticsearch user
find "$certs/" -type d -exec chmod 750 {} +
find "$certs/" -type f -exec chmod 640 {} +
echo "es-certs: CA and node certificate written to $certs"
