#!/usr/bin/env bash
# Starts the Debian PostgreSQL cluster (if it is not running) and creates the test role and database that
# `npm test` uses for its PostgreSQL pass: postgres://beian:beian@127.0.0.1:5432/beian_test
set -euo pipefail
ver=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | grep -q online; then
  pg_ctlcluster "$ver" main start
fi
for i in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
su postgres -c "psql -qtAc \"select 1 from pg_roles where rolname='beian'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"create role beian login password 'beian' createdb\""
su postgres -c "psql -qtAc \"select 1 from pg_database where datname='beian_test'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"create database beian_test owner beian\""
su postgres -c "psql -qtAc \"select 1 from pg_database where datname='beian'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"create database beian owner beian\""
echo "PostgreSQL $ver ready: postgres://beian:beian@127.0.0.1:5432/beian_test"
