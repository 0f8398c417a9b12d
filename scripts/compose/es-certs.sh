#!/usr/bin/env bash
# TLS of the Elasticsearch nodes, on HTTP and on the transport between nodes (the es-certs service), run
# in the Elasticsearch image from its home folder: a CA, and one node certificate that every node shares,
# valid for the names clients and nodes reach them by (SANS: the services elasticsearch, es01-es03, and
# localhost / 127.0.0.1 for the healthchecks), signed by the CA. The CA certificate alone (not its key)
# also goes to the folder of the first argument, the volume the clients mount to verify the nodes.
# Made once: a later run keeps the CA, and makes a new node certificate only when SANS changed.
#   bash es-certs.sh CA_OUT
set -euo pipefail
certs=config/certs
CA_OUT=${1:?usage: es-certs.sh CA_OUT (the folder the clients read the CA certificate from)}
SANS="dns:elasticsearch,dns:es01,dns:es02,dns:es03,dns:localhost,ip:127.0.0.1"
mkdir -p "$certs" "$CA_OUT"
if [ ! -f "$certs/ca/ca.crt" ]; then
  bin/elasticsearch-certutil ca --silent --pem --out "$certs/ca.zip"
  unzip -o -q "$certs/ca.zip" -d "$certs"
  rm -f "$certs/ca.zip"
  echo "es-certs: CA written to $certs/ca"
fi
if [ "$(cat "$certs/node/sans" 2>/dev/null)" != "$SANS" ]; then
  dns=$(tr ',' '\n' <<<"$SANS" | sed -n 's/^dns://p' | paste -sd,)
  ip=$(tr ',' '\n' <<<"$SANS" | sed -n 's/^ip://p' | paste -sd,)
  rm -rf "$certs/node" "$certs/node.zip"
  bin/elasticsearch-certutil cert --silent --pem --name node --ca-cert "$certs/ca/ca.crt" \
    --ca-key "$certs/ca/ca.key" ${dns:+--dns "$dns"} ${ip:+--ip "$ip"} --out "$certs/node.zip"
  unzip -o -q "$certs/node.zip" -d "$certs"
  rm -f "$certs/node.zip"
  echo "$SANS" >"$certs/node/sans"
  echo "es-certs: node certificate for $SANS written to $certs/node"
fi
cp "$certs/ca/ca.crt" "$CA_OUT/ca.crt"
chown -R 1000:0 "$certs/." "$CA_OUT/."  # the Elasticsearch image's user; group 0: the airflow user's group
find "$certs/" "$CA_OUT/" -type d -exec chmod 750 {} +
find "$certs/" "$CA_OUT/" -type f -exec chmod 640 {} +
echo "es-certs: certificates ready in $certs, CA certificate for clients in $CA_OUT"
